package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import dev.fakeguru.assertj.internal.MessageText;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for two call trees that differ. The assertion also reports both rendered
 * trees as the actual and expected values of the error, so IDEs offer a side-by-side diff.
 *
 * <pre>
 * Expecting call tree:
 *   profile  total WALL_TIME=40
 *   └─ main  self 0  total WALL_TIME=40
 * to be equal to:
 *   profile  total WALL_TIME=41
 *   └─ main  self WALL_TIME=1  total WALL_TIME=41
 * but they first differ at:
 *   main
 * where the actual tree has:
 *   self 0  total WALL_TIME=40
 * and the expected tree has:
 *   self WALL_TIME=1  total WALL_TIME=41
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldBeEqualToTree extends TextErrorMessageFactory {

  private ShouldBeEqualToTree(String text) {
    super(text);
  }

  /**
   * The trees differ.
   *
   * @param renderedActual the actual tree, canonically rendered
   * @param renderedExpected the expected tree, canonically rendered
   * @param path the path of the first difference (empty for the roots)
   * @param actualAt the actual counts at {@code path}, or {@code (no such frame)}
   * @param expectedAt the expected counts at {@code path}, or {@code (no such frame)}
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeEqualToTree(
      String renderedActual,
      String renderedExpected,
      List<String> path,
      String actualAt,
      String expectedAt) {
    String text =
        block("Expecting call tree", renderedActual)
            + "\n"
            + block("to be equal to", renderedExpected)
            + "\n"
            + block(
                "but they first differ at", path.isEmpty() ? "(the root)" : MessageText.path(path))
            + "\n"
            + block("where the actual tree has", actualAt)
            + "\n"
            + block("and the expected tree has", expectedAt);
    return new ShouldBeEqualToTree(text);
  }
}

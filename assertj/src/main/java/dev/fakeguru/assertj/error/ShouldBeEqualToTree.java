package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for two call trees that differ. The assertion also reports both rendered trees
 * as the actual and expected values of the error, so IDEs offer a side-by-side diff.
 *
 * <pre>
 * Expecting call tree:
 *   profile  total WALL_TIME=40
 *   └─ main  self 0  total WALL_TIME=40
 * to be equal to:
 *   profile  total WALL_TIME=41
 *   └─ main  self WALL_TIME=1  total WALL_TIME=41
 * but the first difference was at line 1:
 *   actual:   profile  total WALL_TIME=40
 *   expected: profile  total WALL_TIME=41
 * </pre>
 */
public class ShouldBeEqualToTree extends TextErrorMessageFactory {

  private ShouldBeEqualToTree(String text) {
    super(text);
  }

  /**
   * The rendered trees differ.
   *
   * @param renderedActual the actual tree, canonically rendered
   * @param renderedExpected the expected tree, canonically rendered
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeEqualToTree(String renderedActual, String renderedExpected) {
    String[] a = renderedActual.split("\n", -1);
    String[] e = renderedExpected.split("\n", -1);
    int i = 0;
    while (i < a.length && i < e.length && a[i].equals(e[i])) {
      i++;
    }
    String text =
        block("Expecting call tree", renderedActual)
            + "\n"
            + block("to be equal to", renderedExpected)
            + "\n"
            + block(
                "but the first difference was at line " + (i + 1),
                "actual:   " + (i < a.length ? a[i] : "(end of tree)") + "\nexpected: " + (i < e.length ? e[i] : "(end of tree)"));
    return new ShouldBeEqualToTree(text);
  }
}

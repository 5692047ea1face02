package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;
import static dev.fakeguru.assertj.internal.MessageText.path;

import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a call tree whose depth (frames on the longest stack) is not as expected.
 *
 * <pre>
 * Expecting the max depth of profile to be at most:
 *   2
 * but was:
 *   3
 * along the deepest stack:
 *   main &gt; handle &gt; queryDb
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveMaxDepth extends TextErrorMessageFactory {

  private ShouldHaveMaxDepth(String text) {
    super(text);
  }

  /**
   * The depth differs.
   *
   * @param subject what was checked, e.g. {@code profile}
   * @param atMost whether the expectation was an upper bound rather than an exact value
   * @param expected the expected depth
   * @param actual the actual depth
   * @param deepest one of the deepest stacks, outermost frame first
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveMaxDepth(
      String subject, boolean atMost, int expected, int actual, List<String> deepest) {
    String text =
        block(
                "Expecting the max depth of " + subject + " to be" + (atMost ? " at most" : ""),
                Integer.toString(expected))
            + "\n"
            + block("but was", Integer.toString(actual))
            + (deepest.isEmpty() ? "" : "\n" + block("along the deepest stack", path(deepest)));
    return new ShouldHaveMaxDepth(text);
  }
}

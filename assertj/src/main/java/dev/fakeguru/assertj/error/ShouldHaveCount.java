package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import java.util.Map;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a self or total sample count that differs from the expected one.
 *
 * <pre>
 * Expecting the self WALL_TIME count of:
 *   handle
 * to be:
 *   12
 * but was:
 *   10
 * (all counts: self WALL_TIME=10, total WALL_TIME=40)
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveCount extends TextErrorMessageFactory {

  private ShouldHaveCount(String text) {
    super(text);
  }

  /**
   * A count differs.
   *
   * @param kind {@code self} or {@code total}
   * @param counterType the counter type
   * @param of what was counted, e.g. a frame name or {@code profile}
   * @param expected the expected count
   * @param actual the actual count
   * @param countsSummary every count of the subject, for context
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveCount(
      String kind,
      String counterType,
      String of,
      long expected,
      long actual,
      String countsSummary) {
    String text =
        block("Expecting the " + kind + " " + counterType + " count of", of)
            + "\n"
            + block("to be", Long.toString(expected))
            + "\n"
            + block("but was", Long.toString(actual))
            + "\n(all counts: "
            + countsSummary
            + ")";
    return new ShouldHaveCount(text);
  }

  /**
   * Summarises count maps, e.g. {@code self A=1, total A=3 B=2}.
   *
   * @param self the self counts
   * @param total the total counts
   * @return the summary
   */
  public static String summary(Map<String, Long> self, Map<String, Long> total) {
    return "self " + pairs(self) + ", total " + pairs(total);
  }

  private static String pairs(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "0";
    }
    StringBuilder sb = new StringBuilder();
    new java.util.TreeMap<>(counts)
        .forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return sb.toString();
  }
}

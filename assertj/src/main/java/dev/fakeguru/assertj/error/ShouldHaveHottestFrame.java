package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.CallTrees.percent;
import static dev.fakeguru.assertj.internal.CallTrees.share;
import static dev.fakeguru.assertj.internal.MessageText.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a frame that should be the hottest one.
 *
 * <pre>
 * Expecting the hottest frame by self WALL_TIME count of profile to be:
 *   handle
 * but it was:
 *   queryDb
 * Frames by self WALL_TIME count:
 *   1. queryDb  30 (30.0%)
 *   2. handle  10 (10.0%)
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveHottestFrame extends TextErrorMessageFactory {
  /** How many ranked frames the message lists. */
  static final int MAX_LISTED = 10;

  private ShouldHaveHottestFrame(String text) {
    super(text);
  }

  /**
   * Another frame is hotter.
   *
   * @param subject what was checked, e.g. {@code profile}
   * @param kind {@code self} or {@code total}
   * @param counterType the counter type
   * @param expected the frame expected to be the hottest
   * @param ranking every frame with its count, hottest first
   * @param whole the total that shares are relative to
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveHottestFrame(
      String subject,
      String kind,
      String counterType,
      String expected,
      List<Map.Entry<String, Long>> ranking,
      long whole) {
    String label = kind + " " + counterType + " count";
    String text =
        block("Expecting the hottest frame by " + label + " of " + subject + " to be", expected)
            + "\n"
            + block(
                "but it was",
                ranking.isEmpty() ? "(no frame has samples)" : ranking.get(0).getKey())
            + "\n"
            + block("Frames by " + label, ranking(ranking, whole));
    return new ShouldHaveHottestFrame(text);
  }

  static String ranking(List<Map.Entry<String, Long>> ranking, long whole) {
    if (ranking.isEmpty()) {
      return "(none)";
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX_LISTED, ranking.size()); i++) {
      Map.Entry<String, Long> e = ranking.get(i);
      lines.add(
          (i + 1)
              + ". "
              + e.getKey()
              + "  "
              + e.getValue()
              + " ("
              + percent(share(e.getValue(), whole))
              + ")");
    }
    if (ranking.size() > MAX_LISTED) {
      lines.add("… " + (ranking.size() - MAX_LISTED) + " more");
    }
    return String.join("\n", lines);
  }
}

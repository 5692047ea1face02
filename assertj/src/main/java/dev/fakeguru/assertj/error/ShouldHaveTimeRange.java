package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import java.time.Instant;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a profile whose start, end or span differs from the expected one.
 *
 * <pre>
 * Expecting profile to cover:
 *   2024-01-02T03:00:00Z .. 2024-01-02T03:05:00Z
 * but it covered:
 *   2024-01-02T03:00:00Z .. 2024-01-02T03:04:00Z
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveTimeRange extends TextErrorMessageFactory {

  private ShouldHaveTimeRange(String text) {
    super(text);
  }

  /**
   * The span differs.
   *
   * @param expectedStart the expected start
   * @param expectedEnd the expected end
   * @param start the actual start
   * @param end the actual end
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveTimeRange(
      Instant expectedStart, Instant expectedEnd, Instant start, Instant end) {
    String text =
        block("Expecting profile to cover", expectedStart + " .. " + expectedEnd)
            + "\n"
            + block("but it covered", start + " .. " + end);
    return new ShouldHaveTimeRange(text);
  }

  /**
   * The start differs.
   *
   * @param expected the expected start
   * @param actual the actual start
   * @return the message factory
   */
  public static ErrorMessageFactory shouldStartAt(Instant expected, Instant actual) {
    return new ShouldHaveTimeRange(
        block("Expecting profile to start at", expected.toString())
            + "\n"
            + block("but it started at", actual.toString()));
  }

  /**
   * The end differs.
   *
   * @param expected the expected end
   * @param actual the actual end
   * @return the message factory
   */
  public static ErrorMessageFactory shouldEndAt(Instant expected, Instant actual) {
    return new ShouldHaveTimeRange(
        block("Expecting profile to end at", expected.toString())
            + "\n"
            + block("but it ended at", actual.toString()));
  }
}

package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import java.time.Instant;
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
public class ShouldHaveTimeRange extends TextErrorMessageFactory {

  private ShouldHaveTimeRange(String text) {
    super(text);
  }

  /** The span differs. */
  public static ErrorMessageFactory shouldHaveTimeRange(Instant expectedStart, Instant expectedEnd, Instant start, Instant end) {
    String text =
        block("Expecting profile to cover", expectedStart + " .. " + expectedEnd)
            + "\n"
            + block("but it covered", start + " .. " + end);
    return new ShouldHaveTimeRange(text);
  }

  /** The start differs. */
  public static ErrorMessageFactory shouldStartAt(Instant expected, Instant actual) {
    return new ShouldHaveTimeRange(
        block("Expecting profile to start at", expected.toString()) + "\n" + block("but it started at", actual.toString()));
  }

  /** The end differs. */
  public static ErrorMessageFactory shouldEndAt(Instant expected, Instant actual) {
    return new ShouldHaveTimeRange(
        block("Expecting profile to end at", expected.toString()) + "\n" + block("but it ended at", actual.toString()));
  }
}

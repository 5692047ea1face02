package dev.fakeguru.profile;

import org.apiguardian.api.API;

/**
 * The range of source lines observed for a frame: the agent format's {@code "line": [n]} or {@code
 * "line": [min, max]}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * LineRange lines = LineRange.of(54, 55);
 * lines.widen(LineRange.of(60)); // 54..60
 * }</pre>
 *
 * @param first the smallest line number, at least 0
 * @param last the largest line number, at least {@code first}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LineRange(int first, int last) {

  /** Checks the bounds. */
  public LineRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException(
          "A line range needs 0 <= first <= last, but was [" + first + ", " + last + "]");
    }
  }

  /** A range holding exactly one line. */
  public static LineRange of(int line) {
    return new LineRange(line, line);
  }

  /** A range from {@code first} to {@code last}, both included. */
  public static LineRange of(int first, int last) {
    return new LineRange(first, last);
  }

  /** Whether the range holds one line only (the agent format writes it as {@code [n]}). */
  public boolean isSingleLine() {
    return first == last;
  }

  /** The smallest range that holds both this range and {@code other}. */
  public LineRange widen(LineRange other) {
    if (other == null) {
      return this;
    }
    return new LineRange(Math.min(first, other.first), Math.max(last, other.last));
  }

  @Override
  public String toString() {
    return isSingleLine() ? "[" + first + "]" : "[" + first + ", " + last + "]";
  }
}

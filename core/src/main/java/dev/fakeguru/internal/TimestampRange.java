package dev.fakeguru.internal;

import java.time.Instant;

/**
 * The instants the API's timestamps can carry: years 0001 to 9999, as every AWS SDK parses them.
 * Anything the fake accepts (a query parameter, a clock setting, a stored profile's start and end)
 * stays inside, so that every answer can show it. Internal.
 */
public final class TimestampRange {
  /** The first instant: 0001-01-01T00:00:00Z. */
  public static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

  /** The last instant: 9999-12-31T23:59:59.999999999Z. */
  public static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private TimestampRange() {}

  /** Whether {@code t} lies in years 0001 to 9999. */
  public static boolean contains(Instant t) {
    return !t.isBefore(FIRST) && !t.isAfter(LAST);
  }
}

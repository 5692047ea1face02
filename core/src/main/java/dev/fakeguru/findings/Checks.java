package dev.fakeguru.findings;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** The argument checks the findings values share; every failure names the member. */
final class Checks {
  /** The API's AnomalyInstanceId and FindingsReportId pattern: a lower-case UUID. */
  static final java.util.regex.Pattern UUID =
      java.util.regex.Pattern.compile(
          "[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}");

  private Checks() {}

  static String text(String value, String member) {
    if (value == null) {
      throw new IllegalArgumentException(member + " is required");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(member + " must not be blank");
    }
    return value;
  }

  static String uuid(String value, String member) {
    Objects.requireNonNull(value, member);
    if (!UUID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          member
              + " must be a lower-case UUID such as 0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11, but was '"
              + value
              + "'");
    }
    return value;
  }

  /** A percentage, 0 to 100 as the API's {@code Percentage} shape. */
  static double percent(double value, String member) {
    if (!(value >= 0 && value <= 100)) {
      throw new IllegalArgumentException(
          member + " must be a percentage from 0 to 100, but was " + value);
    }
    return value;
  }

  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

  /** The instant to the millisecond, as the API carries timestamps (years 0001 to 9999). */
  static Instant millis(Instant value, String member) {
    Instant t = Objects.requireNonNull(value, member).truncatedTo(ChronoUnit.MILLIS);
    if (t.isBefore(FIRST) || t.isAfter(LAST)) {
      throw new IllegalArgumentException(
          member + " must lie in the years 0001 to 9999, as API timestamps do, but was " + value);
    }
    return t;
  }

  /** {@code start} before {@code end}, both to the millisecond. */
  static void ordered(Instant start, Instant end, String startMember, String endMember) {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(
          startMember
              + " must be before "
              + endMember
              + ", but "
              + startMember
              + " is "
              + start
              + " and "
              + endMember
              + " is "
              + end);
    }
  }

  /** An immutable copy of a list of non-null strings. */
  static List<String> strings(List<String> values, String member) {
    Objects.requireNonNull(values, member);
    for (String v : values) {
      Objects.requireNonNull(v, member + " must not contain null");
    }
    return List.copyOf(values);
  }
}

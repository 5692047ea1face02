package dev.fakeguru.internal.engine;

import dev.fakeguru.findings.FindingsReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The findings reports of one profiling group, derived from the time spans of its findings: a daily
 * report for every UTC day a span overlaps, and a report for every scripted span that is not itself
 * a whole UTC day; each counts the findings its range overlaps. Stateless. Internal.
 */
final class FindingsReports {
  static final Duration DAY = Duration.ofDays(1);

  /** Reports in the order ListFindingsReports answers them: by start, then end, then id. */
  static final Comparator<FindingsReport> CHRONOLOGICAL =
      Comparator.comparing(FindingsReport::profileStartTime)
          .thenComparing(FindingsReport::profileEndTime)
          .thenComparing(FindingsReport::id);

  private FindingsReports() {}

  /** A report as the public {@link FindingsReport} describes it. */
  record Report(
      String id,
      String profilingGroupName,
      Instant profileStartTime,
      Instant profileEndTime,
      int totalNumberOfFindings,
      boolean daily)
      implements FindingsReport {}

  /** A finding's time span: {@code [start, end)}, where an empty span stands for its instant. */
  record Span(Instant start, Instant end) {
    boolean overlaps(Instant from, Instant to) {
      Instant effectiveEnd = end.isAfter(start) ? end : start.plusNanos(1);
      return start.isBefore(to) && effectiveEnd.isAfter(from);
    }

    boolean isUtcDay() {
      return start.equals(start.truncatedTo(ChronoUnit.DAYS)) && end.equals(start.plus(DAY));
    }
  }

  /**
   * The reports of {@code group}.
   *
   * @param scripted the spans of the recommendations and the closed anomaly instances
   * @param all every finding's spans (open instances included)
   * @param count how many findings overlap a range
   */
  static List<FindingsReport> of(
      String group,
      List<Span> scripted,
      List<Span> all,
      BiFunction<Instant, Instant, Integer> count) {
    TreeSet<Instant> days = new TreeSet<>();
    for (Span s : all) {
      Instant last = s.end().isAfter(s.start()) ? s.end().minusNanos(1) : s.start();
      for (Instant d = s.start().truncatedTo(ChronoUnit.DAYS); !d.isAfter(last); d = d.plus(DAY)) {
        days.add(d);
      }
    }
    List<FindingsReport> out = new ArrayList<>();
    for (Instant d : days) {
      add(out, group, d, d.plus(DAY), true, count);
    }
    scripted.stream()
        .filter(s -> !s.isUtcDay())
        .distinct()
        .forEach(s -> add(out, group, s.start(), s.end(), false, count));
    out.sort(CHRONOLOGICAL);
    return out;
  }

  private static void add(
      List<FindingsReport> out,
      String group,
      Instant start,
      Instant end,
      boolean daily,
      BiFunction<Instant, Instant, Integer> count) {
    int n = count.apply(start, end);
    if (n > 0) {
      out.add(new Report(id(group, start, end), group, start, end, n, daily));
    }
  }

  /** The same id for the same group and range, in the API's lower-case UUID form. */
  static String id(String group, Instant start, Instant end) {
    return UUID.nameUUIDFromBytes(
            (group + "/" + start + "/" + end).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}

package dev.fakeguru.assertj.internal;

import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.conformance.Evidence;
import dev.fakeguru.conformance.RuleVerdict;
import dev.fakeguru.conformance.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Renders a conformance report's verdicts for failure messages, the way the report's own text does:
 * the verdict, the rule, the summary, the rule's requirement for a failure, then each piece of
 * evidence as {@code #sequence (+seconds since the first call) description}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ConformanceText {
  private ConformanceText() {}

  /** One verdict with its evidence, over several lines. */
  public static String verdict(ConformanceReport report, RuleVerdict v) {
    StringBuilder sb =
        new StringBuilder(String.format(Locale.ROOT, "%-13s", v.verdict().label()))
            .append(v.rule().id())
            .append(": ")
            .append(v.summary());
    if (v.verdict() == Verdict.FAIL) {
      sb.append("\n  rule: ").append(v.rule().requirement());
    }
    for (Evidence e : v.evidence()) {
      Instant origin = report.firstCallAt().orElse(e.at());
      sb.append("\n  #")
          .append(e.sequences().get(0))
          .append(" (+")
          .append(
              String.format(
                  Locale.ROOT, "%.3f s", Duration.between(origin, e.at()).toNanos() / 1e9))
          .append(") ")
          .append(e.description());
    }
    return sb.toString();
  }

  /** {@code 14 passed, 2 not observed}: the verdicts other than failures, counted. */
  public static String others(ConformanceReport report) {
    return count(report, Verdict.PASS)
        + " passed, "
        + count(report, Verdict.NOT_OBSERVED)
        + " not observed";
  }

  private static long count(ConformanceReport report, Verdict kind) {
    return report.verdicts().stream().filter(v -> v.verdict() == kind).count();
  }
}

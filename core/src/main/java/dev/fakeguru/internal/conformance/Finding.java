package dev.fakeguru.internal.conformance;

import dev.fakeguru.conformance.ConformanceRule;
import dev.fakeguru.conformance.Evidence;
import dev.fakeguru.conformance.RuleVerdict;
import dev.fakeguru.conformance.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one rule found while it walked the agent's calls: how many cases it judged, the violations
 * and a few observations, turned into a {@link RuleVerdict} at the end. Not thread-safe (confined
 * to one check). Internal.
 */
final class Finding {
  private final ConformanceRule rule;
  private final List<Evidence> violations = new ArrayList<>();
  private final List<Evidence> observations = new ArrayList<>();
  private int violationCount;
  private int judged;

  Finding(ConformanceRule rule) {
    this.rule = rule;
  }

  /** Counts one case the rule judged. */
  void judged() {
    judged++;
  }

  /** A case that broke the rule (count it with {@link #judged()} too), citing other calls. */
  void violation(AgentCall at, String description, AgentCall... cited) {
    violationCount++;
    if (violations.size() < Tolerances.EVIDENCE_SHOWN) {
      violations.add(Reports.evidence(at, description, cited));
    }
  }

  /** A fact shown with a verdict that is not a failure (the deciding case, a tolerated one). */
  void observation(AgentCall at, String description, AgentCall... cited) {
    if (observations.size() < 3) {
      observations.add(Reports.evidence(at, description, cited));
    }
  }

  boolean failed() {
    return violationCount > 0;
  }

  /**
   * The verdict: failed with the violations, passed with the observations, or not observed for
   * {@code notObserved} when nothing was judged.
   *
   * @param unit what a judged case is, singular ("post", "interval")
   */
  RuleVerdict verdict(String unit, String notObserved) {
    if (violationCount > 0) {
      return Reports.verdict(
          rule,
          Verdict.FAIL,
          count(violationCount, "violation") + " in " + count(judged, unit) + " judged",
          violations);
    }
    if (judged == 0) {
      return Reports.verdict(rule, Verdict.NOT_OBSERVED, notObserved, List.of());
    }
    return Reports.verdict(
        rule, Verdict.PASS, count(judged, unit) + " judged, none broke the rule", observations);
  }

  static String count(long n, String unit) {
    return n + " " + (n == 1 ? unit : unit + "s");
  }

  /** A duration as seconds with milliseconds, e.g. {@code 12.345 s}. */
  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
  }
}

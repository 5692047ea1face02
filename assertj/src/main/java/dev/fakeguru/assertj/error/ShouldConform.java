package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import dev.fakeguru.assertj.internal.ConformanceText;
import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.conformance.ConformanceRule;
import dev.fakeguru.conformance.RuleVerdict;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the messages for an agent that does not conform as expected: each failed rule with its
 * evidence (the calls by sequence number, with the times and values compared).
 *
 * <pre>
 * Expecting the agent of profiling group 'g' to conform,
 * but it broke 1 of 18 rules (13 passed, 4 not observed):
 *   FAIL         minimum-reporting-time: 1 violation in 1 post interval judged
 *     rule: Two new posts are never closer than MinimumTimeForReportingInMilliseconds.
 *     #3 (+10.000 s) PostAgentProfile came 10.000 s after the post #2; MinimumTimeForReportingInMilliseconds is 60000 (1 s tolerance)
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldConform extends TextErrorMessageFactory {

  private ShouldConform(String text) {
    super(text);
  }

  /**
   * The agent broke rules, or made no call at all.
   *
   * @param report the report
   * @return the message factory
   */
  public static ErrorMessageFactory shouldConform(ConformanceReport report) {
    String expecting = "Expecting the agent of " + group(report) + " to conform,\n";
    if (report.agentCalls() == 0) {
      return new ShouldConform(
          expecting + "but no ConfigureAgent or PostAgentProfile call for it arrived.");
    }
    List<RuleVerdict> failures = report.failures();
    return new ShouldConform(
        expecting
            + block(
                "but it broke "
                    + failures.size()
                    + " of "
                    + report.verdicts().size()
                    + " rules ("
                    + ConformanceText.others(report)
                    + ")",
                verdicts(report, failures)));
  }

  /**
   * The agent failed other rules than expected.
   *
   * @param report the report
   * @param expected the rules expected to fail, and only them
   * @return the message factory
   */
  public static ErrorMessageFactory shouldFailOnly(
      ConformanceReport report, Set<ConformanceRule> expected) {
    List<RuleVerdict> failures = report.failures();
    List<RuleVerdict> notFailed =
        expected.stream()
            .map(report::verdict)
            .filter(v -> !failures.contains(v))
            .sorted((a, b) -> a.rule().compareTo(b.rule()))
            .toList();
    StringBuilder sb =
        new StringBuilder(
            block("Expecting the agent of " + group(report) + " to fail only", ids(expected)));
    sb.append('\n')
        .append(
            block(
                "but it failed",
                failures.isEmpty()
                    ? "(no rule)"
                    : ids(failures.stream().map(RuleVerdict::rule).collect(Collectors.toSet()))));
    if (!failures.isEmpty()) {
      sb.append('\n').append(block("failures", verdicts(report, failures)));
    }
    if (!notFailed.isEmpty()) {
      sb.append('\n').append(block("expected to fail but did not", verdicts(report, notFailed)));
    }
    return new ShouldConform(sb.toString());
  }

  private static String group(ConformanceReport report) {
    return "profiling group '" + report.profilingGroup() + "'";
  }

  private static String ids(Set<ConformanceRule> rules) {
    return rules.stream().sorted().map(ConformanceRule::id).collect(Collectors.joining(", "));
  }

  private static String verdicts(ConformanceReport report, List<RuleVerdict> verdicts) {
    return verdicts.stream()
        .map(v -> ConformanceText.verdict(report, v))
        .collect(Collectors.joining("\n"));
  }
}

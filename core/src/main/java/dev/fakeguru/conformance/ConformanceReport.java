package dev.fakeguru.conformance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How a profiling agent behaved, judged from what the fake recorded for one profiling group in a
 * window: a {@link RuleVerdict} for every {@link ConformanceRule}, in the rules' order, with
 * evidence, and notes on what limits the judgement (forgotten calls, several agents in one group).
 * Only the agent's calls count: ConfigureAgent and PostAgentProfile naming the group.
 *
 * <p>Made by {@code ProfilerFake.conformance(group)}, by a {@link ScenarioRun}, and (as JSON or
 * this report's {@link #toText() text}) by the admin API's {@code GET /__fakeguru/conformance}. A
 * snapshot: later calls do not change it. Immutable and thread-safe.
 *
 * <pre>{@code
 * ConformanceReport report = fake.conformance("my-app");
 * assertThat(report.failures()).isEmpty();
 * System.out.println(report.toText());
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ConformanceReport {

  /**
   * The profiling group judged.
   *
   * @return the group name
   */
  String profilingGroup();

  /**
   * The start of the window: calls that arrived earlier were not judged.
   *
   * @return the instant, empty when every retained call was judged
   */
  Optional<Instant> since();

  /**
   * When the report was made, on the fake's clock: the end of the window.
   *
   * @return the instant
   */
  Instant madeAt();

  /**
   * When the first of the judged calls arrived, on the fake's clock: the origin of the offsets
   * ({@code +12.345 s}) that {@link #toText()} prints beside each piece of evidence.
   *
   * @return the instant, empty when no call was judged
   */
  Optional<Instant> firstCallAt();

  /**
   * How many of the agent's calls (ConfigureAgent and PostAgentProfile) were judged.
   *
   * @return the count
   */
  int agentCalls();

  /**
   * How many of them were posts.
   *
   * @return the count
   */
  int posts();

  /**
   * Every rule's verdict, in the order of {@link ConformanceRule#values()}.
   *
   * @return an immutable list with one entry per rule
   */
  List<RuleVerdict> verdicts();

  /**
   * One rule's verdict.
   *
   * @param rule the rule
   * @return its verdict
   */
  default RuleVerdict verdict(ConformanceRule rule) {
    return verdicts().stream().filter(v -> v.rule() == rule).findFirst().orElseThrow();
  }

  /**
   * The verdicts that failed, in rule order.
   *
   * @return an immutable list
   */
  default List<RuleVerdict> failures() {
    return verdicts().stream().filter(v -> v.verdict() == Verdict.FAIL).toList();
  }

  /**
   * Whether the agent conforms: it made at least one call in the window and broke no rule (rules
   * not observed do not count against it). An empty window does not pass: nothing was judged.
   *
   * @return true when no rule failed and some call was judged
   */
  default boolean passes() {
    return agentCalls() > 0 && failures().isEmpty();
  }

  /**
   * What limits the judgement: calls the journal forgot (its {@code maxRecordedCalls}), several
   * fleet instances in one group, an empty window.
   *
   * @return an immutable list of sentences, possibly empty
   */
  List<String> notes();

  /**
   * The report as plain text: a headline, the window, the notes, then one line per rule (failures
   * first, then the rules not observed, then the rules passed), each failure followed by the rule's
   * requirement and its evidence as {@code #sequence (+seconds since the first call) what
   * happened}. This is what the admin API serves as {@code text/plain} and what the standalone
   * server prints after a scenario.
   *
   * @return the text, lines separated by {@code \n}, ending with a line break
   */
  String toText();
}

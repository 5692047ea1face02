package dev.fakeguru.internal.conformance;

import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.conformance.ConformanceRule;
import dev.fakeguru.conformance.RuleVerdict;
import dev.fakeguru.internal.engine.Engine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges a profiling agent from the engine's journal: reads the agent's calls for one group and
 * window ({@link AgentTimeline}) and runs every {@link ConformanceRule} over them. The Java API's
 * {@code conformance(group)}, the admin API's {@code conformance} resource and the scenario runner
 * all make their reports here. Thread-safe (each check works on its own snapshot). Internal.
 */
public final class ConformanceChecker {
  private ConformanceChecker() {}

  /**
   * The report for {@code group} over the calls that arrived in {@code [since, until]}.
   *
   * @param since the start of the window, or null for every retained call
   * @param until the end of the window, or null for now
   */
  public static ConformanceReport check(Engine engine, String group, Instant since, Instant until) {
    Objects.requireNonNull(group, "group");
    Instant madeAt = until != null ? until : engine.now();
    AgentTimeline t = AgentTimeline.read(engine.journal(), group, since, until);
    Map<ConformanceRule, RuleVerdict> verdicts = new EnumMap<>(ConformanceRule.class);
    for (RuleVerdict v :
        List.of(
            ScheduleRules.firstCall(t),
            ScheduleRules.configureCadence(t),
            ScheduleRules.shouldProfileFalse(t),
            ScheduleRules.reportingPeriod(t),
            ScheduleRules.minimumReportingTime(t),
            PostRules.decodes(t, engine.settings().codecLimits()),
            PostRules.timeRange(t),
            PostRules.duration(t),
            PostRules.samplingInterval(t),
            PostRules.maxStackDepth(t),
            PostRules.agentMetadata(t),
            RetryRules.profileToken(t),
            RetryRules.backoff(t),
            RetryRules.noRetryAfterClientError(t),
            ScheduleRules.stopAfterNotFound(t),
            RequestRules.userAgent(t),
            RequestRules.contentType(t),
            RequestRules.signature(t))) {
      verdicts.put(v.rule(), v);
    }
    if (verdicts.size() != ConformanceRule.values().length) {
      throw new IllegalStateException("a rule has no check: " + verdicts.keySet());
    }
    int posts = (int) t.calls.stream().filter(AgentCall::isPost).count();
    return new Reports.Report(
        group,
        Optional.ofNullable(since),
        madeAt,
        t.calls.isEmpty() ? Optional.empty() : Optional.of(t.calls.get(0).at()),
        t.calls.size(),
        posts,
        new ArrayList<>(verdicts.values()),
        notes(t));
  }

  private static List<String> notes(AgentTimeline t) {
    List<String> notes = new ArrayList<>();
    if (t.calls.isEmpty()) {
      notes.add(
          "No ConfigureAgent or PostAgentProfile call naming profiling group '"
              + t.group
              + "' arrived in the window.");
    }
    if (t.evictedCalls > 0) {
      notes.add(
          "The journal forgot its oldest "
              + Finding.count(t.evictedCalls, "call")
              + " (maxRecordedCalls); the rules judge the calls it kept.");
    }
    if (t.evictedPosts > 0) {
      notes.add(
          "The journal forgot its oldest "
              + Finding.count(t.evictedPosts, "post")
              + " (maxRecordedProfilePosts); their bodies are not judged.");
    }
    if (t.fleetInstanceIds.size() > 1) {
      notes.add(
          t.fleetInstanceIds.size()
              + " fleet instances called ConfigureAgent for this group "
              + t.fleetInstanceIds
              + "; the rules read the group's calls as one agent's.");
    }
    return notes;
  }
}

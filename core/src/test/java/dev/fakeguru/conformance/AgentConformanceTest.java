package dev.fakeguru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.conformance.SimulatedAgent.Flaw;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every conformance rule, passing and failing, judged on simulated agents that talk to the fake
 * over real HTTP through the real AWS SDK v2 client (signed, verified with requireSignatures): a
 * compliant agent steered through pauses, a period change, a throttle, a 500 and a 404 passes every
 * rule, and each flawed agent fails exactly the rule its flaw breaks, with the evidence that shows
 * it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentConformanceTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  static final String GROUP = "my-agent";

  /** Profile every 10 s, pause 30-50 s, throttle, 500, 404 on ConfigureAgent, then every 5 s. */
  static final AgentScenario SCENARIO =
      AgentScenario.builder(
              AgentConfiguration.fastReporting(10)
                  .withAgentParameter(AgentConfiguration.MAX_STACK_DEPTH, "32"))
          .throttleAt(Duration.ofSeconds(15), Operation.POST_AGENT_PROFILE)
          .pauseAt(Duration.ofSeconds(30))
          .resumeAt(Duration.ofSeconds(50))
          .internalErrorAt(Duration.ofSeconds(65), Operation.POST_AGENT_PROFILE)
          .faultAt(
              Duration.ofSeconds(75),
              Operation.CONFIGURE_AGENT,
              ProfilerFault.notFound("Profiling group 'my-agent' does not exist."))
          .periodAt(Duration.ofSeconds(80), 5)
          .endAt(Duration.ofSeconds(110));

  static SettableClock clock;
  static FakeCodeGuruProfiler fake;

  /** The compliant agent's report, made once: every rule's passing test reads it. */
  static ConformanceReport compliant;

  @BeforeAll
  static void startFake() {
    clock = SettableClock.at(T0);
    fake =
        FakeCodeGuruProfiler.builder()
            .clock(clock)
            .profilingGroup(GROUP)
            .requireSignatures(SimulatedAgent.KEY_ID, SimulatedAgent.SECRET)
            .start();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @BeforeEach
  void resetFake() {
    fake.reset();
  }

  static ConformanceReport run(Set<Flaw> flaws) {
    ScenarioRun run = fake.startScenario(GROUP, SCENARIO);
    new SimulatedAgent(fake, clock, GROUP, flaws).runUntil(run.endsAt());
    return run.awaitEnd(Duration.ofSeconds(5));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ConformanceRule.class)
  void a_compliant_agent_passes(ConformanceRule rule) {
    // GIVEN a compliant agent steered through the whole scenario
    if (compliant == null) {
      compliant = run(Set.of());
    }
    ConformanceReport report = compliant;

    // THEN the rule was observed and passed
    RuleVerdict verdict = report.verdict(rule);
    assertThat(verdict.verdict()).as(report.toText()).isEqualTo(Verdict.PASS);
    assertThat(report.passes()).as(report.toText()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Flaw.class)
  void a_flawed_agent_fails_only_the_rule_it_breaks_with_the_evidence(Flaw flaw) {
    // GIVEN an agent with one flaw, steered through the same scenario
    ConformanceReport report = run(Set.of(flaw));

    // THEN exactly its rule fails, and the report shows the evidence
    assertThat(report.failures())
        .as(report.toText())
        .extracting(RuleVerdict::rule)
        .containsExactly(flaw.rule);
    RuleVerdict failed = report.verdict(flaw.rule);
    assertThat(failed.evidence()).isNotEmpty();
    assertThat(report.toText())
        .contains("FAIL         " + flaw.rule.id() + ": ")
        .contains(failed.evidence().get(0).description());
    assertThat(report.passes()).isFalse();
  }

  @Test
  void every_rule_has_a_flaw_that_breaks_it() {
    assertThat(Arrays.stream(Flaw.values()).map(f -> f.rule))
        .containsExactlyInAnyOrder(ConformanceRule.values());
  }

  @Test
  void the_scenario_window_is_exactly_the_run() {
    ConformanceReport report = run(EnumSet.noneOf(Flaw.class));

    assertThat(report.since()).contains(T0);
    assertThat(report.madeAt()).isEqualTo(T0.plus(SCENARIO.end()));
    assertThat(report.agentCalls()).isEqualTo(fake.recordedCalls().size());
  }
}

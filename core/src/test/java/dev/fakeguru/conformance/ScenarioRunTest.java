package dev.fakeguru.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.server.TestClients;
import dev.fakeguru.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.InternalServerException;
import software.amazon.awssdk.services.codeguruprofiler.model.ThrottlingException;

/**
 * The scenario runner through the real SDK: ConfigureAgent answers follow the schedule on the
 * fake's clock, faults fire once at their moment, stopping restores the fake's own answers, and the
 * end comes with a settable clock or with real time.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScenarioRunTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");

  SettableClock clock = SettableClock.at(T0);
  FakeCodeGuruProfiler fake;
  CodeGuruProfilerClient client;

  @BeforeEach
  void start() {
    fake = FakeCodeGuruProfiler.builder().clock(clock).profilingGroup("g").start();
    client = TestClients.sdk(fake);
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  /** shouldProfile and periodInSeconds as ConfigureAgent answers them now. */
  String configureAgent() {
    var c = client.configureAgent(b -> b.profilingGroupName("g")).configuration();
    return c.shouldProfile() + "/" + c.periodInSeconds();
  }

  void post() {
    TestClients.post(
        client, "g", Profile.builder().start(T0).end(T0.plusSeconds(1)).stack(1, "main").build());
  }

  @Test
  void configure_agent_answers_follow_the_schedule_on_the_fakes_clock() {
    // GIVEN profile every 10 s, pause at 20 s, period 5 at 40 s, resume at 50 s
    fake.startScenario(
        "g",
        AgentScenario.builder(AgentConfiguration.fastReporting(10))
            .pauseAt(Duration.ofSeconds(20))
            .periodAt(Duration.ofSeconds(40), 5)
            .resumeAt(Duration.ofSeconds(50))
            .endAt(Duration.ofSeconds(60)));
    // THEN each answer is the one in force at the fake's time
    assertThat(configureAgent()).isEqualTo("true/10");
    clock.advance(Duration.ofSeconds(19));
    assertThat(configureAgent()).isEqualTo("true/10");
    clock.advance(Duration.ofSeconds(1));
    assertThat(configureAgent()).isEqualTo("false/10");
    clock.advance(Duration.ofSeconds(20));
    assertThat(configureAgent()).isEqualTo("false/5");
    clock.advance(Duration.ofSeconds(10));
    assertThat(configureAgent()).isEqualTo("true/5");
  }

  @Test
  void a_shorter_period_brings_the_minimum_reporting_time_down_with_it() {
    AgentScenario scenario =
        AgentScenario.builder(AgentConfiguration.fastReporting(10))
            .periodAt(Duration.ofSeconds(40), 5)
            .endAt(Duration.ofSeconds(60));

    AgentConfiguration shorter = scenario.configurations().get(Duration.ofSeconds(40));
    assertThat(shorter.periodInSeconds()).isEqualTo(5);
    assertThat(shorter.agentParameters())
        .containsEntry(AgentConfiguration.MINIMUM_TIME_FOR_REPORTING_IN_MILLISECONDS, "5000")
        .containsEntry(AgentConfiguration.REPORTING_INTERVAL_IN_MILLISECONDS, "5000")
        .containsEntry(AgentConfiguration.SAMPLING_INTERVAL_IN_MILLISECONDS, "100");
  }

  @Test
  void faults_fire_once_on_the_first_call_at_or_after_their_moment() {
    fake.startScenario(
        "g",
        AgentScenario.builder(AgentConfiguration.fastReporting(10))
            .throttleAt(Duration.ofSeconds(10), Operation.POST_AGENT_PROFILE)
            .internalErrorAt(Duration.ofSeconds(30), Operation.POST_AGENT_PROFILE)
            .endAt(Duration.ofSeconds(60)));

    post(); // before the moment: accepted
    clock.advance(Duration.ofSeconds(12));
    assertThat(catchThrowableOfType(ThrottlingException.class, this::post)).isNotNull();
    post(); // fired once
    clock.advance(Duration.ofSeconds(30));
    assertThat(catchThrowableOfType(InternalServerException.class, this::post)).isNotNull();
    post();
    assertThat(fake.recordedCalls(Operation.POST_AGENT_PROFILE))
        .extracting(c -> c.status())
        .containsExactly(204, 429, 204, 500, 204);
  }

  @Test
  void stopping_restores_the_fakes_own_answers_and_removes_unfired_faults() {
    ScenarioRun run =
        fake.startScenario(
            "g",
            AgentScenario.builder(AgentConfiguration.fastReporting(10).withShouldProfile(false))
                .throttleAt(Duration.ofSeconds(10), Operation.POST_AGENT_PROFILE)
                .endAt(Duration.ofSeconds(60)));
    assertThat(configureAgent()).isEqualTo("false/10");

    run.stop();
    clock.advance(Duration.ofSeconds(20));

    assertThat(configureAgent()).isEqualTo("true/300"); // AgentConfiguration.defaults()
    post();
    assertThat(fake.activeFaults()).isEmpty();
  }

  @Test
  void queued_answers_come_before_the_schedule_and_a_reset_forgets_the_schedule() {
    fake.startScenario("g", AgentScenario.named(AgentScenario.STEADY, 10));
    fake.enqueueConfigureAgent("g", AgentConfiguration.defaults().withPeriodInSeconds(42));

    assertThat(configureAgent()).isEqualTo("true/42");
    assertThat(configureAgent()).isEqualTo("true/10");
    fake.reset();
    assertThat(configureAgent()).isEqualTo("true/300");
  }

  @Test
  void the_report_covers_the_run_from_its_start_to_its_end() {
    configureAgent(); // before the run: outside its window
    clock.advance(Duration.ofSeconds(5));
    ScenarioRun run = fake.startScenario("g", AgentScenario.named(AgentScenario.STEADY, 10));
    configureAgent();
    clock.advance(Duration.ofSeconds(41));
    configureAgent(); // after the end: outside its window

    assertThat(run.isOver()).isTrue();
    ConformanceReport report = run.awaitEnd(Duration.ofSeconds(1));
    assertThat(report.since()).contains(T0.plusSeconds(5));
    assertThat(report.madeAt()).isEqualTo(T0.plusSeconds(45));
    assertThat(report.agentCalls()).isEqualTo(1);
    assertThat(report.verdict(ConformanceRule.FIRST_CALL_IS_CONFIGURE_AGENT).verdict())
        .isEqualTo(Verdict.NOT_OBSERVED);
  }

  @Test
  void awaiting_an_end_the_clock_does_not_reach_fails_saying_where_the_clock_stands() {
    ScenarioRun run = fake.startScenario("g", AgentScenario.named(AgentScenario.STEADY, 10));

    AssertionError error =
        catchThrowableOfType(AssertionError.class, () -> run.awaitEnd(Duration.ofMillis(50)));

    assertThat(error)
        .hasMessage(
            "The scenario 'steady' for profiling group 'g' ends at 2024-01-02T03:00:40Z on the"
                + " fake's clock, which shows 2024-01-02T03:00:00Z after waiting PT0.05S; move a"
                + " SettableClock or wait longer.");
  }

  @Test
  void with_real_time_the_end_comes_by_itself() {
    try (FakeCodeGuruProfiler ticking =
        FakeCodeGuruProfiler.builder().clock(SettableClock.ticking()).profilingGroup("g").start()) {
      ScenarioRun run =
          ticking.startScenario(
              "g",
              AgentScenario.builder(AgentConfiguration.fastReporting(1))
                  .endAt(Duration.ofMillis(300)));
      long started = System.nanoTime();

      ConformanceReport report = run.awaitEnd(Duration.ofSeconds(10));

      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(250));
      assertThat(run.isOver()).isTrue();
      assertThat(report.passes()).isFalse(); // no agent called: nothing was judged
      assertThat(report.notes())
          .containsExactly(
              "No ConfigureAgent or PostAgentProfile call naming profiling group 'g' arrived in the"
                  + " window.");
    }
  }

  @Test
  void named_scenarios_are_timed_in_periods() {
    AgentScenario full = AgentScenario.named(AgentScenario.FULL, 10);

    assertThat(full.end()).isEqualTo(Duration.ofSeconds(110));
    assertThat(full.configurations().keySet())
        .containsExactly(
            Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(50), Duration.ofSeconds(80));
    assertThat(full.faults())
        .extracting(f -> f.at().toMillis() + " " + f.operation() + " " + f.fault().status())
        .containsExactly("15000 PostAgentProfile 429", "65000 PostAgentProfile 500");
    assertThat(full.describe())
        .startsWith("scenario full:\n  at PT0S: ConfigureAgent answers shouldProfile=true,")
        .endsWith("\n  at PT1M50S: the end");
    assertThat(AgentScenario.names()).containsExactly("steady", "full");
  }

  @Test
  void bad_scenarios_are_refused_with_the_reason() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentScenario.named("chaos", 10))
        .withMessage("Unknown scenario 'chaos'; the named scenarios are [steady, full].");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentScenario.named(AgentScenario.FULL, 0))
        .withMessage("periodInSeconds must be at least 1, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                AgentScenario.builder(AgentConfiguration.defaults())
                    .pauseAt(Duration.ofSeconds(30))
                    .endAt(Duration.ofSeconds(30)))
        .withMessage("the end PT30S must come after the last step, at PT30S");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                AgentScenario.builder(AgentConfiguration.defaults())
                    .pauseAt(Duration.ofSeconds(-1)))
        .withMessage("an offset must not be negative, but was PT-1S");
  }
}

package dev.fakeguru.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.server.TestClients;
import dev.fakeguru.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * What a report judges: the window it is given, only the answers that reached the agent intact, and
 * what limits it (calls the journal forgot, several agents in one group), said in its notes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConformanceWindowTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");

  final SettableClock clock = SettableClock.at(T0);
  FakeCodeGuruProfiler fake;
  CodeGuruProfilerClient client;

  void start(FakeCodeGuruProfiler.Builder b) {
    fake = b.clock(clock).profilingGroup("g").start();
    client = TestClients.sdk(fake);
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  void configureAgent(String fleetInstanceId) {
    client.configureAgent(b -> b.profilingGroupName("g").fleetInstanceId(fleetInstanceId));
  }

  void post(Instant start) {
    Profile p =
        Profile.builder()
            .start(start)
            .end(clock.instant().minusMillis(100))
            .agentMetadata(Map.of("durationInMs", 1000))
            .stack(1, "main")
            .build();
    TestClients.post(client, "g", p);
  }

  @Test
  void a_report_since_an_instant_judges_only_the_calls_from_then_on() {
    start(FakeCodeGuruProfiler.builder());
    clock.advance(Duration.ofSeconds(10));
    post(T0); // before any ConfigureAgent
    clock.advance(Duration.ofSeconds(10));
    configureAgent("host-1");

    ConformanceReport all = fake.conformance("g");
    ConformanceReport later = fake.conformance("g", T0.plusSeconds(15));

    assertThat(all.verdict(ConformanceRule.FIRST_CALL_IS_CONFIGURE_AGENT).verdict())
        .isEqualTo(Verdict.FAIL);
    assertThat(later.agentCalls()).isEqualTo(1);
    assertThat(later.verdict(ConformanceRule.FIRST_CALL_IS_CONFIGURE_AGENT).summary())
        .isEqualTo("the agent's first call came before the window");
  }

  @Test
  void an_answer_replaced_by_a_fault_never_reached_the_agent() {
    // GIVEN shouldProfile=false answered, but a 500 after the effect replaced the answer
    start(FakeCodeGuruProfiler.builder());
    configureAgent("host-1");
    fake.enqueueConfigureAgent("g", AgentConfiguration.defaults().withShouldProfile(false));
    fake.injectFault(
        FaultRule.of(ProfilerFault.internalError())
            .onOperation(Operation.CONFIGURE_AGENT)
            .afterEffect()
            .nextCalls(1));
    assertThat(catchThrowable(() -> configureAgent("host-1"))).isNotNull();
    assertThat(fake.unconsumedScripts()).isEmpty();
    // WHEN the agent goes on posting
    clock.advance(Duration.ofSeconds(1));
    post(T0);

    // THEN the pause never reached it: nothing to judge
    ConformanceReport report = fake.conformance("g");
    assertThat(report.verdict(ConformanceRule.SHOULD_PROFILE_FALSE_HONOURED).verdict())
        .as(report.toText())
        .isEqualTo(Verdict.NOT_OBSERVED);
  }

  @Test
  void notes_say_what_limits_the_judgement() {
    start(FakeCodeGuruProfiler.builder().maxRecordedCalls(2));
    configureAgent("host-1");
    configureAgent("host-2");
    configureAgent("host-1");

    ConformanceReport report = fake.conformance("g");

    assertThat(report.notes())
        .containsExactly(
            "The journal forgot its oldest 1 call (maxRecordedCalls); the rules judge the calls it"
                + " kept.",
            "2 fleet instances called ConfigureAgent for this group [host-1, host-2]; the rules"
                + " read the group's calls as one agent's.");
    assertThat(report.verdict(ConformanceRule.FIRST_CALL_IS_CONFIGURE_AGENT).verdict())
        .isEqualTo(Verdict.NOT_OBSERVED);
    assertThat(report.toText()).contains("\nNote: The journal forgot its oldest 1 call");
  }
}

package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.scripting.AgentConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeCodeGuruProfilerAssert_hasConsumedAllScripts_Test extends StartedFake {

  private static final AgentConfiguration PAUSE = new AgentConfiguration(false, 60, Map.of());

  @Test
  void should_pass_without_scripts() {
    assertThat(fake).hasConsumedAllScripts();
  }

  @Test
  void should_pass_once_the_scripted_answer_was_served() {
    // GIVEN
    fake.enqueueConfigureAgent("g", PAUSE);
    // WHEN
    Http.configureAgent(fake, "g");
    // THEN
    assertThat(fake)
        .hasConsumedAllScripts()
        .hasReceivedCalls(dev.fakeguru.recording.Operation.CONFIGURE_AGENT, "g", 1);
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    FakeCodeGuruProfiler actual = null;
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).hasConsumedAllScripts());
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_listing_the_unserved_answers_and_the_calls() {
    // GIVEN two answers for "g", of which the agent's single call consumes one
    fake.enqueueConfigureAgent("g", PAUSE);
    fake.enqueueConfigureAgent("g", PAUSE);
    Http.configureAgent(fake, "g");
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(fake).hasConsumedAllScripts());
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting every scripted answer of the fake to have been served,
        but 1 was not:
          ConfigureAgent answer AgentConfiguration[shouldProfile=false, periodInSeconds=60, agentParameters={}] for profiling group 'g'
        calls received:
          #1 ConfigureAgent(g) POST /profilingGroups/g/configureAgent -> 200""");
  }
}

package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.recording.Operation;
import org.junit.jupiter.api.Test;

class FakeCodeGuruProfilerAssert_hasReceivedCalls_Test extends StartedFake {

  @Test
  void should_pass_counting_calls_whatever_their_outcome() {
    // GIVEN
    Http.configureAgent(fake, "g");
    post("t1", WEB_APP);
    postRejected("t2");
    Http.get(fake, "/profilingGroups/g");
    // THEN
    assertThat(fake)
        .hasReceivedCalls(Operation.CONFIGURE_AGENT, 1)
        .hasReceivedCalls(Operation.POST_AGENT_PROFILE, 2)
        .hasReceivedCalls(Operation.POST_AGENT_PROFILE, "g", 2)
        .hasReceivedCalls(Operation.DESCRIBE_PROFILING_GROUP, "g", 1)
        .hasReceivedCalls(Operation.GET_PROFILE, 0)
        .hasReceivedCalls(Operation.POST_AGENT_PROFILE, "other", 0);
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    FakeCodeGuruProfiler actual = null;
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(actual).hasReceivedCalls(Operation.GET_PROFILE, 1));
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_listing_every_call_with_group_and_status() {
    // GIVEN
    Http.configureAgent(fake, "g");
    post("t1", WEB_APP);
    postRejected("t2");
    Http.get(fake, "/profilingGroups/missing");
    // WHEN
    AssertionError error =
        expectAssertionError(
            () -> assertThat(fake).hasReceivedCalls(Operation.POST_AGENT_PROFILE, "g", 1));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have received:
          1 PostAgentProfile call for profiling group 'g'
        but it received:
          2
        calls received:
          #1 ConfigureAgent(g) POST /profilingGroups/g/configureAgent -> 200
          #2 PostAgentProfile(g) POST /profilingGroups/g/agentProfile -> 204
          #3 PostAgentProfile(g) POST /profilingGroups/g/agentProfile -> 400 ValidationException
          #4 DescribeProfilingGroup(missing) GET /profilingGroups/missing -> 404 ResourceNotFoundException""");
  }

  @Test
  void should_fail_without_a_group_and_say_when_nothing_arrived() {
    AssertionError error =
        expectAssertionError(() -> assertThat(fake).hasReceivedCalls(Operation.GET_PROFILE, 2));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have received:
          2 GetProfile calls
        but it received:
          0
        calls received:
          (none)""");
  }

  @Test
  void should_reject_null_arguments_and_a_negative_count() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasReceivedCalls(null, 1))
        .withMessage("The operation must not be null.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasReceivedCalls(Operation.GET_PROFILE, null, 1))
        .withMessage("The profiling group must not be null.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasReceivedCalls(Operation.GET_PROFILE, -1))
        .withMessage("The expected count must not be negative, but was -1.");
  }
}

package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.Operation;
import org.junit.jupiter.api.Test;

class FakeCodeGuruProfilerAssert_hasNoUnexpectedCalls_Test extends StartedFake {

  @Test
  void should_pass_when_errors_were_injected_by_the_test() {
    // GIVEN a throttled post (injected) and its successful retry
    fake.injectFault(ProfilerFault.throttling(), Operation.POST_AGENT_PROFILE, 1);
    then(Http.postProfile(fake, "g", "t1", WEB_APP)).isEqualTo(429);
    post("t1", WEB_APP);
    // THEN
    assertThat(fake).hasNoUnexpectedCalls().hasStoredProfiles(1);
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    FakeCodeGuruProfiler actual = null;
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).hasNoUnexpectedCalls());
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_listing_the_unexpected_calls_then_every_call() {
    // GIVEN
    post("t1", WEB_APP);
    postRejected("t2");
    Http.get(fake, "/profilingGroups/missing");
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(fake).hasNoUnexpectedCalls());
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have answered no call with an error the test did not inject,
        but it answered 2:
          #2 PostAgentProfile(g) POST /profilingGroups/g/agentProfile -> 400 ValidationException
          #3 DescribeProfilingGroup(missing) GET /profilingGroups/missing -> 404 ResourceNotFoundException
        calls received:
          #1 PostAgentProfile(g) POST /profilingGroups/g/agentProfile -> 204
          #2 PostAgentProfile(g) POST /profilingGroups/g/agentProfile -> 400 ValidationException
          #3 DescribeProfilingGroup(missing) GET /profilingGroups/missing -> 404 ResourceNotFoundException""");
  }
}

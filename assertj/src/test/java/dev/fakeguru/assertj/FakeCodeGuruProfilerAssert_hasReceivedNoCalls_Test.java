package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.FakeCodeGuruProfiler;
import org.junit.jupiter.api.Test;

class FakeCodeGuruProfilerAssert_hasReceivedNoCalls_Test extends StartedFake {

  @Test
  void should_pass_on_a_fresh_fake() {
    assertThat(fake).hasReceivedNoCalls();
  }

  @Test
  void should_pass_again_after_reset() {
    post("t1", WEB_APP);
    fake.reset();
    assertThat(fake).hasReceivedNoCalls();
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    FakeCodeGuruProfiler actual = null;
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).hasReceivedNoCalls());
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_listing_the_calls() {
    // GIVEN
    Http.get(fake, "/profilingGroups/g");
    post("t1", WEB_APP);
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(fake).hasReceivedNoCalls());
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have received no calls,
        but it received 2:
          #1 DescribeProfilingGroup(g) GET /profilingGroups/g -> 200
          #2 PostAgentProfile(g) POST /profilingGroups/g/agentProfile -> 204""");
  }
}

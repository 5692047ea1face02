package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.FakeCodeGuruProfiler;
import org.junit.jupiter.api.Test;

class FakeCodeGuruProfilerAssert_hasStoredProfiles_Test extends StartedFake {

  @Test
  void should_pass_on_a_fresh_fake() {
    assertThat(fake).hasStoredProfiles(0).hasStoredProfiles("g", 0);
  }

  @Test
  void should_pass_counting_only_stored_posts() {
    // GIVEN a post, its retry with the same token, and a rejected post
    post("t1", WEB_APP);
    post("t1", WEB_APP);
    postRejected("t2");
    post("t3", WORKER);
    // THEN
    assertThat(fake).hasStoredProfiles(2).hasStoredProfiles("g", 2).hasStoredProfiles("other", 0);
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    FakeCodeGuruProfiler actual = null;
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).hasStoredProfiles(1));
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_listing_every_post_when_a_retry_was_not_stored() {
    // GIVEN
    post("t1", WEB_APP);
    post("t1", WEB_APP);
    postRejected("t2");
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(fake).hasStoredProfiles(2));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have:
          2 stored profiles
        but it had:
          1
        posts received:
          #1 g token=t1 application/json 251 bytes, stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
          #2 g token=t1 application/json 251 bytes, not stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
          #3 g token=t2 text/plain 2 bytes, rejected: 1 validation error detected: Value 'text/plain' at 'contentType' failed to sati…
        (a stored profile is a post the fake kept: rejected posts, retries of a stored profile token and posts stopped by an injected fault are not stored)""");
  }

  @Test
  void should_fail_for_a_group_and_say_so_when_nothing_arrived() {
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(fake).hasStoredProfiles("g", 1));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have:
          1 stored profile for profiling group 'g'
        but it had:
          0
        posts received:
          (none)
        (a stored profile is a post the fake kept: rejected posts, retries of a stored profile token and posts stopped by an injected fault are not stored)""");
  }

  @Test
  void should_reject_a_negative_count_or_a_null_group() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasStoredProfiles(-1))
        .withMessage("The expected count must not be negative, but was -1.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasStoredProfiles(null, 1))
        .withMessage("The profiling group must not be null.");
  }
}

package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.FakeCodeGuruProfiler;
import org.junit.jupiter.api.Test;

class FakeCodeGuruProfilerAssert_storedProfile_Test extends StartedFake {

  @Test
  void should_navigate_to_the_stored_profiles_in_arrival_order() {
    // GIVEN a stored post, its unstored retry, a rejected post and a second stored post
    post("t1", WEB_APP);
    post("t1", WEB_APP);
    postRejected("t2");
    post("t3", WORKER);
    // THEN
    assertThat(fake).storedProfile(0).isEqualTo(WEB_APP).hasCallPath("main", "handle", "queryDb");
    assertThat(fake).storedProfile(1).hasCallPath("worker", "poll").hasTotalSamples(7);
    assertThat(fake).storedProfile("g", 1).isEqualTo(WORKER);
  }

  @Test
  void should_describe_the_profile_by_its_place_in_the_fake() {
    // GIVEN
    post("t1", WORKER);
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(fake).storedProfile("g", 0).hasTotalSamples(8));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """
        [fake > stored profile #0 of group 'g']\s
        Expecting the total WALL_TIME count of:
          profile
        to be:
          8
        but was:
          7
        (all counts: self 0, total WALL_TIME=7)""");
  }

  @Test
  void navigation_from_the_profile_should_extend_the_description() {
    // GIVEN
    post("t1", WEB_APP);
    // WHEN
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(fake)
                    .as("checkout fake")
                    .storedProfile(0)
                    .path("main", "handle")
                    .isLeaf());
    // THEN
    then(error.getMessage()).startsWith("[checkout fake > stored profile #0 > main > handle] ");
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    FakeCodeGuruProfiler actual = null;
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).storedProfile(0));
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_when_fewer_profiles_were_stored() {
    // GIVEN
    post("t1", WEB_APP);
    post("t1", WEB_APP);
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(fake).storedProfile(1));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have a stored profile at index:
          1
        but it had 1 stored profile (indexes start at 0).
        posts received:
          #1 g token=t1 application/json 251 bytes, stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
          #2 g token=t1 application/json 251 bytes, not stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
        (a stored profile is a post the fake kept: rejected posts, retries of a stored profile token and posts stopped by an injected fault are not stored)""");
  }

  @Test
  void should_fail_for_a_group_without_stored_profiles() {
    // GIVEN
    postRejected("t1");
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(fake).storedProfile("g", 0));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have a stored profile for profiling group 'g' at index:
          0
        but it had 0 stored profiles for profiling group 'g' (indexes start at 0).
        posts received:
          #1 g token=t1 text/plain 2 bytes, rejected: 1 validation error detected: Value 'text/plain' at 'contentType' failed to sati…
        (a stored profile is a post the fake kept: rejected posts, retries of a stored profile token and posts stopped by an injected fault are not stored)""");
  }

  @Test
  void should_reject_a_negative_index_or_a_null_group() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).storedProfile(-1))
        .withMessage("The index must not be negative, but was -1.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).storedProfile(null, 0))
        .withMessage("The profiling group must not be null.");
  }
}

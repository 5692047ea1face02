package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.FakeCodeGuruProfiler;
import org.junit.jupiter.api.Test;

class FakeCodeGuruProfilerAssert_hasReceivedProfilePosts_Test extends StartedFake {

  @Test
  void should_pass_counting_every_post_stored_or_not() {
    // GIVEN
    post("t1", WEB_APP);
    post("t1", WEB_APP);
    postRejected("t2");
    // THEN
    assertThat(fake)
        .hasReceivedProfilePosts(3)
        .hasReceivedProfilePosts("g", 3)
        .hasReceivedProfilePosts("other", 0);
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    FakeCodeGuruProfiler actual = null;
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(actual).hasReceivedProfilePosts(1));
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_listing_the_posts() {
    // GIVEN
    post("t1", WORKER);
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(fake).hasReceivedProfilePosts("g", 2));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have received:
          2 posts for profiling group 'g'
        but it received:
          1
        posts received:
          #1 g token=t1 application/json 104 bytes, stored: 3 nodes, 7 WALL_TIME samples, top frame: worker 7""");
  }

  @Test
  void should_reject_a_negative_count_or_a_null_group() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasReceivedProfilePosts(-2))
        .withMessage("The expected count must not be negative, but was -2.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasReceivedProfilePosts(null, 0))
        .withMessage("The profiling group must not be null.");
  }
}

package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.recording.RecordedProfilePost;
import org.junit.jupiter.api.Test;

class RecordedProfilePostAssert_hasContentType_Test extends StartedFake {

  @Test
  void should_pass_on_the_header_as_sent() {
    post("t1", WORKER);
    assertThat(fake.profilePosts().get(0)).hasContentType("application/json");
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    RecordedProfilePost actual = null;
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(actual).hasContentType("application/json"));
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_showing_both_values() {
    // GIVEN
    post("t1", WORKER);
    // WHEN
    AssertionError error =
        expectAssertionError(
            () -> assertThat(fake.profilePosts().get(0)).hasContentType("application/x-amzn-ion"));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the content type of post:
          #1 g token=t1 application/json 104 bytes, stored: 3 nodes, 7 WALL_TIME samples, top frame: worker 7
        to be:
          application/x-amzn-ion
        but was:
          application/json""");
  }

  @Test
  void should_reject_a_null_content_type() {
    post("t1", WORKER);
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake.profilePosts().get(0)).hasContentType(null))
        .withMessage("The expected content type must not be null.");
  }
}

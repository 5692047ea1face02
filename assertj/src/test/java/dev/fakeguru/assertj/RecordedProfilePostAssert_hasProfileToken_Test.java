package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.recording.RecordedProfilePost;
import org.junit.jupiter.api.Test;

class RecordedProfilePostAssert_hasProfileToken_Test extends StartedFake {

  @Test
  void should_pass_on_the_query_parameter() {
    post("t-42", WORKER);
    assertThat(fake.profilePosts().get(0)).hasProfileToken("t-42");
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    RecordedProfilePost actual = null;
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).hasProfileToken("t1"));
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_when_the_token_differs() {
    // GIVEN
    post("t1", WORKER);
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(fake.profilePosts().get(0)).hasProfileToken("t2"));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the profile token of post:
          #1 g token=t1 application/json 104 bytes, stored: 3 nodes, 7 WALL_TIME samples, top frame: worker 7
        to be:
          t2
        but was:
          t1""");
  }

  @Test
  void should_fail_with_none_when_no_token_was_sent() {
    // GIVEN
    then(Http.post(fake, "g", null, "application/json", null, Http.json(WORKER))).isEqualTo(204);
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(fake.profilePosts().get(0)).hasProfileToken("t1"));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the profile token of post:
          #1 g application/json 104 bytes, stored: 3 nodes, 7 WALL_TIME samples, top frame: worker 7
        to be:
          t1
        but was:
          (none)""");
  }

  @Test
  void should_reject_a_null_token() {
    post("t1", WORKER);
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake.profilePosts().get(0)).hasProfileToken(null))
        .withMessage("The expected profile token must not be null.");
  }
}

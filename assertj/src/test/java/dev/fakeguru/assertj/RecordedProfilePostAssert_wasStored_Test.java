package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.recording.RecordedProfilePost;
import org.junit.jupiter.api.Test;

class RecordedProfilePostAssert_wasStored_Test extends StartedFake {

  @Test
  void should_tell_a_stored_post_from_its_retry_and_a_rejected_one() {
    // GIVEN
    post("t1", WEB_APP);
    post("t1", WEB_APP);
    postRejected("t2");
    // THEN
    assertThat(fake.profilePosts().get(0)).wasStored();
    assertThat(fake.profilePosts().get(1)).wasNotStored();
    assertThat(fake.profilePosts().get(2)).wasNotStored();
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    RecordedProfilePost actual = null;
    // WHEN
    AssertionError stored = expectAssertionError(() -> assertThat(actual).wasStored());
    AssertionError notStored = expectAssertionError(() -> assertThat(actual).wasNotStored());
    // THEN
    then(stored).hasMessage("%nExpecting actual not to be null".formatted());
    then(notStored).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void wasStored_should_fail_for_a_retry_of_a_stored_token() {
    // GIVEN
    post("t1", WEB_APP);
    post("t1", WEB_APP);
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(fake.profilePosts().get(1)).wasStored());
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting post:
          #2 g token=t1 application/json 251 bytes, not stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
        to have been stored,
        but it was not (rejected posts, retries of a stored profile token and posts stopped by an injected fault are not stored).""");
  }

  @Test
  void wasStored_should_fail_with_the_reason_for_a_rejected_post() {
    // GIVEN
    postRejected("t1");
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(fake.profilePosts().get(0)).wasStored());
    // THEN
    then(error.getMessage())
        .startsWith(
            """

            Expecting post:
              #1 g token=t1 text/plain 2 bytes, rejected: 1 validation error detected: Value 'text/plain' at 'contentType' failed to sati…
            to have been stored,
            but it was rejected:
              1 validation error detected: Value 'text/plain' at 'contentType' failed to satisfy constraint""");
  }

  @Test
  void wasNotStored_should_fail_for_a_stored_post() {
    // GIVEN
    post("t1", WORKER);
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(fake.profilePosts().get(0)).wasNotStored());
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting post:
          #1 g token=t1 application/json 104 bytes, stored: 3 nodes, 7 WALL_TIME samples, top frame: worker 7
        not to have been stored,
        but it was.""");
  }
}

package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.recording.RecordedProfilePost;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordedProfilePostAssert_isDecodable_Test extends StartedFake {

  @Test
  void should_pass_for_a_profile_and_recognise_a_body_that_is_not_one() {
    // GIVEN
    post("t1", WORKER);
    then(Http.post(fake, "g", "t2", "application/json", null, "{".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(400);
    // THEN
    assertThat(fake.profilePosts().get(0)).isDecodable();
    assertThat(fake.profilePosts().get(1))
        .hasDecodeFailureContaining("Invalid agentProfile")
        .wasNotStored();
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    RecordedProfilePost actual = null;
    // WHEN
    AssertionError decodable = expectAssertionError(() -> assertThat(actual).isDecodable());
    AssertionError failure =
        expectAssertionError(() -> assertThat(actual).hasDecodeFailureContaining("x"));
    // THEN
    then(decodable).hasMessage("%nExpecting actual not to be null".formatted());
    then(failure).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void isDecodable_should_fail_with_the_reason() {
    // GIVEN
    postRejected("t1");
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(fake.profilePosts().get(0)).isDecodable());
    // THEN
    then(error.getMessage())
        .startsWith(
            """

        Expecting post:
          #1 g token=t1 text/plain 2 bytes, rejected: 1 validation error detected: Value 'text/plain' at 'contentType' failed to sati…
        to be decodable,
        but decoding failed:
          1 validation error detected: Value 'text/plain' at 'contentType' failed to satisfy constraint""");
  }

  @Test
  void hasDecodeFailureContaining_should_fail_for_a_decoded_post() {
    // GIVEN
    post("t1", WORKER);
    // WHEN
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(fake.profilePosts().get(0))
                    .hasDecodeFailureContaining("Invalid agentProfile"));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting post:
          #1 g token=t1 application/json 104 bytes, stored: 3 nodes, 7 WALL_TIME samples, top frame: worker 7
        to have failed to decode with a message containing:
          Invalid agentProfile
        but it was decoded.""");
  }

  @Test
  void hasDecodeFailureContaining_should_fail_showing_another_reason() {
    // GIVEN
    postRejected("t1");
    // WHEN
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(fake.profilePosts().get(0))
                    .hasDecodeFailureContaining("Invalid agentProfile"));
    // THEN
    then(error.getMessage())
        .contains(
            "to have failed to decode with a message containing:%n  Invalid agentProfile%nbut the failure was:%n  1 validation error detected"
                .formatted());
  }

  @Test
  void hasDecodeFailureContaining_should_reject_null() {
    postRejected("t1");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake.profilePosts().get(0)).hasDecodeFailureContaining(null))
        .withMessage("The expected text must not be null.");
  }
}

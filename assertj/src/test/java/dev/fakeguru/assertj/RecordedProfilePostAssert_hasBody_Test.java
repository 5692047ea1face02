package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.recording.RecordedProfilePost;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordedProfilePostAssert_hasBody_Test extends StartedFake {

  @Test
  void should_pass_on_the_exact_bytes() {
    post("t1", WORKER);
    assertThat(fake.profilePosts().get(0)).hasBody(Http.json(WORKER));
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    RecordedProfilePost actual = null;
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).hasBody(new byte[0]));
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_showing_sizes_leading_bytes_and_the_first_difference() {
    // GIVEN
    postRejected("t1");
    // WHEN
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(fake.profilePosts().get(0))
                    .hasBody("ho".getBytes(StandardCharsets.UTF_8)));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the body of post:
          #1 g token=t1 text/plain 2 bytes, rejected: 1 validation error detected: Value 'text/plain' at 'contentType' failed to sati…
        to be:
          2 bytes: 68 6f
        but was:
          2 bytes: 68 69
        (the bodies differ from byte 1)""");
  }

  @Test
  void should_abbreviate_long_bodies() {
    // GIVEN
    post("t1", WORKER);
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(fake.profilePosts().get(0)).hasBody(new byte[0]));
    // THEN
    then(error.getMessage())
        .contains(
            "to be:%n  0 bytes%nbut was:%n  104 bytes: 7b 22 73 74 61 72 74 22 3a ".formatted())
        .contains(" …%n(the bodies differ from byte 0)".formatted());
  }

  @Test
  void should_reject_a_null_body() {
    post("t1", WORKER);
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake.profilePosts().get(0)).hasBody(null))
        .withMessage("The expected body must not be null.");
  }
}

package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.RecordedProfilePost;
import org.junit.jupiter.api.Test;

class RecordedProfilePostAssert_hasContentEncoding_Test extends StartedFake {

  @Test
  void should_pass_for_a_gzipped_post_that_was_decoded() {
    // GIVEN
    byte[] gzipped = ProfileCodec.defaults().encodeGzip(WORKER, ProfileFormat.JSON);
    then(Http.post(fake, "g", "t1", "application/json", "gzip", gzipped)).isEqualTo(204);
    // THEN
    assertThat(fake.profilePosts().get(0))
        .hasContentEncoding("gzip")
        .hasBody(gzipped)
        .wasStored()
        .profile()
        .isEqualTo(WORKER);
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    RecordedProfilePost actual = null;
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(actual).hasContentEncoding("gzip"));
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_with_none_when_the_header_was_not_sent() {
    // GIVEN
    post("t1", WORKER);
    // WHEN
    AssertionError error =
        expectAssertionError(
            () -> assertThat(fake.profilePosts().get(0)).hasContentEncoding("gzip"));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the content encoding of post:
          #1 g token=t1 application/json 104 bytes, stored: 3 nodes, 7 WALL_TIME samples, top frame: worker 7
        to be:
          gzip
        but was:
          (none)""");
  }

  @Test
  void should_reject_a_null_content_encoding() {
    post("t1", WORKER);
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake.profilePosts().get(0)).hasContentEncoding(null))
        .withMessage("The expected content encoding must not be null.");
  }
}

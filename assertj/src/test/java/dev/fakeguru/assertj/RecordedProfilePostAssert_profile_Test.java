package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.recording.RecordedProfilePost;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecordedProfilePostAssert_profile_Test extends StartedFake {

  @Test
  void should_navigate_to_the_decoded_profile_of_a_taken_post() {
    // GIVEN
    post("t1", WEB_APP);
    RecordedProfilePost post = fake.takeProfilePost(Duration.ofSeconds(5));
    // THEN
    assertThat(post).wasStored().profile().isEqualTo(WEB_APP).hasCallPath("main", "render");
  }

  @Test
  void should_describe_the_profile_by_the_post() {
    // GIVEN
    post("t1", WEB_APP);
    // WHEN
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(fake.profilePosts().get(0)).profile().frame("render").hasSelfSamples(6));
    // THEN
    then(error.getMessage()).startsWith("[post #1 > profile > main > render] ");
  }

  @Test
  void should_keep_the_user_description() {
    post("t1", WEB_APP);
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(fake.profilePosts().get(0)).as("first upload").profile().hasMaxDepth(1));
    then(error.getMessage()).startsWith("[first upload > profile] ");
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    RecordedProfilePost actual = null;
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).profile());
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_when_no_profile_was_decoded() {
    // GIVEN
    postRejected("t1");
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(fake.profilePosts().get(0)).profile());
    // THEN
    then(error.getMessage())
        .startsWith("%nExpecting post:%n  #1 g token=t1 text/plain 2 bytes, rejected: ".formatted())
        .contains("%nto be decodable,%nbut decoding failed:%n".formatted());
  }
}

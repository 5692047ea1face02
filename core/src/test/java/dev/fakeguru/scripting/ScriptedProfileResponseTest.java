package dev.fakeguru.scripting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A scripted GetProfile answer reads back what it was made of; the bytes are its own copy. */
class ScriptedProfileResponseTest {
  private static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  private static final Profile PROFILE =
      Profile.builder().start(T0).end(T0.plusSeconds(60)).stack(3, "main").build();

  @Test
  void a_profile_answer_follows_the_request_unless_given_a_format_and_is_not_gzipped() {
    ScriptedProfileResponse any = ScriptedProfileResponse.of(PROFILE);
    ScriptedProfileResponse json = ScriptedProfileResponse.of(PROFILE, ProfileFormat.JSON);

    assertThat(any.profile()).hasValue(PROFILE);
    assertThat(any.format()).isEmpty();
    assertThat(any.bytes()).isEmpty();
    assertThat(any.contentType()).isEmpty();
    assertThat(any.isGzipped()).isFalse();
    assertThat(json.format()).hasValue(ProfileFormat.JSON);
    assertThat(json.isGzipped()).isFalse();
  }

  @Test
  void a_byte_answer_keeps_its_own_copy_of_the_bytes() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    ScriptedProfileResponse r = ScriptedProfileResponse.ofBytes(body, "application/json");
    body[0] = 'x';

    assertThat(r.bytes()).hasValueSatisfying(b -> assertThat(b).containsExactly('{', '}'));
    r.bytes().orElseThrow()[0] = 'y';
    assertThat(r.bytes().orElseThrow()[0]).isEqualTo((byte) '{');
    assertThat(r.contentType()).hasValue("application/json");
    assertThat(r.profile()).isEmpty();
    assertThat(r.isGzipped()).isFalse();
  }

  @Test
  void gzipped_is_a_copy_that_is_gzipped() {
    ScriptedProfileResponse plain = ScriptedProfileResponse.of(PROFILE, ProfileFormat.ION_BINARY);

    ScriptedProfileResponse gz = plain.gzipped();

    assertThat(gz.isGzipped()).isTrue();
    assertThat(gz.profile()).hasValue(PROFILE);
    assertThat(gz.format()).hasValue(ProfileFormat.ION_BINARY);
    assertThat(plain.isGzipped()).isFalse();
  }

  @Test
  void to_string_says_what_is_answered_and_how() {
    assertThat(ScriptedProfileResponse.of(PROFILE)).hasToString("GetProfile answer " + PROFILE);
    assertThat(ScriptedProfileResponse.of(PROFILE, ProfileFormat.JSON).gzipped())
        .hasToString("GetProfile answer " + PROFILE + " as JSON (gzip)");
    assertThat(ScriptedProfileResponse.ofBytes(new byte[3], "text/plain"))
        .hasToString("GetProfile answer 3 bytes of text/plain");
  }

  @Test
  void null_arguments_are_refused_with_their_name() {
    assertThatNullPointerException()
        .isThrownBy(() -> ScriptedProfileResponse.of(null))
        .withMessage("profile");
    assertThatNullPointerException()
        .isThrownBy(() -> ScriptedProfileResponse.of(PROFILE, null))
        .withMessage("format");
    assertThatNullPointerException()
        .isThrownBy(() -> ScriptedProfileResponse.ofBytes(null, "a/b"))
        .withMessage("body");
    assertThatNullPointerException()
        .isThrownBy(() -> ScriptedProfileResponse.ofBytes(new byte[0], null))
        .withMessage("contentType");
  }
}

package dev.fakeguru.recording;

import dev.fakeguru.profile.Profile;
import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One post: a PostAgentProfile call as the fake received it, with the exact bytes the agent sent
 * and the profile decoded from them (or why decoding failed), and whether the fake stored it.
 *
 * <p>Vocabulary, used the same way everywhere in FakeGuru: a <em>post</em> is every
 * PostAgentProfile call; a <em>stored profile</em> is a post the fake kept and aggregated ({@link
 * #stored()}). Posts that were refused, faulted before they took effect, or were SDK retries of a
 * token already stored are posts but not stored profiles.
 *
 * <p>The fake keeps only the bytes: {@link #profile()} decodes them again on first use (and keeps
 * the result while memory allows), so thousands of recorded posts cost little more than their
 * bytes.
 *
 * <p>The fake creates these; tests only read them. Immutable and thread-safe.
 *
 * <pre>{@code
 * RecordedProfilePost post = fake.takeProfilePost(Duration.ofSeconds(5));
 * assertThat(post.contentType()).contains("application/json");
 * Profile profile = post.requireProfile();
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface RecordedProfilePost {

  /**
   * The arrival number of the HTTP call.
   *
   * @return the same number as the call's {@link RecordedCall#sequence()}
   */
  long sequence();

  /**
   * The profiling group from the path.
   *
   * @return the group name
   */
  String profilingGroup();

  /**
   * The {@code profileToken} query parameter, if sent.
   *
   * @return the token
   */
  Optional<String> profileToken();

  /**
   * The {@code Content-Type} header, if sent.
   *
   * @return the content type as sent
   */
  Optional<String> contentType();

  /**
   * The {@code Content-Encoding} header, if sent.
   *
   * @return the content encoding as sent
   */
  Optional<String> contentEncoding();

  /**
   * The body as received, copied.
   *
   * @return a copy of the exact bytes
   */
  byte[] body();

  /**
   * The size of the body as received, without copying it.
   *
   * @return the number of bytes
   */
  int bodySize();

  /**
   * Whether the body decoded, i.e. {@link #profile()} is present; cheap (decodes nothing).
   *
   * @return true if the body is a valid agent profile
   */
  boolean hasProfile();

  /**
   * The decoded profile, when the body could be decoded (decoded now if not yet).
   *
   * @return the profile
   */
  Optional<Profile> profile();

  /**
   * Why the body could not be decoded, or why the post was refused before it was decoded.
   *
   * @return the reason
   */
  Optional<String> decodeFailure();

  /**
   * Whether the post became a stored profile: kept and aggregated. False for refused posts, posts a
   * fault stopped before they took effect, and SDK retries of a token already stored.
   *
   * @return true for a stored profile
   */
  boolean stored();

  /**
   * When the post arrived, on the fake's clock.
   *
   * @return the arrival instant
   */
  Instant receivedAt();

  /**
   * The decoded profile.
   *
   * @return the profile
   * @throws IllegalStateException naming the decode failure if there is none
   */
  default Profile requireProfile() {
    return profile()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "post #"
                        + sequence()
                        + " has no decoded profile: "
                        + decodeFailure().orElse("unknown")));
  }
}

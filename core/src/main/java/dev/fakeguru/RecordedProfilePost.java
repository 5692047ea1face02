package dev.fakeguru;

import dev.fakeguru.profile.Profile;
import java.time.Instant;
import java.util.Optional;

/**
 * One PostAgentProfile call as the fake received it: the exact bytes the agent sent, and the profile
 * decoded from them (or why decoding failed).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RecordedProfilePost post = fake.takeProfilePost(Duration.ofSeconds(5));
 * assertThat(post.contentType()).isEqualTo("application/json");
 * Profile profile = post.profile().orElseThrow();
 * }</pre>
 *
 * @param sequence the arrival number of the HTTP call (the same as its {@link RecordedCall#sequence()})
 * @param profilingGroup the profiling group from the path
 * @param profileToken the {@code profileToken} query parameter, if sent
 * @param contentType the {@code Content-Type} header, if sent
 * @param contentEncoding the {@code Content-Encoding} header, if sent
 * @param body the request body as received
 * @param profile the decoded profile, when the body could be decoded
 * @param decodeFailure why the body could not be decoded, otherwise
 * @param stored whether the post was stored and aggregated (false for rejected posts and for
 *     retries whose token was already stored)
 * @param receivedAt when it arrived, on the fake's clock
 */
public record RecordedProfilePost(
    long sequence,
    String profilingGroup,
    Optional<String> profileToken,
    Optional<String> contentType,
    Optional<String> contentEncoding,
    byte[] body,
    Optional<Profile> profile,
    Optional<String> decodeFailure,
    boolean stored,
    Instant receivedAt) {

  /** Copies the body. */
  public RecordedProfilePost {
    body = body.clone();
  }

  /** The request body, copied. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The decoded profile. @throws IllegalStateException naming the decode failure if there is none */
  public Profile requireProfile() {
    return profile.orElseThrow(
        () ->
            new IllegalStateException(
                "post #" + sequence + " has no decoded profile: " + decodeFailure.orElse("unknown")));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordedProfilePost p && p.sequence == sequence;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence);
  }

  @Override
  public String toString() {
    return "#"
        + sequence
        + " "
        + profilingGroup
        + profileToken.map(t -> " token=" + t).orElse("")
        + " "
        + contentType.orElse("(no content type)")
        + " "
        + body.length
        + " bytes"
        + (stored ? "" : " (not stored)")
        + profile.map(p -> " " + p).orElse(decodeFailure.map(f -> " undecodable: " + f).orElse(""));
  }
}

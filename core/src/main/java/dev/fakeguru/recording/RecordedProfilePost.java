package dev.fakeguru.recording;

import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.codec.ProfileCodec;
import java.lang.ref.SoftReference;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One PostAgentProfile call as the fake received it: the exact bytes the agent sent, and the profile
 * decoded from them (or why decoding failed).
 *
 * <p>The fake keeps only the bytes: {@link #profile()} decodes them again on first use (and keeps the
 * result while memory allows), so thousands of recorded posts cost little more than their bytes.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RecordedProfilePost post = fake.takeProfilePost(Duration.ofSeconds(5));
 * assertThat(post.contentType()).contains("application/json");
 * Profile profile = post.requireProfile();
 * }</pre>
 */
public final class RecordedProfilePost {
  private final long sequence;
  private final String profilingGroup;
  private final Optional<String> profileToken;
  private final Optional<String> contentType;
  private final Optional<String> contentEncoding;
  private final byte[] body;
  /** Decodes {@link #body} again; null when it cannot be decoded. */
  private final ProfileCodec decoder;
  private final Optional<String> decodeFailure;
  private final boolean stored;
  private final Instant receivedAt;
  private volatile SoftReference<Profile> decoded;

  /**
   * A post with its profile already decoded (the body is copied).
   *
   * @param sequence the arrival number of the HTTP call (the same as its {@link RecordedCall#sequence()})
   * @param profilingGroup the profiling group from the path
   * @param profileToken the {@code profileToken} query parameter, if sent
   * @param contentType the {@code Content-Type} header, if sent
   * @param contentEncoding the {@code Content-Encoding} header, if sent
   * @param body the request body as received
   * @param profile the decoded profile, when the body could be decoded
   * @param decodeFailure why the body could not be decoded, otherwise
   * @param stored whether the post was stored and aggregated
   * @param receivedAt when it arrived, on the fake's clock
   */
  public RecordedProfilePost(
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
    this(sequence, profilingGroup, profileToken, contentType, contentEncoding, body.clone(),
        profile.isPresent() ? ProfileCodec.defaults() : null, decodeFailure, stored, receivedAt);
    profile.ifPresent(p -> decoded = new StrongOrSoft(p));
  }

  /**
   * A post whose profile {@code decoder} decodes from {@code body} when first asked for. {@code body}
   * is kept, not copied: the caller hands it over.
   *
   * @param decoder the codec that decoded the body when it was posted; null when it could not
   */
  public RecordedProfilePost(
      long sequence,
      String profilingGroup,
      Optional<String> profileToken,
      Optional<String> contentType,
      Optional<String> contentEncoding,
      byte[] body,
      ProfileCodec decoder,
      Optional<String> decodeFailure,
      boolean stored,
      Instant receivedAt) {
    this.sequence = sequence;
    this.profilingGroup = Objects.requireNonNull(profilingGroup, "profilingGroup");
    this.profileToken = Objects.requireNonNull(profileToken, "profileToken");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.contentEncoding = Objects.requireNonNull(contentEncoding, "contentEncoding");
    this.body = Objects.requireNonNull(body, "body");
    this.decoder = decoder;
    this.decodeFailure = Objects.requireNonNull(decodeFailure, "decodeFailure");
    this.stored = stored;
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** A profile given at construction is never dropped: it cannot be decoded again. */
  private static final class StrongOrSoft extends SoftReference<Profile> {
    private final Profile strong;

    StrongOrSoft(Profile p) {
      super(p);
      this.strong = p;
    }

    @Override
    public Profile get() {
      return strong;
    }
  }

  /** The arrival number of the HTTP call (the same as its {@link RecordedCall#sequence()}). */
  public long sequence() {
    return sequence;
  }

  /** The profiling group from the path. */
  public String profilingGroup() {
    return profilingGroup;
  }

  /** The {@code profileToken} query parameter, if sent. */
  public Optional<String> profileToken() {
    return profileToken;
  }

  /** The {@code Content-Type} header, if sent. */
  public Optional<String> contentType() {
    return contentType;
  }

  /** The {@code Content-Encoding} header, if sent. */
  public Optional<String> contentEncoding() {
    return contentEncoding;
  }

  /** The request body as received, copied. */
  public byte[] body() {
    return body.clone();
  }

  /** The size of the body as received, without copying it. */
  public int bodySize() {
    return body.length;
  }

  /** Whether the body decoded, i.e. {@link #profile()} is present; cheap (decodes nothing). */
  public boolean hasProfile() {
    return decoder != null;
  }

  /** The decoded profile, when the body could be decoded (decoded now if not yet). */
  public Optional<Profile> profile() {
    if (decoder == null) {
      return Optional.empty();
    }
    SoftReference<Profile> ref = decoded;
    Profile p = ref == null ? null : ref.get();
    if (p == null) {
      p = decoder.decode(body, contentType.orElse(null), contentEncoding.orElse(null));
      decoded = new SoftReference<>(p);
    }
    return Optional.of(p);
  }

  /** Why the body could not be decoded, when it could not. */
  public Optional<String> decodeFailure() {
    return decodeFailure;
  }

  /**
   * Whether the post was stored and aggregated (false for rejected posts and for retries whose token
   * was already stored).
   */
  public boolean stored() {
    return stored;
  }

  /** When it arrived, on the fake's clock. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** The decoded profile. @throws IllegalStateException naming the decode failure if there is none */
  public Profile requireProfile() {
    return profile()
        .orElseThrow(
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
        + (decoder != null ? "" : decodeFailure.map(f -> " undecodable: " + f).orElse(""));
  }
}

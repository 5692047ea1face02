package dev.fakeguru.scripting;

import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A GetProfile answer a test decides in advance: a {@link Profile} the fake encodes (in the format
 * the request's {@code Accept} asks for, unless one is fixed), or exact bytes with a content type;
 * optionally gzip-compressed with {@code Content-Encoding: gzip}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * fake.enqueueGetProfile("checkout", ScriptedProfileResponse.of(baseline));
 * fake.enqueueGetProfile("checkout", ScriptedProfileResponse.of(current, ProfileFormat.ION_BINARY).gzipped());
 * fake.enqueueGetProfile(ScriptedProfileResponse.ofBytes(bytes, "application/json"));
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ScriptedProfileResponse {
  private final Profile profile;
  private final ProfileFormat format;
  private final byte[] bytes;
  private final String contentType;
  private final boolean gzipped;

  private ScriptedProfileResponse(
      Profile profile, ProfileFormat format, byte[] bytes, String contentType, boolean gzipped) {
    this.profile = profile;
    this.format = format;
    this.bytes = bytes;
    this.contentType = contentType;
    this.gzipped = gzipped;
  }

  /**
   * The profile, encoded as the request's {@code Accept} asks (Ion binary when absent), cut to its
   * maxDepth.
   */
  public static ScriptedProfileResponse of(Profile profile) {
    return new ScriptedProfileResponse(
        Objects.requireNonNull(profile, "profile"), null, null, null, false);
  }

  /** The profile, always encoded in {@code format}, cut to the request's maxDepth. */
  public static ScriptedProfileResponse of(Profile profile, ProfileFormat format) {
    return new ScriptedProfileResponse(
        Objects.requireNonNull(profile, "profile"),
        Objects.requireNonNull(format, "format"),
        null,
        null,
        false);
  }

  /** Exactly these bytes with this {@code Content-Type}, whatever the request asked for. */
  public static ScriptedProfileResponse ofBytes(byte[] body, String contentType) {
    return new ScriptedProfileResponse(
        null,
        null,
        Objects.requireNonNull(body, "body").clone(),
        Objects.requireNonNull(contentType, "contentType"),
        false);
  }

  /** The same answer, gzip-compressed and labelled {@code Content-Encoding: gzip}. */
  public ScriptedProfileResponse gzipped() {
    return new ScriptedProfileResponse(profile, format, bytes, contentType, true);
  }

  /** The profile, for profile-based answers. */
  public Optional<Profile> profile() {
    return Optional.ofNullable(profile);
  }

  /** The fixed format, if any. */
  public Optional<ProfileFormat> format() {
    return Optional.ofNullable(format);
  }

  /** The exact bytes, for byte-based answers (copied). */
  public Optional<byte[]> bytes() {
    return Optional.ofNullable(bytes).map(byte[]::clone);
  }

  /** The content type of a byte-based answer. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** Whether the body is gzip-compressed. */
  public boolean isGzipped() {
    return gzipped;
  }

  @Override
  public String toString() {
    String what =
        profile != null
            ? profile + (format != null ? " as " + format : "")
            : bytes.length + " bytes of " + contentType;
    return "GetProfile answer " + what + (gzipped ? " (gzip)" : "");
  }
}

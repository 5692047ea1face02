package dev.fakeguru.codec;

import dev.fakeguru.UnsupportedDependencyException;
import dev.fakeguru.internal.codec.ProfileDecoder;
import dev.fakeguru.internal.codec.ProfileEncoder;
import dev.fakeguru.internal.versions.DependencyFloors;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.profile.ProfileFormatException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Reads and writes the agent profile format (the PostAgentProfile body, and the shape the fake uses
 * for GetProfile answers) in JSON, Ion text and Ion binary, gunzipping where the body is gzip.
 *
 * <p>The format: {@code start} and {@code end} in epoch milliseconds, {@code agentMetadata}, and
 * {@code callgraph}, whose nodes hold {@code counts} (self samples per counter type), {@code file},
 * {@code line} ({@code [n]} or {@code [min, max]}) and {@code children} keyed by frame name.
 * Unknown members are tolerated: at the top level they are kept in {@link Profile#otherFields()},
 * inside nodes they are skipped. Reading and writing never recurse on the Java stack, and {@link
 * CodecLimits} bound size, inflation, depth and node count, so hostile input gives a {@link
 * ProfileFormatException} that says where and what, never a {@code StackOverflowError} or an
 * exhausted heap. The caller keeps the raw bytes; the codec only decodes and encodes.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ProfileCodec codec = ProfileCodec.defaults();
 * Profile p = codec.decode(body, "application/json", null);
 * byte[] ion = codec.encode(p, ProfileFormat.ION_BINARY);
 * assert codec.decode(ion, ProfileFormat.ION_BINARY).equals(p);
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ProfileCodec {
  private static final ProfileCodec DEFAULTS = new ProfileCodec(CodecLimits.defaults());

  private final CodecLimits limits;

  private ProfileCodec(CodecLimits limits) {
    this.limits = limits;
  }

  /**
   * A codec with {@link CodecLimits#defaults()}.
   *
   * @throws UnsupportedDependencyException if Jackson or ion-java is older than supported
   */
  public static ProfileCodec defaults() {
    requireSupportedDependencies();
    return DEFAULTS;
  }

  /**
   * A codec with the given limits.
   *
   * @throws UnsupportedDependencyException if Jackson or ion-java is older than supported
   */
  public static ProfileCodec withLimits(CodecLimits limits) {
    requireSupportedDependencies();
    return new ProfileCodec(Objects.requireNonNull(limits, "limits"));
  }

  /** One clear exception instead of a {@code NoClassDefFoundError} in the reader or writer. */
  private static void requireSupportedDependencies() {
    DependencyFloors.shortfall()
        .ifPresent(
            s -> {
              throw new UnsupportedDependencyException(
                  s.library(), s.found(), s.required(), s.fix());
            });
  }

  /** The limits this codec enforces. */
  public CodecLimits limits() {
    return limits;
  }

  /**
   * Decodes a body as received: gunzips when it starts with the gzip magic bytes, then reads the
   * format {@link ProfileFormat#detect detected} from the bytes and {@code contentType}.
   *
   * <p>Pass what the client reports. A body whose {@code contentEncoding} says gzip but whose bytes
   * hold no gzip data is read as already inflated: the Java SDK v2 inflates a gzip GetProfile
   * answer but still reports {@code contentEncoding() == "gzip"}, so this works as it is:
   *
   * <pre>{@code
   * GetProfileResponse r = client.getProfile(...);
   * Profile p = codec.decode(r.profile().asByteArray(), r.contentType(), r.contentEncoding());
   * }</pre>
   *
   * If such a body then does not decode, the exception's message says it was read as already
   * inflated.
   *
   * @param body the body as received
   * @param contentType the body's {@code Content-Type}, or null
   * @param contentEncoding the body's {@code Content-Encoding} as the client reports it, or null
   * @return the decoded profile
   * @throws ProfileFormatException if the body is empty, malformed, truncated, of the wrong shape,
   *     or over a limit
   */
  public Profile decode(byte[] body, String contentType, String contentEncoding) {
    return ProfileDecoder.decodeReceived(body, contentType, contentEncoding, limits);
  }

  /**
   * Decodes a body in a known format (gunzipping it first if it starts with the gzip magic bytes).
   *
   * @param body the body
   * @param format its format; an Ion binary version marker in the body overrides it
   * @return the decoded profile
   * @throws ProfileFormatException as {@link #decode(byte[], String, String)}
   */
  public Profile decode(byte[] body, ProfileFormat format) {
    return ProfileDecoder.decode(body, format, limits);
  }

  /**
   * Encodes a profile in the agent format.
   *
   * @param profile the profile
   * @param format JSON, Ion text or Ion binary
   * @return the encoded bytes
   */
  public byte[] encode(Profile profile, ProfileFormat format) {
    return ProfileEncoder.encode(profile, format);
  }

  /**
   * Encodes a profile in the agent format and gzips it.
   *
   * @param profile the profile
   * @param format JSON, Ion text or Ion binary
   * @return the gzip-compressed bytes
   */
  public byte[] encodeGzip(Profile profile, ProfileFormat format) {
    return ProfileEncoder.encodeGzip(profile, format);
  }

  @Override
  public String toString() {
    return "ProfileCodec[" + limits + "]";
  }
}

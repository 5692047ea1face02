package dev.fakeguru.internal.profile;

import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileCodec;
import java.util.Objects;

/**
 * The codec's streaming entry point for the fake server. {@link ProfileCodec} installs the
 * implementation when it is initialised, so the public API gains no method for it.
 */
public final class CodecInternals {
  /** What {@link ProfileCodec} provides. */
  public interface StreamingDecoder {
    <N> Profile decodeInto(
        ProfileCodec codec, byte[] body, String contentType, String contentEncoding, CallTreeSink<N> sink);
  }

  private static volatile StreamingDecoder decoder;

  private CodecInternals() {}

  /** Called once, by {@link ProfileCodec}'s initialiser. */
  public static void install(StreamingDecoder d) {
    decoder = Objects.requireNonNull(d);
  }

  /**
   * Decodes {@code body} exactly as {@link ProfileCodec#decode(byte[], String, String)} would, with the
   * same checks and errors, but streams the call graph into {@code sink}. The returned profile has
   * the body's start, end, agent metadata and other fields, and an empty call tree.
   */
  public static <N> Profile decodeInto(
      ProfileCodec codec, byte[] body, String contentType, String contentEncoding, CallTreeSink<N> sink) {
    StreamingDecoder d = decoder;
    if (d == null) {
      ProfileCodec.defaults(); // initialises ProfileCodec, which installs the decoder
      d = decoder;
    }
    return d.decodeInto(codec, body, contentType, contentEncoding, sink);
  }
}

package dev.fakeguru.internal.codec;

import com.amazon.ion.IonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.fakeguru.internal.codec.TokenStreams.Source;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.LineRange;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.profile.ProfileFormatException;
import dev.fakeguru.profile.ProfileFormatException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decodes agent-format bodies: gunzips within the limits, detects JSON or Ion, and reads the
 * profile with {@link ProfileReader}, building the immutable call tree or streaming it into a
 * {@link CallTreeSink}. The entry point behind {@code dev.fakeguru.codec.ProfileCodec} and the
 * fake's post path. Thread-safe (stateless). Internal.
 */
public final class ProfileDecoder {
  private ProfileDecoder() {}

  /** Decodes a body as received; see {@code ProfileCodec#decode(byte[], String, String)}. */
  public static Profile decode(
      byte[] body, String contentType, String contentEncoding, CodecLimits limits) {
    return decodeInto(body, contentType, contentEncoding, limits, null);
  }

  /**
   * Decodes a body as a client handed it over; see {@code ProfileCodec#decode(byte[], String,
   * String)}. Unlike the fake's own post path (which refuses such a post), a body labelled gzip
   * whose bytes hold no gzip data is read as already inflated: the Java SDK v2 inflates a gzip
   * GetProfile answer but still reports {@code Content-Encoding: gzip}. If it then does not decode,
   * the error says how it was read.
   */
  public static Profile decodeReceived(
      byte[] body, String contentType, String contentEncoding, CodecLimits limits) {
    if (!isLabelledGzip(contentEncoding) || body == null || hasGzipMagic(body)) {
      return decode(body, contentType, contentEncoding, limits);
    }
    try {
      return decode(body, contentType, null, limits);
    } catch (ProfileFormatException e) {
      throw new ProfileFormatException(
          e.problem(),
          e.path(),
          e.detail()
              + " (Content-Encoding says gzip, but the body holds no gzip data, so it was read as"
              + " already inflated)",
          e);
    }
  }

  /** Decodes a body in a known format; see {@code ProfileCodec#decode(byte[], ProfileFormat)}. */
  public static Profile decode(byte[] body, ProfileFormat format, CodecLimits limits) {
    byte[] plain = inflateIfNeeded(body, null, limits);
    ProfileFormat actual =
        ProfileFormat.hasIonBinaryMarker(plain) ? ProfileFormat.ION_BINARY : format;
    return read(plain, actual, limits, null);
  }

  /**
   * Decodes exactly as {@link #decode(byte[], String, String, CodecLimits)}, with the same checks
   * and errors, but streams the call graph into {@code sink} when it is not null: the returned
   * profile then has the body's start, end, agent metadata and other fields, and an empty call
   * tree.
   */
  public static <N> Profile decodeInto(
      byte[] body,
      String contentType,
      String contentEncoding,
      CodecLimits limits,
      CallTreeSink<N> sink) {
    byte[] plain = inflateIfNeeded(body, contentEncoding, limits);
    return read(plain, ProfileFormat.detect(plain, contentType), limits, sink);
  }

  static byte[] inflateIfNeeded(byte[] body, String contentEncoding, CodecLimits limits) {
    if (body == null || body.length == 0) {
      throw new ProfileFormatException(Problem.EMPTY, "$", "the body is empty");
    }
    if (body.length > limits.maxCompressedBytes()) {
      throw new ProfileFormatException(
          Problem.LIMIT_EXCEEDED,
          "$",
          "the body has "
              + body.length
              + " bytes, more than "
              + limits.maxCompressedBytes()
              + " (limit maxCompressedBytes)");
    }
    boolean magic = hasGzipMagic(body);
    boolean labelled = isLabelledGzip(contentEncoding);
    if (!magic && !labelled) {
      return body;
    }
    if (!magic) {
      throw new ProfileFormatException(
          Problem.MALFORMED,
          "$",
          "Content-Encoding says gzip, but the body does not start with the gzip magic bytes 1F 8B");
    }
    return gunzip(body, limits);
  }

  private static boolean hasGzipMagic(byte[] body) {
    return body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
  }

  private static boolean isLabelledGzip(String contentEncoding) {
    return contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip");
  }

  /**
   * Inflates at most {@code maxDecompressedBytes + 1} bytes: a gzip bomb is refused, not expanded.
   */
  private static byte[] gunzip(byte[] body, CodecLimits limits) {
    long max = limits.maxDecompressedBytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4, 1 << 20));
    byte[] buf = new byte[64 * 1024];
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 64 * 1024)) {
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > max) {
          throw new ProfileFormatException(
              Problem.LIMIT_EXCEEDED,
              "$",
              "the gzip body inflates to more than "
                  + max
                  + " bytes (limit maxDecompressedBytes); inflation was stopped");
        }
        out.write(buf, 0, n);
      }
    } catch (EOFException e) {
      throw new ProfileFormatException(
          Problem.TRUNCATED, "$", "the gzip body is truncated: " + e.getMessage(), e);
    } catch (ZipException e) {
      throw new ProfileFormatException(
          Problem.MALFORMED, "$", "the gzip body is corrupt: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ProfileFormatException(
          Problem.MALFORMED, "$", "the gzip body cannot be read: " + e.getMessage(), e);
    }
    if (out.size() == 0) {
      throw new ProfileFormatException(Problem.EMPTY, "$", "the gzip body inflates to nothing");
    }
    return out.toByteArray();
  }

  /** With a null {@code sink}, builds the call tree; otherwise streams it into the sink. */
  private static Profile read(
      byte[] body, ProfileFormat format, CodecLimits limits, CallTreeSink<?> sink) {
    Source source;
    try {
      source =
          format == ProfileFormat.JSON
              ? new TokenStreams.JsonSource(
                  body, limits.maxDepth() * 2 + ProfileReader.MAX_VALUE_NESTING + 8)
              : new TokenStreams.IonSource(body);
    } catch (IOException | IonException e) {
      throw new ProfileFormatException(
          Problem.MALFORMED, "$", "cannot read the body as " + format + ": " + e.getMessage(), e);
    }
    try (source) {
      return new ProfileReader(source, limits, format, sink).profile();
    } catch (ProfileFormatException e) {
      throw e;
    } catch (JsonEOFException e) {
      throw new ProfileFormatException(
          Problem.TRUNCATED,
          "$",
          "the JSON ends too early: " + firstLine(e.getOriginalMessage()),
          e);
    } catch (StreamConstraintsException e) {
      throw new ProfileFormatException(
          Problem.LIMIT_EXCEEDED, "$", firstLine(e.getOriginalMessage()), e);
    } catch (JsonProcessingException e) {
      throw new ProfileFormatException(
          Problem.MALFORMED,
          "$",
          "malformed JSON at " + locationOf(e) + ": " + firstLine(e.getOriginalMessage()),
          e);
    } catch (IonException e) {
      String msg = String.valueOf(e.getMessage());
      Problem p =
          msg.toLowerCase(Locale.ROOT).contains("eof") ? Problem.TRUNCATED : Problem.MALFORMED;
      throw new ProfileFormatException(
          p,
          "$",
          (p == Problem.TRUNCATED ? "the Ion ends too early: " : "malformed Ion: ")
              + firstLine(msg),
          e);
    } catch (IOException e) {
      throw new ProfileFormatException(
          Problem.MALFORMED, "$", "cannot read the body: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // ion-java reports some malformed input with plain runtime exceptions.
      throw new ProfileFormatException(Problem.MALFORMED, "$", "malformed " + format + ": " + e, e);
    }
  }

  private static String locationOf(JsonProcessingException e) {
    var loc = e.getLocation();
    return loc == null
        ? "an unknown position"
        : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The default sink: builds the immutable tree. */
  static final CallTreeSink<CallTreeNode.Builder> BUILDER_SINK =
      new CallTreeSink<>() {
        @Override
        public CallTreeNode.Builder root() {
          return CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
        }

        @Override
        public CallTreeNode.Builder child(CallTreeNode.Builder parent, String name) {
          return parent.child(name);
        }

        @Override
        public void addSelfCount(CallTreeNode.Builder node, String counterType, long count) {
          node.addSelfCount(counterType, count);
        }

        @Override
        public boolean hasFile(CallTreeNode.Builder node) {
          return node.hasFile();
        }

        @Override
        public void file(CallTreeNode.Builder node, String file) {
          node.file(file);
        }

        @Override
        public void widenLines(CallTreeNode.Builder node, LineRange lines) {
          node.widenLines(lines);
        }
      };
}

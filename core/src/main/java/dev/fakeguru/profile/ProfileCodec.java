package dev.fakeguru.profile;

import com.amazon.ion.IonException;
import com.amazon.ion.system.IonBinaryWriterBuilder;
import dev.fakeguru.internal.profile.CallTreeSink;
import dev.fakeguru.internal.profile.CodecInternals;
import com.amazon.ion.system.IonTextWriterBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.fakeguru.profile.ProfileFormatException.Problem;
import dev.fakeguru.profile.TokenStreams.Sink;
import dev.fakeguru.profile.TokenStreams.Source;
import dev.fakeguru.profile.TokenStreams.Token;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes the agent profile format (the PostAgentProfile body, and the shape the fake uses
 * for GetProfile answers) in JSON, Ion text and Ion binary, gunzipping where the body or its
 * {@code Content-Encoding} says gzip.
 *
 * <p>The format: {@code start} and {@code end} in epoch milliseconds, {@code agentMetadata}, and
 * {@code callgraph}, whose nodes hold {@code counts} (self samples per counter type), {@code file},
 * {@code line} ({@code [n]} or {@code [min, max]}) and {@code children} keyed by frame name. Unknown
 * members are tolerated: at the top level they are kept in {@link Profile#otherFields()}, inside nodes
 * they are skipped. Reading and writing never recurse on the Java stack, and {@link CodecLimits} bound
 * size, inflation, depth and node count, so hostile input gives a {@link ProfileFormatException} that
 * says where and what, never a {@code StackOverflowError} or an exhausted heap. The caller keeps the
 * raw bytes; the codec only decodes and encodes.
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
public final class ProfileCodec {
  private static final ProfileCodec DEFAULTS = new ProfileCodec(CodecLimits.defaults());

  static {
    CodecInternals.install(
        new CodecInternals.StreamingDecoder() {
          @Override
          public <N> Profile decodeInto(
              ProfileCodec codec, byte[] body, String contentType, String contentEncoding, CallTreeSink<N> sink) {
            byte[] plain = codec.inflateIfNeeded(body, contentEncoding);
            return codec.read(plain, ProfileFormat.detect(plain, contentType), sink);
          }
        });
  }
  /** Nesting allowed inside metadata and other non-call-graph members. */
  private static final int MAX_VALUE_NESTING = 256;

  private final CodecLimits limits;

  private ProfileCodec(CodecLimits limits) {
    this.limits = limits;
  }

  /** A codec with {@link CodecLimits#defaults()}. */
  public static ProfileCodec defaults() {
    return DEFAULTS;
  }

  /** A codec with the given limits. */
  public static ProfileCodec withLimits(CodecLimits limits) {
    return new ProfileCodec(Objects.requireNonNull(limits, "limits"));
  }

  /** The limits this codec enforces. */
  public CodecLimits limits() {
    return limits;
  }

  // ----------------------------------------------------------------------------------------------
  // Decoding

  /**
   * Decodes a body as received: gunzips when it starts with the gzip magic bytes or
   * {@code contentEncoding} names gzip, then reads the format {@link ProfileFormat#detect detected}
   * from the bytes and {@code contentType}.
   *
   * @param contentType the body's {@code Content-Type}, or null
   * @param contentEncoding the body's {@code Content-Encoding}, or null
   * @throws ProfileFormatException if the body is empty, malformed, truncated, of the wrong shape, or
   *     over a limit
   */
  public Profile decode(byte[] body, String contentType, String contentEncoding) {
    byte[] plain = inflateIfNeeded(body, contentEncoding);
    return read(plain, ProfileFormat.detect(plain, contentType), null);
  }

  /**
   * Decodes a body in a known format (gunzipping it first if it starts with the gzip magic bytes).
   *
   * @throws ProfileFormatException as {@link #decode(byte[], String, String)}
   */
  public Profile decode(byte[] body, ProfileFormat format) {
    byte[] plain = inflateIfNeeded(body, null);
    ProfileFormat actual = ProfileFormat.hasIonBinaryMarker(plain) ? ProfileFormat.ION_BINARY : format;
    return read(plain, actual, null);
  }

  private byte[] inflateIfNeeded(byte[] body, String contentEncoding) {
    if (body == null || body.length == 0) {
      throw new ProfileFormatException(Problem.EMPTY, "$", "the body is empty");
    }
    if (body.length > limits.maxCompressedBytes()) {
      throw new ProfileFormatException(
          Problem.LIMIT_EXCEEDED,
          "$",
          "the body has " + body.length + " bytes, more than " + limits.maxCompressedBytes() + " (limit maxCompressedBytes)");
    }
    boolean magic = body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
    boolean labelled = contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip");
    if (!magic && !labelled) {
      return body;
    }
    if (!magic) {
      throw new ProfileFormatException(
          Problem.MALFORMED, "$", "Content-Encoding says gzip, but the body does not start with the gzip magic bytes 1F 8B");
    }
    return gunzip(body);
  }

  /** Inflates at most {@code maxDecompressedBytes + 1} bytes: a gzip bomb is refused, not expanded. */
  private byte[] gunzip(byte[] body) {
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
              "the gzip body inflates to more than " + max + " bytes (limit maxDecompressedBytes); inflation was stopped");
        }
        out.write(buf, 0, n);
      }
    } catch (EOFException e) {
      throw new ProfileFormatException(Problem.TRUNCATED, "$", "the gzip body is truncated: " + e.getMessage(), e);
    } catch (ZipException e) {
      throw new ProfileFormatException(Problem.MALFORMED, "$", "the gzip body is corrupt: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ProfileFormatException(Problem.MALFORMED, "$", "the gzip body cannot be read: " + e.getMessage(), e);
    }
    if (out.size() == 0) {
      throw new ProfileFormatException(Problem.EMPTY, "$", "the gzip body inflates to nothing");
    }
    return out.toByteArray();
  }

  /** With a null {@code sink}, builds the call tree; otherwise streams it into the sink. */
  private Profile read(byte[] body, ProfileFormat format, CallTreeSink<?> sink) {
    Source source;
    try {
      source =
          format == ProfileFormat.JSON
              ? new TokenStreams.JsonSource(body, limits.maxDepth() * 2 + MAX_VALUE_NESTING + 8)
              : new TokenStreams.IonSource(body);
    } catch (IOException | IonException e) {
      throw new ProfileFormatException(Problem.MALFORMED, "$", "cannot read the body as " + format + ": " + e.getMessage(), e);
    }
    try (source) {
      return new Reader(source, limits, format, sink).profile();
    } catch (ProfileFormatException e) {
      throw e;
    } catch (JsonEOFException e) {
      throw new ProfileFormatException(Problem.TRUNCATED, "$", "the JSON ends too early: " + firstLine(e.getOriginalMessage()), e);
    } catch (StreamConstraintsException e) {
      throw new ProfileFormatException(Problem.LIMIT_EXCEEDED, "$", firstLine(e.getOriginalMessage()), e);
    } catch (JsonProcessingException e) {
      throw new ProfileFormatException(
          Problem.MALFORMED, "$", "malformed JSON at " + locationOf(e) + ": " + firstLine(e.getOriginalMessage()), e);
    } catch (IonException e) {
      String msg = String.valueOf(e.getMessage());
      Problem p = msg.toLowerCase(Locale.ROOT).contains("eof") ? Problem.TRUNCATED : Problem.MALFORMED;
      throw new ProfileFormatException(p, "$", (p == Problem.TRUNCATED ? "the Ion ends too early: " : "malformed Ion: ") + firstLine(msg), e);
    } catch (IOException e) {
      throw new ProfileFormatException(Problem.MALFORMED, "$", "cannot read the body: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // ion-java reports some malformed input with plain runtime exceptions.
      throw new ProfileFormatException(Problem.MALFORMED, "$", "malformed " + format + ": " + e, e);
    }
  }

  private static String locationOf(JsonProcessingException e) {
    var loc = e.getLocation();
    return loc == null ? "an unknown position" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The default sink: builds the immutable tree. */
  private static final CallTreeSink<CallTreeNode.Builder> BUILDER_SINK =
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

  /** One read of one body: the profile's members, the call graph without recursion. */
  private static final class Reader {
    private final Source in;
    private final CodecLimits limits;
    private final ProfileFormat format;
    /** Null: build a {@link CallTreeNode}. */
    private final CallTreeSink<Object> sink;
    private int nodes;

    @SuppressWarnings("unchecked")
    Reader(Source in, CodecLimits limits, ProfileFormat format, CallTreeSink<?> sink) {
      this.in = in;
      this.limits = limits;
      this.format = format;
      this.sink = (CallTreeSink<Object>) sink;
    }

    Profile profile() throws IOException {
      Token t = in.next();
      if (t == Token.END) {
        throw new ProfileFormatException(Problem.EMPTY, "$", "the body holds no " + format + " value");
      }
      if (t != Token.START_OBJECT) {
        throw wrongType("$", "an object", t);
      }
      Profile.Builder b = Profile.builder();
      boolean sawStart = false;
      boolean sawEnd = false;
      boolean sawCallgraph = false;
      while ((t = in.next()) == Token.FIELD_NAME) {
        String name = in.text();
        String path = "$." + name;
        switch (name) {
          case "start":
            b.start(instant(path));
            sawStart = true;
            break;
          case "end":
            b.end(instant(path));
            sawEnd = true;
            break;
          case "agentMetadata":
            Object md = value(path, in.next(), 0);
            if (md != null && !(md instanceof Map)) {
              throw new ProfileFormatException(Problem.WRONG_TYPE, path, "expected an object but was " + describe(md));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> mdMap = md == null ? Map.of() : (Map<String, Object>) md;
            b.agentMetadata(mdMap);
            break;
          case "callgraph":
            Token ct = in.next();
            if (ct != Token.START_OBJECT) {
              throw wrongType(path, "an object", ct);
            }
            if (sink == null) {
              b.callTree(callGraph(BUILDER_SINK).build());
            } else {
              callGraph(sink);
            }
            sawCallgraph = true;
            break;
          default:
            b.otherField(name, value(path, in.next(), 0));
        }
      }
      if (t != Token.END_OBJECT) {
        throw new ProfileFormatException(Problem.MALFORMED, "$", "unexpected " + t + " in the profile object");
      }
      if (in.next() != Token.END) {
        throw new ProfileFormatException(Problem.MALFORMED, "$", "unexpected content after the profile object");
      }
      if (!sawStart) {
        throw new ProfileFormatException(Problem.MISSING_FIELD, "$.start", "the profile has no start (epoch milliseconds)");
      }
      if (!sawEnd) {
        throw new ProfileFormatException(Problem.MISSING_FIELD, "$.end", "the profile has no end (epoch milliseconds)");
      }
      if (!sawCallgraph) {
        throw new ProfileFormatException(Problem.MISSING_FIELD, "$.callgraph", "the profile has no call graph");
      }
      return b.build();
    }

    private Instant instant(String path) throws IOException {
      Token t = in.next();
      switch (t) {
        case INTEGER:
          BigInteger v = in.integer();
          if (v.bitLength() > 63) {
            throw new ProfileFormatException(Problem.INVALID_VALUE, path, "epoch milliseconds out of range: " + v);
          }
          return millis(path, v.longValue());
        case FLOAT:
          double d = in.floating();
          if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) > 9.0e15) {
            throw new ProfileFormatException(Problem.INVALID_VALUE, path, "epoch milliseconds out of range: " + d);
          }
          return millis(path, (long) d);
        case DECIMAL:
          return millis(path, in.decimal().longValue());
        case TIMESTAMP:
          return in.timestamp();
        case STRING:
          String s = in.text();
          try {
            return java.time.OffsetDateTime.parse(s).toInstant();
          } catch (DateTimeParseException e) {
            throw new ProfileFormatException(
                Problem.INVALID_VALUE, path, "expected epoch milliseconds or an ISO-8601 instant but was \"" + abbreviate(s) + "\"");
          }
        default:
          throw wrongType(path, "epoch milliseconds", t);
      }
    }

    private static Instant millis(String path, long ms) {
      try {
        return Instant.ofEpochMilli(ms);
      } catch (java.time.DateTimeException e) {
        throw new ProfileFormatException(Problem.INVALID_VALUE, path, "epoch milliseconds out of range: " + ms);
      }
    }

    /** A node being read: its sink node, how it was reached (for error paths), and its depth. */
    private static final class Frame {
      final Object builder;
      final Frame parent;
      final String name;
      final int depth;
      boolean inChildren;

      Frame(Object builder, Frame parent, String name, int depth) {
        this.builder = builder;
        this.parent = parent;
        this.name = name;
        this.depth = depth;
      }

      String path() {
        List<String> names = new ArrayList<>();
        for (Frame f = this; f.parent != null; f = f.parent) {
          names.add(f.name);
        }
        Collections.reverse(names);
        StringBuilder sb = new StringBuilder("$.callgraph");
        int n = names.size();
        for (int i = 0; i < n; i++) {
          if (n > 12 && i == 4) {
            sb.append(".children[… ").append(n - 8).append(" more …]");
            i = n - 5;
            continue;
          }
          sb.append(".children[\"").append(names.get(i).replace("\"", "\\\"")).append("\"]");
        }
        return sb.toString();
      }
    }

    /** Reads the call graph into {@code into}; returns its root node. */
    private <N> N callGraph(CallTreeSink<N> into) throws IOException {
      @SuppressWarnings("unchecked")
      CallTreeSink<Object> out = (CallTreeSink<Object>) into;
      Object root = out.root();
      Deque<Frame> stack = new ArrayDeque<>();
      stack.push(new Frame(root, null, null, 0));
      while (!stack.isEmpty()) {
        Frame top = stack.peek();
        Token t = in.next();
        if (top.inChildren) {
          if (t == Token.END_OBJECT) {
            top.inChildren = false;
            continue;
          }
          if (t != Token.FIELD_NAME) {
            throw new ProfileFormatException(Problem.MALFORMED, top.path() + ".children", "unexpected " + t);
          }
          String name = in.text();
          Token ct = in.next();
          if (ct != Token.START_OBJECT) {
            throw wrongType(top.path() + ".children[\"" + name + "\"]", "an object (a call-graph node)", ct);
          }
          if (top.depth + 1 > limits.maxDepth()) {
            throw new ProfileFormatException(
                Problem.LIMIT_EXCEEDED,
                top.path(),
                "the call graph is deeper than " + limits.maxDepth() + " frames (limit maxDepth)");
          }
          if (++nodes > limits.maxNodes()) {
            throw new ProfileFormatException(
                Problem.LIMIT_EXCEEDED, top.path(), "the call graph has more than " + limits.maxNodes() + " nodes (limit maxNodes)");
          }
          stack.push(new Frame(out.child(top.builder, name), top, name, top.depth + 1));
          continue;
        }
        if (t == Token.END_OBJECT) {
          stack.pop();
          continue;
        }
        if (t != Token.FIELD_NAME) {
          throw new ProfileFormatException(Problem.MALFORMED, top.path(), "unexpected " + t + " in a call-graph node");
        }
        String member = in.text();
        switch (member) {
          case "children":
            Token ct = in.next();
            if (ct == Token.START_OBJECT) {
              top.inChildren = true;
            } else if (ct != Token.NULL) {
              throw wrongType(top.path() + ".children", "an object keyed by frame name", ct);
            }
            break;
          case "counts":
            counts(out, top);
            break;
          case "file":
            Token ft = in.next();
            if (ft == Token.STRING) {
              String file = in.text();
              if (!out.hasFile(top.builder)) { // a repeated child name keeps the first file seen
                out.file(top.builder, file);
              }
            } else if (ft != Token.NULL) {
              throw wrongType(top.path() + ".file", "a string", ft);
            }
            break;
          case "line":
            lines(out, top);
            break;
          default:
            skip(() -> top.path() + "." + member, in.next());
        }
      }
      @SuppressWarnings("unchecked")
      N typed = (N) root;
      return typed;
    }

    private void counts(CallTreeSink<Object> out, Frame frame) throws IOException {
      // Paths are built only when something is wrong: on the happy path they would cost O(depth) per node.
      Supplier<String> path = () -> frame.path() + ".counts";
      Token t = in.next();
      if (t == Token.NULL) {
        return;
      }
      if (t != Token.START_OBJECT) {
        throw wrongType(path.get(), "an object of counter type to count", t);
      }
      while ((t = in.next()) == Token.FIELD_NAME) {
        String type = in.text();
        Supplier<String> at = () -> path.get() + "." + type;
        long count = count(at, in.next());
        try {
          out.addSelfCount(frame.builder, type, count);
        } catch (ArithmeticException e) {
          throw new ProfileFormatException(Problem.INVALID_VALUE, at.get(), "the counts of this frame overflow a 64-bit integer");
        }
      }
      if (t != Token.END_OBJECT) {
        throw new ProfileFormatException(Problem.MALFORMED, path.get(), "unexpected " + t);
      }
    }

    private long count(Supplier<String> path, Token t) throws IOException {
      switch (t) {
        case INTEGER:
          if (in.fitsLong()) {
            long l = in.longValue();
            if (l >= 0) {
              return l;
            }
          }
          BigInteger v = in.integer();
          throw new ProfileFormatException(
              Problem.INVALID_VALUE, path.get(), "expected a non-negative integer that fits 64 bits but was " + v);
        case FLOAT:
          double d = in.floating();
          if (!(d >= 0) || d != Math.rint(d) || d > Long.MAX_VALUE) {
            throw new ProfileFormatException(Problem.INVALID_VALUE, path.get(), "expected a non-negative integer but was " + d);
          }
          return (long) d;
        case DECIMAL:
          BigDecimal dec = in.decimal();
          try {
            long l = dec.longValueExact();
            if (l < 0) {
              throw new ArithmeticException();
            }
            return l;
          } catch (ArithmeticException e) {
            throw new ProfileFormatException(Problem.INVALID_VALUE, path.get(), "expected a non-negative integer but was " + dec);
          }
        default:
          throw wrongType(path.get(), "a non-negative integer", t);
      }
    }

    private void lines(CallTreeSink<Object> out, Frame frame) throws IOException {
      Supplier<String> path = () -> frame.path() + ".line";
      Token t = in.next();
      if (t == Token.NULL) {
        return;
      }
      if (t == Token.INTEGER) { // a bare line number, as some writers emit
        out.widenLines(frame.builder, LineRange.of(lineNumber(path)));
        return;
      }
      if (t != Token.START_ARRAY) {
        throw wrongType(path.get(), "an array of one or two line numbers", t);
      }
      List<Integer> values = new ArrayList<>(2);
      while ((t = in.next()) != Token.END_ARRAY) {
        int index = values.size();
        if (t != Token.INTEGER) {
          throw wrongType(path.get() + "[" + index + "]", "a line number", t);
        }
        values.add(lineNumber(() -> path.get() + "[" + index + "]"));
        if (values.size() > 2) {
          throw new ProfileFormatException(Problem.INVALID_VALUE, path.get(), "expected one or two line numbers but got more");
        }
      }
      if (values.isEmpty()) {
        return;
      }
      int first = values.get(0);
      int last = values.size() == 2 ? values.get(1) : first;
      out.widenLines(frame.builder, LineRange.of(Math.min(first, last), Math.max(first, last)));
    }

    /** The current integer token as a line number. */
    private int lineNumber(Supplier<String> path) throws IOException {
      if (in.fitsLong()) {
        long l = in.longValue();
        if (l >= 0 && l <= Integer.MAX_VALUE) {
          return (int) l;
        }
      }
      throw new ProfileFormatException(Problem.INVALID_VALUE, path.get(), "expected a line number but was " + in.integer());
    }

    /** Reads any JSON-like value (metadata, unknown members) with bounded nesting. */
    private Object value(String path, Token t, int depth) throws IOException {
      if (depth > MAX_VALUE_NESTING) {
        throw new ProfileFormatException(
            Problem.LIMIT_EXCEEDED, path, "values nest deeper than " + MAX_VALUE_NESTING + " levels");
      }
      switch (t) {
        case START_OBJECT: {
          Map<String, Object> m = new LinkedHashMap<>();
          Token ft;
          while ((ft = in.next()) == Token.FIELD_NAME) {
            String key = in.text();
            m.put(key, value(path + "." + key, in.next(), depth + 1));
          }
          if (ft != Token.END_OBJECT) {
            throw new ProfileFormatException(Problem.MALFORMED, path, "unexpected " + ft);
          }
          return m;
        }
        case START_ARRAY: {
          List<Object> l = new ArrayList<>();
          Token et;
          while ((et = in.next()) != Token.END_ARRAY) {
            if (et == Token.END) {
              throw new ProfileFormatException(Problem.TRUNCATED, path, "the body ends inside an array");
            }
            l.add(value(path + "[" + l.size() + "]", et, depth + 1));
          }
          return l;
        }
        case STRING:
          return in.text();
        case INTEGER:
          BigInteger v = in.integer();
          return v.bitLength() < 64 ? (Object) v.longValue() : v;
        case FLOAT:
          return in.floating();
        case DECIMAL:
          return in.decimal();
        case BOOLEAN:
          return in.bool();
        case NULL:
          return null;
        case TIMESTAMP:
          return in.timestamp().toString();
        case END:
          throw new ProfileFormatException(Problem.TRUNCATED, path, "the body ends where a value belongs");
        default:
          throw wrongType(path, "a JSON-like value", t);
      }
    }

    private void skip(Supplier<String> path, Token t) throws IOException {
      if (t != Token.START_OBJECT && t != Token.START_ARRAY) {
        if (t == Token.END) {
          throw new ProfileFormatException(Problem.TRUNCATED, path.get(), "the body ends where a value belongs");
        }
        return;
      }
      int open = 1;
      while (open > 0) {
        Token n = in.next();
        if (n == Token.START_OBJECT || n == Token.START_ARRAY) {
          open++;
        } else if (n == Token.END_OBJECT || n == Token.END_ARRAY) {
          open--;
        } else if (n == Token.END) {
          throw new ProfileFormatException(Problem.TRUNCATED, path.get(), "the body ends inside this value");
        }
      }
    }

    private ProfileFormatException wrongType(String path, String expected, Token actual) {
      if (actual == Token.END) {
        return new ProfileFormatException(Problem.TRUNCATED, path, "the body ends where " + expected + " belongs");
      }
      return new ProfileFormatException(Problem.WRONG_TYPE, path, "expected " + expected + " but was " + describe(actual));
    }

    private static String describe(Token t) {
      switch (t) {
        case START_OBJECT:
          return "an object";
        case START_ARRAY:
          return "an array";
        case STRING:
          return "a string";
        case INTEGER:
        case FLOAT:
        case DECIMAL:
          return "a number";
        case BOOLEAN:
          return "a boolean";
        case NULL:
          return "null";
        case TIMESTAMP:
          return "a timestamp";
        default:
          return t.toString().toLowerCase(Locale.ROOT);
      }
    }

    private static String describe(Object v) {
      if (v instanceof List) {
        return "an array";
      }
      if (v instanceof String) {
        return "a string";
      }
      if (v instanceof Number) {
        return "a number";
      }
      return v.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
      return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Encoding

  /** Encodes a profile in the agent format. */
  public byte[] encode(Profile profile, ProfileFormat format) {
    Objects.requireNonNull(profile, "profile");
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (Sink sink = sink(out, Objects.requireNonNull(format, "format"))) {
      write(profile, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Encodes a profile in the agent format and gzips it. */
  public byte[] encodeGzip(Profile profile, ProfileFormat format) {
    byte[] plain = encode(profile, format);
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Sink sink(ByteArrayOutputStream out, ProfileFormat format) throws IOException {
    switch (format) {
      case JSON:
        return new TokenStreams.JsonSink(out);
      case ION_TEXT:
        return new TokenStreams.IonSink(IonTextWriterBuilder.standard().build(out));
      default:
        return new TokenStreams.IonSink(IonBinaryWriterBuilder.standard().build(out));
    }
  }

  private static void write(Profile p, Sink out) throws IOException {
    out.startObject();
    out.field("start");
    out.integer(p.start().toEpochMilli());
    out.field("end");
    out.integer(p.end().toEpochMilli());
    if (!p.agentMetadata().isEmpty()) {
      out.field("agentMetadata");
      writeValue(p.agentMetadata().asMap(), out);
    }
    out.field("callgraph");
    writeTree(p.callTree(), out);
    for (Map.Entry<String, Object> e : p.otherFields().entrySet()) {
      out.field(e.getKey());
      writeValue(e.getValue(), out);
    }
    out.endObject();
  }

  /** Writes a node's members, leaving its object open when it has children (the caller descends). */
  private static boolean openNode(CallTreeNode n, Sink out) throws IOException {
    out.startObject();
    if (!n.selfCounts().isEmpty()) {
      out.field("counts");
      out.startObject();
      for (Map.Entry<String, Long> c : n.selfCounts().entrySet()) {
        out.field(c.getKey());
        out.integer(c.getValue());
      }
      out.endObject();
    }
    if (n.file().isPresent()) {
      out.field("file");
      out.string(n.file().get());
    }
    if (n.lines().isPresent()) {
      LineRange r = n.lines().get();
      out.field("line");
      out.startArray();
      out.integer(r.first());
      if (!r.isSingleLine()) {
        out.integer(r.last());
      }
      out.endArray();
    }
    if (n.isLeaf()) {
      out.endObject();
      return false;
    }
    out.field("children");
    out.startObject();
    return true;
  }

  private static void writeTree(CallTreeNode root, Sink out) throws IOException {
    Deque<Iterator<CallTreeNode>> stack = new ArrayDeque<>();
    if (openNode(root, out)) {
      stack.push(root.children().iterator());
    }
    while (!stack.isEmpty()) {
      Iterator<CallTreeNode> it = stack.peek();
      if (!it.hasNext()) {
        stack.pop();
        out.endObject(); // children
        out.endObject(); // node
        continue;
      }
      CallTreeNode child = it.next();
      out.field(child.frame());
      if (openNode(child, out)) {
        stack.push(child.children().iterator());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void writeValue(Object v, Sink out) throws IOException {
    if (v == null) {
      out.nullValue();
    } else if (v instanceof String s) {
      out.string(s);
    } else if (v instanceof Boolean b) {
      out.bool(b);
    } else if (v instanceof Long l) {
      out.integer(l);
    } else if (v instanceof BigInteger bi) {
      out.integer(bi);
    } else if (v instanceof Double d) {
      out.floating(d);
    } else if (v instanceof BigDecimal bd) {
      out.decimal(bd);
    } else if (v instanceof Map<?, ?> m) {
      out.startObject();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        out.field(e.getKey());
        writeValue(e.getValue(), out);
      }
      out.endObject();
    } else if (v instanceof List<?> l) {
      out.startArray();
      for (Object o : l) {
        writeValue(o, out);
      }
      out.endArray();
    } else {
      out.string(String.valueOf(v));
    }
  }
}

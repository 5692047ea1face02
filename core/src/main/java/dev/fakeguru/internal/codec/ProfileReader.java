package dev.fakeguru.internal.codec;

import static dev.fakeguru.internal.codec.ReadErrors.abbreviate;
import static dev.fakeguru.internal.codec.ReadErrors.describe;
import static dev.fakeguru.internal.codec.ReadErrors.wrongType;

import dev.fakeguru.internal.codec.TokenStreams.Source;
import dev.fakeguru.internal.codec.TokenStreams.Token;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.LineRange;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.profile.ProfileFormatException;
import dev.fakeguru.profile.ProfileFormatException.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One read of one body: the profile's members, the call graph without recursion. */
final class ProfileReader {
  /** Nesting allowed inside metadata and other non-call-graph members. */
  static final int MAX_VALUE_NESTING = 256;

  private final Source in;
  private final CodecLimits limits;
  private final ProfileFormat format;

  /** Null: build a {@link CallTreeNode}. */
  private final CallTreeSink<Object> sink;

  private int nodes;

  @SuppressWarnings("unchecked")
  ProfileReader(Source in, CodecLimits limits, ProfileFormat format, CallTreeSink<?> sink) {
    this.in = in;
    this.limits = limits;
    this.format = format;
    this.sink = (CallTreeSink<Object>) sink;
  }

  Profile profile() throws IOException {
    Token t = in.next();
    if (t == Token.END) {
      throw new ProfileFormatException(
          Problem.EMPTY, "$", "the body holds no " + format + " value");
    }
    if (t != Token.START_OBJECT) {
      throw wrongType("$", "an object", t);
    }
    // Placeholders until the body's own start and end are read; a body without them is refused.
    Profile.Builder b = Profile.builder(Instant.EPOCH, Instant.EPOCH);
    boolean sawStart = false;
    boolean sawEnd = false;
    boolean sawCallgraph = false;
    while ((t = in.next()) == Token.FIELD_NAME) {
      String name = text(() -> "$");
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
            throw new ProfileFormatException(
                Problem.WRONG_TYPE, path, "expected an object but was " + describe(md));
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
            b.callTree(callGraph(ProfileDecoder.BUILDER_SINK).build());
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
      throw new ProfileFormatException(
          Problem.MALFORMED, "$", "unexpected " + t + " in the profile object");
    }
    if (in.next() != Token.END) {
      throw new ProfileFormatException(
          Problem.MALFORMED, "$", "unexpected content after the profile object");
    }
    if (!sawStart) {
      throw new ProfileFormatException(
          Problem.MISSING_FIELD, "$.start", "the profile has no start (epoch milliseconds)");
    }
    if (!sawEnd) {
      throw new ProfileFormatException(
          Problem.MISSING_FIELD, "$.end", "the profile has no end (epoch milliseconds)");
    }
    if (!sawCallgraph) {
      throw new ProfileFormatException(
          Problem.MISSING_FIELD, "$.callgraph", "the profile has no call graph");
    }
    return b.build();
  }

  /** The current name or string, refused if it is not valid Unicode (see {@link UnicodeText}). */
  private String text(Supplier<String> path) throws IOException {
    String s = in.text();
    int at = UnicodeText.unpairedSurrogate(s);
    if (at >= 0) {
      throw ReadErrors.notUnicode(path.get(), s, at);
    }
    return s;
  }

  private Instant instant(String path) throws IOException {
    Token t = in.next();
    switch (t) {
      case INTEGER:
        BigInteger v = in.integer();
        if (v.bitLength() > 63) {
          throw new ProfileFormatException(
              Problem.INVALID_VALUE, path, "epoch milliseconds out of range: " + v);
        }
        return millis(path, v.longValue());
      case FLOAT:
        double d = in.floating();
        if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) > 9.0e15) {
          throw new ProfileFormatException(
              Problem.INVALID_VALUE, path, "epoch milliseconds out of range: " + d);
        }
        return millis(path, (long) d);
      case DECIMAL:
        return millis(path, in.decimal().longValue());
      case TIMESTAMP:
        return in.timestamp();
      case STRING:
        String s = text(() -> path);
        try {
          return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
          throw new ProfileFormatException(
              Problem.INVALID_VALUE,
              path,
              "expected epoch milliseconds or an ISO-8601 instant but was \""
                  + abbreviate(s)
                  + "\"");
        }
      default:
        throw wrongType(path, "epoch milliseconds", t);
    }
  }

  private static Instant millis(String path, long ms) {
    try {
      return Instant.ofEpochMilli(ms);
    } catch (java.time.DateTimeException e) {
      throw new ProfileFormatException(
          Problem.INVALID_VALUE, path, "epoch milliseconds out of range: " + ms);
    }
  }

  /**
   * A node being read: its sink node, how it was reached (for error paths), and its depth. One per
   * depth, reused by every node read at that depth, so reading a node allocates nothing of its own.
   */
  private static final class Frame {
    final Frame parent;
    final int depth;
    Object builder;
    String name;
    boolean inChildren;

    Frame(Frame parent, int depth) {
      this.parent = parent;
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
        sb.append(".children[\"")
            .append(UnicodeText.printable(names.get(i)).replace("\"", "\\\""))
            .append("\"]");
      }
      return sb.toString();
    }
  }

  /**
   * The current field name inside the call graph, refused if it is not valid Unicode. Paths are
   * built only when something is wrong: on the happy path they would cost O(depth) per node.
   */
  private String name(Frame at, String suffix) throws IOException {
    String s = in.text();
    if (!UnicodeText.isKnownValid(s)) {
      throw ReadErrors.notUnicode(at.path() + suffix, s, UnicodeText.unpairedSurrogate(s));
    }
    return s;
  }

  /** Reads the call graph into {@code into}; returns its root node. */
  private <N> N callGraph(CallTreeSink<N> into) throws IOException {
    @SuppressWarnings("unchecked")
    CallTreeSink<Object> out = (CallTreeSink<Object>) into;
    Object root = out.root();
    int maxDepth = limits.maxDepth();
    int maxNodes = limits.maxNodes();
    Frame[] frames = new Frame[64];
    frames[0] = new Frame(null, 0);
    frames[0].builder = root;
    int depth = 0;
    while (depth >= 0) {
      Frame top = frames[depth];
      Token t = in.next();
      if (top.inChildren) {
        if (t == Token.END_OBJECT) {
          top.inChildren = false;
          continue;
        }
        if (t != Token.FIELD_NAME) {
          throw new ProfileFormatException(
              Problem.MALFORMED, top.path() + ".children", "unexpected " + t);
        }
        String name = name(top, ".children");
        Token ct = in.next();
        if (ct != Token.START_OBJECT) {
          throw wrongType(
              top.path() + ".children[\"" + name + "\"]", "an object (a call-graph node)", ct);
        }
        if (depth + 1 > maxDepth) {
          throw new ProfileFormatException(
              Problem.LIMIT_EXCEEDED,
              top.path(),
              "the call graph is deeper than " + maxDepth + " frames (limit maxDepth)");
        }
        if (++nodes > maxNodes) {
          throw new ProfileFormatException(
              Problem.LIMIT_EXCEEDED,
              top.path(),
              "the call graph has more than " + maxNodes + " nodes (limit maxNodes)");
        }
        Object child = out.child(top.builder, name);
        if (++depth == frames.length) {
          frames = Arrays.copyOf(frames, depth * 2);
        }
        Frame f = frames[depth];
        if (f == null) {
          f = new Frame(top, depth);
          frames[depth] = f;
        }
        f.builder = child;
        f.name = name;
        continue;
      }
      if (t == Token.END_OBJECT) {
        top.builder = null;
        depth--;
        continue;
      }
      if (t != Token.FIELD_NAME) {
        throw new ProfileFormatException(
            Problem.MALFORMED, top.path(), "unexpected " + t + " in a call-graph node");
      }
      String member = name(top, "");
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
            int bad = UnicodeText.unpairedSurrogate(file);
            if (bad >= 0) {
              throw ReadErrors.notUnicode(top.path() + ".file", file, bad);
            }
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
          Token vt = in.next();
          if (vt == Token.START_OBJECT || vt == Token.START_ARRAY || vt == Token.END) {
            skip(() -> top.path() + "." + member, vt);
          }
      }
    }
    @SuppressWarnings("unchecked")
    N typed = (N) root;
    return typed;
  }

  private void counts(CallTreeSink<Object> out, Frame frame) throws IOException {
    Token t = in.next();
    if (t == Token.NULL) {
      return;
    }
    if (t != Token.START_OBJECT) {
      throw wrongType(frame.path() + ".counts", "an object of counter type to count", t);
    }
    while ((t = in.next()) == Token.FIELD_NAME) {
      String type = name(frame, ".counts");
      long count = count(frame, type, in.next());
      try {
        out.addSelfCount(frame.builder, type, count);
      } catch (ArithmeticException e) {
        throw new ProfileFormatException(
            Problem.INVALID_VALUE,
            frame.path() + ".counts." + type,
            "the counts of this frame overflow a 64-bit integer");
      }
    }
    if (t != Token.END_OBJECT) {
      throw new ProfileFormatException(
          Problem.MALFORMED, frame.path() + ".counts", "unexpected " + t);
    }
  }

  private long count(Frame frame, String type, Token t) throws IOException {
    if (t == Token.INTEGER && in.fitsLong()) {
      long l = in.longValue();
      if (l >= 0) {
        return l;
      }
    }
    String path = frame.path() + ".counts." + type;
    switch (t) {
      case INTEGER:
        BigInteger v = in.integer();
        throw new ProfileFormatException(
            Problem.INVALID_VALUE,
            path,
            "expected a non-negative integer that fits 64 bits but was " + v);
      case FLOAT:
        double d = in.floating();
        if (!(d >= 0) || d != Math.rint(d) || d > Long.MAX_VALUE) {
          throw new ProfileFormatException(
              Problem.INVALID_VALUE, path, "expected a non-negative integer but was " + d);
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
          throw new ProfileFormatException(
              Problem.INVALID_VALUE, path, "expected a non-negative integer but was " + dec);
        }
      default:
        throw wrongType(path, "a non-negative integer", t);
    }
  }

  private void lines(CallTreeSink<Object> out, Frame frame) throws IOException {
    Token t = in.next();
    if (t == Token.NULL) {
      return;
    }
    if (t == Token.INTEGER) { // a bare line number, as some writers emit
      out.widenLines(frame.builder, LineRange.of(lineNumber(frame, -1)));
      return;
    }
    if (t != Token.START_ARRAY) {
      throw wrongType(frame.path() + ".line", "an array of one or two line numbers", t);
    }
    int first = 0;
    int last = 0;
    int size = 0;
    while ((t = in.next()) != Token.END_ARRAY) {
      if (t != Token.INTEGER) {
        throw wrongType(frame.path() + ".line[" + size + "]", "a line number", t);
      }
      int line = lineNumber(frame, size);
      if (size == 0) {
        first = line;
      }
      last = line;
      if (++size > 2) {
        throw new ProfileFormatException(
            Problem.INVALID_VALUE,
            frame.path() + ".line",
            "expected one or two line numbers but got more");
      }
    }
    if (size == 0) {
      return;
    }
    out.widenLines(frame.builder, LineRange.of(Math.min(first, last), Math.max(first, last)));
  }

  /** The current integer token as a line number; {@code index} -1 for a bare number. */
  private int lineNumber(Frame frame, int index) throws IOException {
    if (in.fitsLong()) {
      long l = in.longValue();
      if (l >= 0 && l <= Integer.MAX_VALUE) {
        return (int) l;
      }
    }
    throw new ProfileFormatException(
        Problem.INVALID_VALUE,
        frame.path() + ".line" + (index < 0 ? "" : "[" + index + "]"),
        "expected a line number but was " + in.integer());
  }

  /** Reads any JSON-like value (metadata, unknown members) with bounded nesting. */
  private Object value(String path, Token t, int depth) throws IOException {
    if (depth > MAX_VALUE_NESTING) {
      throw new ProfileFormatException(
          Problem.LIMIT_EXCEEDED, path, "values nest deeper than " + MAX_VALUE_NESTING + " levels");
    }
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          Token ft;
          while ((ft = in.next()) == Token.FIELD_NAME) {
            String key = text(() -> path);
            m.put(key, value(path + "." + key, in.next(), depth + 1));
          }
          if (ft != Token.END_OBJECT) {
            throw new ProfileFormatException(Problem.MALFORMED, path, "unexpected " + ft);
          }
          return m;
        }
      case START_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          Token et;
          while ((et = in.next()) != Token.END_ARRAY) {
            if (et == Token.END) {
              throw new ProfileFormatException(
                  Problem.TRUNCATED, path, "the body ends inside an array");
            }
            l.add(value(path + "[" + l.size() + "]", et, depth + 1));
          }
          return l;
        }
      case STRING:
        return text(() -> path);
      case INTEGER:
        BigInteger v = in.integer();
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
      case FLOAT:
        double d = in.floating();
        if (!Double.isFinite(d)) {
          // JSON answers cannot carry NaN or infinities (a JSON 1e400 reads as one).
          throw new ProfileFormatException(
              Problem.INVALID_VALUE,
              path,
              "expected a finite number but was " + d + " (beyond the range of a 64-bit float)");
        }
        return d;
      case DECIMAL:
        return in.decimal();
      case BOOLEAN:
        return in.bool();
      case NULL:
        return null;
      case TIMESTAMP:
        return in.timestamp().toString();
      case END:
        throw new ProfileFormatException(
            Problem.TRUNCATED, path, "the body ends where a value belongs");
      default:
        throw wrongType(path, "a JSON-like value", t);
    }
  }

  private void skip(Supplier<String> path, Token t) throws IOException {
    if (t != Token.START_OBJECT && t != Token.START_ARRAY) {
      if (t == Token.END) {
        throw new ProfileFormatException(
            Problem.TRUNCATED, path.get(), "the body ends where a value belongs");
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
        throw new ProfileFormatException(
            Problem.TRUNCATED, path.get(), "the body ends inside this value");
      }
    }
  }
}

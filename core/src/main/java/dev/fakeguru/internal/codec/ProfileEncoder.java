package dev.fakeguru.internal.codec;

import com.amazon.ion.system.IonBinaryWriterBuilder;
import com.amazon.ion.system.IonTextWriterBuilder;
import dev.fakeguru.internal.codec.TokenStreams.Sink;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LineRange;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes profiles in the agent format (JSON, Ion text, Ion binary) without recursing on the Java
 * stack. The entry point behind {@code dev.fakeguru.codec.ProfileCodec#encode}. Thread-safe
 * (stateless). Internal.
 */
public final class ProfileEncoder {
  private ProfileEncoder() {}

  /** Encodes a profile in the agent format. */
  public static byte[] encode(Profile profile, ProfileFormat format) {
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
  public static byte[] encodeGzip(Profile profile, ProfileFormat format) {
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

  /**
   * Writes a node's members, leaving its object open when it has children (the caller descends).
   */
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

package dev.fakeguru.compat;

import com.amazon.ion.IonReader;
import com.amazon.ion.IonWriter;
import com.amazon.ion.system.IonBinaryWriterBuilder;
import com.amazon.ion.system.IonReaderBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Agent profiles for the scenarios: the recorded Python-agent body, and small profiles at given
 * times.
 */
final class Profiles {
  static final byte[] ION_BINARY_MARKER = {(byte) 0xE0, 0x01, 0x00, (byte) 0xEA};
  private static final ObjectMapper JSON = new ObjectMapper();

  private Profiles() {}

  /**
   * The first profile the real Python agent posted, byte for byte, from the repository's {@code
   * fixtures/} (on the test class path).
   */
  static byte[] pythonAgentProfile() {
    String name = "/fixtures/python-agent-profile-1.json";
    try (InputStream in = Profiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "No agent profile fixture " + name + " on the test class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A one-minute agent profile starting at {@code start}: main→a {@code a} samples, main→b {@code
   * b}.
   */
  static byte[] json(Instant start, long a, long b) {
    String s =
        "{\"start\":"
            + start.toEpochMilli()
            + ",\"end\":"
            + start.plus(Duration.ofMinutes(1)).toEpochMilli()
            + ",\"agentMetadata\":{\"durationInMs\":60000,\"sampleWeights\":{\"WALL\":1.0}}"
            + ",\"callgraph\":{\"children\":{\"main\":{\"children\":{"
            + "\"a\":{\"counts\":{\"WALL_TIME\":"
            + a
            + "}},"
            + "\"b\":{\"counts\":{\"WALL_TIME\":"
            + b
            + "}}}}}}}";
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The same profile as Ion binary (JSON text is Ion text; ion-java re-writes it as binary). */
  static byte[] ion(Instant start, long a, long b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (IonReader reader = IonReaderBuilder.standard().build(json(start, a, b));
        IonWriter writer = IonBinaryWriterBuilder.standard().build(out)) {
      writer.writeValues(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The WALL_TIME count at main→{@code frame} of an agent-format JSON profile. */
  static long wallTime(byte[] json, String frame) {
    try {
      JsonNode n =
          JSON.readTree(json)
              .path("callgraph")
              .path("children")
              .path("main")
              .path("children")
              .path(frame);
      return n.path("counts").path("WALL_TIME").asLong(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The start of the 5-minute UTC bucket {@code n} buckets before the current one. */
  static Instant bucketsAgo(int n) {
    long fiveMinutes = Duration.ofMinutes(5).toMillis();
    long now = System.currentTimeMillis();
    return Instant.ofEpochMilli(now - now % fiveMinutes - n * fiveMinutes);
  }
}

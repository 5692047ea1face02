package dev.fakeguru.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.internal.codec.TokenStreams.Source;
import dev.fakeguru.internal.codec.TokenStreams.Token;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.LineRange;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.profile.ProfileFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder's fast path must never change what a body decodes to: whatever {@link
 * PlainJsonSource} reads to the end, Jackson reads as the same tokens with the same values; and a
 * body decodes (through the fast path, which may give up midway) to the same profile, the same
 * streamed call graph or the same error as through Jackson alone. Checked on the recorded agent
 * bodies, generated agent-shaped bodies, the codec fuzz corpus, and tens of thousands of mutations
 * of them; and the fast path must actually be taken for what agents send.
 *
 * <p>Fuzzing (beyond the mutations every build runs): {@code JAZZER_FUZZ=1 mvn -B -pl core -am test
 * -Dtest=PlainJsonSourceTest -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=5m}.
 */
class PlainJsonSourceTest {
  /** Small enough that mutations reach the depth and node limits too. */
  private static final CodecLimits LIMITS =
      CodecLimits.builder()
          .maxCompressedBytes(1 << 20)
          .maxDecompressedBytes(1 << 20)
          .maxDepth(48)
          .maxNodes(3_000)
          .build();

  private static final int NESTING = ProfileDecoder.maxNesting(LIMITS);

  private static final String HAND_MADE =
      "{\"start\":1704164400000,\"end\":1704164460000,\"agentMetadata\":{\"sampleWeights\":"
          + "{\"WALL\":1},\"durationInMs\":60000,\"agentInfo\":{\"type\":\"JavaAgent\","
          + "\"version\":\"1.2\"},\"flags\":[true,false,null,[],{}]},\"callgraph\":{\"children\":"
          + "{\"java.lang.Thread.run\":{\"children\":{\"a.B$$Lambda$12/0x0000000800c0b000.c\":"
          + "{\"counts\":{\"WALL_TIME\":3,\"RUNNABLE\":1},\"file\":\"B.java\",\"line\":[10,12]},"
          + "\"a.B.<init>\":{\"counts\":{\"WALL_TIME\":0},\"line\":7,\"file\":null}},\"counts\":null},"
          + "\"java.lang.Thread.run \":{\"counts\":{\"BLOCKED\":922337203685477580}}}},"
          + "\"extra\":[1,2,{\"x\":null}],\"end\":1704164460001}";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "python-agent-profile-1.body",
        "python-agent-profile-2.body",
        "python-agent-profile-3-after-errors.body",
        "python-agent-profile-1.json"
      })
  void recorded_agent_bodies_take_the_fast_path_and_read_as_jackson_reads_them(String fixture)
      throws IOException {
    byte[] body = plain(resource("/fixtures/" + fixture));
    assertThat(readsToTheEnd(body)).as("%s is plain JSON", fixture).isTrue();
    assertSameTokens(body);
    assertSameDecode(body);
  }

  @Test
  void generated_agent_shaped_bodies_take_the_fast_path_and_read_as_jackson_reads_them() {
    Random random = new Random(11);
    for (int i = 0; i < 20; i++) {
      byte[] body = agentShaped(random, 40 + random.nextInt(400));
      assertThat(readsToTheEnd(body)).isTrue();
      assertSameTokens(body);
      assertSameDecode(body);
    }
    byte[] handMade = HAND_MADE.getBytes(StandardCharsets.US_ASCII);
    assertThat(readsToTheEnd(handMade)).isTrue();
    assertSameTokens(handMade);
    assertSameDecode(handMade);
    byte[] pretty = HAND_MADE.replace(",", ",\r\n\t ").replace(":", " : ").getBytes();
    assertThat(readsToTheEnd(pretty)).isTrue();
    assertSameDecode(pretty);
  }

  /** Each rule of the subset: what it leaves to Jackson, and that the outcome is Jackson's. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"a\\\"b\":{}}}}",
        "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"a\\ud800\":{}}}}",
        "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"é\":{}}}}",
        "{\"start\":01,\"end\":2,\"callgraph\":{}}",
        "{\"start\":1,\"end\":2,\"callgraph\":{\"counts\":{\"A\":1234567890123456789}}}",
        "{\"start\":1,\"end\":2,\"callgraph\":{\"counts\":{\"A\":99999999999999999999}}}",
        "{\"start\":1,\"end\":2,\"callgraph\":{}} {}",
        "{\"start\":1,\"end\":2,\"callgraph\":{}}x",
        "\uFEFF{\"start\":1,\"end\":2,\"callgraph\":{}}",
        "{\"start\":1,/* c */\"end\":2,\"callgraph\":{}}",
        "{'start':1,\"end\":2,\"callgraph\":{}}",
        "{\"start\":1,\"end\":2,\"callgraph\":{},}",
        "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"a\tb\":{}}}}",
        "{\"start\":1,\"end\":2,\"x\":tru,\"callgraph\":{}}",
        "{\"start\":1,\"end\":2,\"x\":nulll,\"callgraph\":{}}",
        "{\"start\":1,\"end\":2,\"x\":[1 2],\"callgraph\":{}}",
        "{\"start\":1,\"end\":2,\"x\":[1,],\"callgraph\":{}}",
        "{\"start\":1,\"end\":2\"callgraph\":{}}",
        "{\"start\" 1,\"end\":2,\"callgraph\":{}}",
        "[{\"start\":1,\"end\":2,\"callgraph\":{}}]",
        "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"a\":{}}}",
        "{\"start\":1,\"end\":2,\"callgraph\":{\"counts\":{\"A\":1}}}\u000b",
        "{\"start\":1,\"end\":2,\"callgraph\":{\"counts\":{\"A\":1}",
      })
  void what_leaves_the_subset_is_left_to_jackson(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    assertThat(readsToTheEnd(body)).as("left to Jackson: %s", json).isFalse();
    assertSameTokens(body);
    assertSameDecode(body);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.5",
        "1e3",
        "-1",
        "-0",
        "-0.0",
        "1E+2",
        "1.25e-7",
        "0.1",
        "123456789012345678",
        "-123456789012345678",
        "1.7976931348623157e308",
        "4.9e-324",
        "1e400",
        "-1e400",
        "2.5E-400",
        "0.30000000000000004",
        "9007199254740993.0"
      })
  void numbers_read_as_jackson_reads_them(String number) {
    for (String json :
        new String[] {
          "{\"start\":1,\"end\":2,\"agentMetadata\":{\"x\":" + number + "},\"callgraph\":{}}",
          "{\"start\":" + number + ",\"end\":2,\"callgraph\":{}}",
          "{\"start\":1,\"end\":2,\"callgraph\":{\"counts\":{\"A\":" + number + "}}}",
          "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"a\":{\"line\":["
              + number
              + "]}}}}",
        }) {
      byte[] body = json.getBytes(StandardCharsets.US_ASCII);
      assertThat(readsToTheEnd(body)).as(json).isTrue();
      assertSameTokens(body);
      assertSameDecode(body);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.",
        ".5",
        "1e",
        "1e+",
        "-",
        "--1",
        "+1",
        "1.5.5",
        "0x10",
        "Infinity",
        "NaN",
        "-a",
        "1234567890123456789",
        "-1234567890123456789",
        "00",
        "-01",
        "1.0e5x",
        "10000000000000000000000000000000000000000000000000000000000000000000000.5"
      })
  void numbers_outside_the_subset_are_left_to_jackson(String number) {
    byte[] body =
        ("{\"start\":1,\"end\":2,\"agentMetadata\":{\"x\":" + number + "},\"callgraph\":{}}")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(readsToTheEnd(body)).isFalse();
    assertSameTokens(body);
    assertSameDecode(body);
  }

  @Test
  void a_string_longer_than_the_subset_allows_is_left_to_jackson() {
    String name = "x".repeat(PlainJsonSource.MAX_STRING + 1);
    byte[] body =
        ("{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"" + name + "\":{}}}}").getBytes();
    assertThat(readsToTheEnd(body)).isFalse();
    assertSameDecode(body);
  }

  @Test
  void nesting_deeper_than_jacksons_limit_is_left_to_jackson() {
    String deep = "[".repeat(NESTING + 2) + "]".repeat(NESTING + 2);
    byte[] body = ("{\"start\":1,\"end\":2,\"x\":" + deep + ",\"callgraph\":{}}").getBytes();
    assertThat(readsToTheEnd(body)).isFalse();
    assertSameDecode(body);
  }

  @Test
  void a_frame_name_is_the_same_string_in_every_body() {
    byte[] body = HAND_MADE.getBytes(StandardCharsets.US_ASCII);
    List<String> first = names(body);
    List<String> second = names(body.clone());
    assertThat(first).hasSize(second.size()).isNotEmpty();
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i)).isSameAs(first.get(i));
    }
  }

  @Test
  void a_sink_fed_before_the_fast_path_gave_up_ends_with_jacksons_graph_only() {
    // Gives up at the last count type (an escape), after every node was streamed once.
    byte[] body =
        HAND_MADE.replace("\"BLOCKED\"", "\"BLOCK\\u0045D\"").getBytes(StandardCharsets.US_ASCII);
    assertThat(readsToTheEnd(body)).isFalse();
    assertSameDecode(body);
    RecordingSink sink = new RecordingSink();
    ProfileDecoder.decodeInto(body, "application/json", null, LIMITS, sink);
    assertThat(sink.roots).as("roots: the fast path's, then Jackson's").isEqualTo(2);
  }

  /** Mutations of every seed: the same tokens, the same profile, the same error. */
  @Test
  void mutated_bodies_decode_as_through_jackson_alone() throws IOException, URISyntaxException {
    List<byte[]> seeds = seeds();
    Random random = new Random(20261202);
    int plainToTheEnd = 0;
    int mutations = 12_000;
    for (int i = 0; i < mutations; i++) {
      byte[] body = mutate(random, seeds.get(random.nextInt(seeds.size())));
      plainToTheEnd += sameOutcome(body) ? 1 : 0;
    }
    // Most mutations leave the subset or break the body; enough must stay plain to compare.
    assertThat(plainToTheEnd).isGreaterThan(mutations / 20);
  }

  @FuzzTest(maxDuration = "1m")
  void fuzz(byte[] body) {
    sameOutcome(body);
  }

  /** Checks both properties; returns whether the fast path read the body to the end. */
  private static boolean sameOutcome(byte[] body) {
    assertSameTokens(body);
    assertSameDecode(body);
    return readsToTheEnd(body);
  }

  private static boolean readsToTheEnd(byte[] body) {
    PlainJsonSource source = new PlainJsonSource(body, NESTING);
    try {
      while (source.next() != Token.END) {
        // read on
      }
      return true;
    } catch (PlainJsonSource.NotPlain e) {
      return false;
    }
  }

  /** Every token the fast path gives is Jackson's; if it reads to the end, so does Jackson. */
  private static void assertSameTokens(byte[] body) {
    List<String> fast = new ArrayList<>();
    boolean toTheEnd = tokens(new PlainJsonSource(body, NESTING), fast);
    List<String> jackson = new ArrayList<>();
    try {
      tokens(new TokenStreams.JsonSource(body, NESTING), jackson);
    } catch (IOException e) {
      jackson.add("error");
    }
    if (toTheEnd) {
      assertThat(jackson).as("tokens of %s", show(body)).isEqualTo(fast);
      return;
    }
    // Jackson reads a member's scalar value with its name, so it may fail at a name the fast path
    // still gave: only the tokens both gave are compared.
    if (jackson.get(jackson.size() - 1).equals("error")) {
      jackson.remove(jackson.size() - 1);
    }
    int both = Math.min(fast.size(), jackson.size());
    assertThat(jackson.subList(0, both))
        .as("tokens of %s", show(body))
        .isEqualTo(fast.subList(0, both));
    assertThat(both).as("tokens of %s", show(body)).isGreaterThanOrEqualTo(fast.size() - 1);
  }

  /** Reads tokens into {@code out}; false if the fast path gave up. */
  private static boolean tokens(Source in, List<String> out) throws IOException {
    try {
      for (Token t = in.next(); ; t = in.next()) {
        switch (t) {
          case FIELD_NAME, STRING -> out.add(t + " " + in.text());
          case INTEGER -> out.add(t + " " + in.fitsLong() + " " + in.integer());
          case FLOAT -> out.add(t + " " + Double.doubleToRawLongBits(in.floating()));
          case BOOLEAN -> out.add(t + " " + in.bool());
          default -> out.add(t.toString());
        }
        if (t == Token.END) {
          return true;
        }
      }
    } catch (PlainJsonSource.NotPlain e) {
      return false;
    }
  }

  private static boolean tokens(PlainJsonSource in, List<String> out) {
    try {
      return tokens((Source) in, out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The decode (fast path first) equals Jackson's alone: profile, or error; streamed, too. */
  private static void assertSameDecode(byte[] body) {
    assertThat(outcome(() -> ProfileDecoder.read(body, ProfileFormat.JSON, LIMITS, null)))
        .as("decode of %s", show(body))
        .isEqualTo(
            outcome(() -> ProfileDecoder.read(body, ProfileFormat.JSON, LIMITS, null, NESTING)));
    RecordingSink viaFastPath = new RecordingSink();
    RecordingSink viaJackson = new RecordingSink();
    Object fast = outcome(() -> ProfileDecoder.read(body, ProfileFormat.JSON, LIMITS, viaFastPath));
    Object slow =
        outcome(() -> ProfileDecoder.read(body, ProfileFormat.JSON, LIMITS, viaJackson, NESTING));
    assertThat(fast).as("streamed decode of %s", show(body)).isEqualTo(slow);
    if (fast instanceof Profile) {
      assertThat(viaFastPath.events)
          .as("streamed graph of %s", show(body))
          .isEqualTo(viaJackson.events);
    }
  }

  private interface Decode {
    Profile run();
  }

  private static Object outcome(Decode decode) {
    try {
      return decode.run();
    } catch (ProfileFormatException e) {
      return e.problem() + " " + e.path() + " " + e.getMessage();
    }
  }

  private static String show(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  private static List<String> names(byte[] body) {
    List<String> names = new ArrayList<>();
    PlainJsonSource in = new PlainJsonSource(body, NESTING);
    for (Token t = in.next(); t != Token.END; t = in.next()) {
      if (t == Token.FIELD_NAME) {
        names.add(in.text());
      }
    }
    return names;
  }

  /** Records what the decoder streams; a new root forgets the graph before it. */
  private static final class RecordingSink implements CallTreeSink<Integer> {
    final List<String> events = new ArrayList<>();
    int roots;
    private int nodes;

    @Override
    public Integer root() {
      roots++;
      events.clear();
      nodes = 0;
      return 0;
    }

    @Override
    public Integer child(Integer parent, String name) {
      events.add("child " + parent + " " + name);
      return ++nodes;
    }

    @Override
    public void addSelfCount(Integer node, String counterType, long count) {
      events.add("count " + node + " " + counterType + " " + count);
    }

    @Override
    public boolean hasFile(Integer node) {
      return false;
    }

    @Override
    public void file(Integer node, String file) {
      events.add("file " + node + " " + file);
    }

    @Override
    public void widenLines(Integer node, LineRange lines) {
      events.add("lines " + node + " " + lines);
    }
  }

  // Seeds and mutations.

  private static final String[] SNIPPETS = {
    "\\u00e9",
    "\\\"",
    "\\n",
    "1.5",
    "1e3",
    "-1",
    "-0",
    "01",
    "0",
    "12345678901234567890",
    "123456789012345678",
    "1234567890123456789",
    " ",
    "\t",
    "\r\n",
    ",",
    ":",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "null",
    "true",
    "false",
    "tru",
    "nul",
    "/*c*/",
    "é",
    "\u0000",
    "\u007f",
    "\uFEFF",
    "{}",
    "[]",
    "\"counts\":{\"A\":1}",
    "\"children\":{\"x\":{}}",
    "\"line\":[1,2]",
    "\"file\":\"F\"",
  };

  private static final String DELIMITERS = "{}[]\",:\\ 0-.eE+";

  private static byte[] mutate(Random random, byte[] seed) {
    byte[] body = seed;
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      int at = body.length == 0 ? 0 : random.nextInt(body.length + 1);
      switch (random.nextInt(6)) {
        case 0 -> { // replace a byte
          if (at < body.length) {
            body = body.clone();
            body[at] =
                (byte)
                    (random.nextBoolean()
                        ? random.nextInt(256)
                        : DELIMITERS.charAt(random.nextInt(DELIMITERS.length())));
          }
        }
        case 1, 2 -> { // insert a snippet
          byte[] s = SNIPPETS[random.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8);
          body = splice(body, at, at, s);
        }
        case 3 -> { // delete a short range
          int end = Math.min(body.length, at + 1 + random.nextInt(8));
          body = splice(body, Math.min(at, end), end, new byte[0]);
        }
        case 4 -> { // repeat a short range
          int end = Math.min(body.length, at + 1 + random.nextInt(40));
          byte[] range = java.util.Arrays.copyOfRange(body, Math.min(at, end), end);
          body = splice(body, end, end, range);
        }
        default -> { // cut the body short
          if (random.nextInt(4) == 0) {
            body = java.util.Arrays.copyOf(body, at);
          }
        }
      }
    }
    return body;
  }

  private static byte[] splice(byte[] body, int from, int to, byte[] insert) {
    byte[] out = new byte[body.length - (to - from) + insert.length];
    System.arraycopy(body, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(body, to, out, from + insert.length, body.length - to);
    return out;
  }

  private static List<byte[]> seeds() throws IOException, URISyntaxException {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(HAND_MADE.getBytes(StandardCharsets.US_ASCII));
    Random random = new Random(5);
    for (int i = 0; i < 4; i++) {
      seeds.add(agentShaped(random, 30));
    }
    for (String f :
        new String[] {"python-agent-profile-1.body", "python-agent-profile-3-after-errors.body"}) {
      seeds.add(plain(resource("/fixtures/" + f)));
    }
    Path corpus =
        Path.of(
            PlainJsonSourceTest.class
                .getResource("/dev/fakeguru/fuzz/ProfileCodecFuzzTestInputs/decode")
                .toURI());
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path f : files.sorted().toList()) {
        byte[] b = plain(Files.readAllBytes(f));
        if (b.length > 0 && b.length < 64 * 1024 && (b[0] == '{' || b[0] == ' ' || b[0] == '[')) {
          seeds.add(b);
        }
      }
    }
    return seeds;
  }

  /** A profile as agents encode it (through the codec, so with the codec's spelling). */
  private static byte[] agentShaped(Random random, int frames) {
    Profile.Builder b =
        Profile.builder(
                Instant.parse("2024-01-01T10:00:00Z"), Instant.parse("2024-01-01T10:05:00Z"))
            .agentMetadata(
                Map.of(
                    "durationInMs", 300_000L,
                    "agentInfo", Map.of("type", "JavaAgent", "version", "1.2.1"),
                    "sampleWeights", Map.of("WALL", 1L)));
    String[] types = {"WALL_TIME", "RUNNABLE", "BLOCKED", "WAITING", "TIMED_WAITING", "IDLE"};
    for (int i = 0; i < frames; i++) {
      int depth = 1 + random.nextInt(12);
      String[] path = new String[depth];
      for (int d = 0; d < depth; d++) {
        path[d] =
            "com.example.p"
                + random.nextInt(5)
                + ".C"
                + random.nextInt(7)
                + "$$Lambda$"
                + d
                + ".m"
                + random.nextInt(3);
      }
      b.stack(types[random.nextInt(types.length)], 1 + random.nextInt(1000), path);
      if (random.nextInt(4) == 0) {
        CallTreeNode.Builder n = b.root();
        for (String f : path) {
          n = n.child(f);
        }
        n.file("C" + random.nextInt(7) + ".java");
        n.widenLines(LineRange.of(1 + random.nextInt(50), 60 + random.nextInt(50)));
      }
    }
    return ProfileCodec.defaults().encode(b.build(), ProfileFormat.JSON);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PlainJsonSourceTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  /** Inflated if gzipped. */
  private static byte[] plain(byte[] body) throws IOException {
    if (body.length < 2 || (body[0] & 0xFF) != 0x1F || (body[1] & 0xFF) != 0x8B) {
      return body;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}

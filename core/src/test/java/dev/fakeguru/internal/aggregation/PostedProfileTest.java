package dev.fakeguru.internal.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.LineRange;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.profile.ProfileFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's streaming decode (straight into a {@link PostTree}) must give exactly what the
 * public codec gives, and 5-minute buckets that re-read their posts' bytes must aggregate as
 * before.
 */
class PostedProfileTest {
  private final ProfileCodec codec = ProfileCodec.defaults();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "python-agent-profile-1.json",
        "python-agent-profile-2.json",
        "python-agent-profile-3-after-errors.json"
      })
  void streaming_decode_of_real_agent_profiles_equals_the_codec(String fixture) throws IOException {
    byte[] body = resource(fixture);
    assertSameAsCodec(body, "application/json", null);
    assertSameAsCodec(gzip(body), "application/json", "gzip");
  }

  /**
   * A body naming its call graph twice: the server aggregates what the codec decodes (the last
   * one), not the two merged, so GetProfile agrees with the recorded post.
   */
  @Test
  void a_second_call_graph_replaces_the_first_as_in_the_codec() {
    byte[] body =
        jsonBody(
            "\"callgraph\":{\"children\":{\"first\":{\"counts\":{\"A\":1}}}},"
                + "\"callgraph\":{\"children\":{\"second\":{\"counts\":{\"B\":2}}}}");
    assertSameAsCodec(body, "application/json", null);
    PostedProfile posted = PostedProfile.decode(codec.limits(), body, "application/json", null);
    assertThat(posted.totals()).containsExactly(Map.entry("B", 2L));
    assertThat(posted.nodes()).isEqualTo(2);
    // A first graph whose root has only a file and lines leaves nothing behind either.
    byte[] rootOnly =
        jsonBody(
            "\"callgraph\":{\"file\":\"A.java\",\"line\":[1,2]},"
                + "\"callgraph\":{\"children\":{\"second\":{\"counts\":{\"B\":2}}}}");
    assertSameAsCodec(rootOnly, "application/json", null);
  }

  @ParameterizedTest
  @EnumSource(ProfileFormat.class)
  void streaming_decode_of_random_trees_with_files_lines_and_many_counters_equals_the_codec(
      ProfileFormat format) {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      Profile p = randomProfile(random);
      byte[] body = codec.encode(p, format);
      assertSameAsCodec(body, format.contentType(), null);
    }
  }

  /**
   * The profile's totals (checked against each bucket's before anything is added) must be the
   * codec's, and a profile whose own totals overflow must fail to total: counts before and after
   * children, repeated names, an overflow.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"counts\":{\"B\":1},\"children\":{\"x\":{\"counts\":{\"A\":2,\"B\":3}}}}",
        "{\"children\":{\"x\":{\"counts\":{\"A\":2}}},\"counts\":{\"B\":1}}",
        "{\"children\":{\"x\":{\"children\":{\"y\":{\"counts\":{\"A\":1}}},"
            + "\"counts\":{\"B\":4}}}}",
        "{\"children\":{\"x\":{\"children\":{\"y\":{\"counts\":{\"A\":1}}}},"
            + "\"z\":{\"counts\":{\"C\":1}},\"x\":{\"counts\":{\"B\":2}}}}",
        "{\"children\":{\"x\":{\"counts\":{\"A\":9223372036854775807}},"
            + "\"y\":{\"counts\":{\"A\":1}}}}"
      })
  void totals_equal_the_codecs_and_an_overflow_fails_to_total(String callgraph) {
    byte[] body =
        ("{\"start\":1700000000000,\"end\":1700000300000,\"callgraph\":" + callgraph + "}")
            .getBytes(StandardCharsets.UTF_8);
    PostedProfile decoded = PostedProfile.decode(codec.limits(), body, "application/json", null);
    Object expected;
    try {
      expected = Map.copyOf(codec.decode(body, "application/json", null).totalCounts());
    } catch (ArithmeticException e) {
      expected = "overflow";
    }
    Object actual;
    try {
      actual = Map.copyOf(decoded.totals());
    } catch (ArithmeticException e) {
      assertThat(e).hasMessageContaining("overflows a 64-bit long");
      actual = "overflow";
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void a_decoded_profile_deeper_than_the_java_stack_is_taken_without_recursion() {
    List<String> stack = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      stack.add("frame" + i);
    }
    CallTreeNode.Builder b = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    b.addStack("CPU", 3, stack);
    b.addStack("WALL_TIME", 2, stack);
    Profile deep =
        Profile.builder(
                Instant.parse("2024-01-01T10:00:00Z"), Instant.parse("2024-01-01T10:05:00Z"))
            .callTree(b.build())
            .build();
    PostedProfile posted = PostedProfile.of(deep);
    assertThat(posted.nodes()).isEqualTo(200_001);
    assertThat(posted.totals()).containsExactly(Map.entry("CPU", 3L), Map.entry("WALL_TIME", 2L));
    assertThat(posted.tree().build()).isEqualTo(deep.callTree());
  }

  @Test
  void repeated_child_names_and_counter_types_merge_as_the_codec_does() {
    String json =
        "{\"start\":1700000000000,\"end\":1700000300000,\"agentMetadata\":{},\"callgraph\":{\"children\":{"
            + "\"a\":{\"counts\":{\"WALL_TIME\":2,\"WALL_TIME\":3},\"file\":\"A.java\",\"line\":[5,9]},"
            + "\"a\":{\"counts\":{\"RUNNABLE\":1},\"file\":\"B.java\",\"line\":[2]},"
            + "\"b\":{\"children\":null,\"counts\":null,\"line\":12}}}}";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    assertSameAsCodec(body, "application/json", null);
    CallTreeNode a =
        PostedProfile.decode(codec.limits(), body, "application/json", null)
            .tree()
            .build()
            .child("a")
            .orElseThrow();
    assertThat(a.selfCounts())
        .containsExactly(Map.entry("WALL_TIME", 5L), Map.entry("RUNNABLE", 1L));
    assertThat(a.file()).contains("A.java");
    assertThat(a.lines()).contains(LineRange.of(2, 9));
  }

  @Test
  void streaming_decode_fails_exactly_as_the_codec_does() {
    ProfileCodec small =
        ProfileCodec.withLimits(CodecLimits.defaults().toBuilder().maxDepth(3).build());
    String deep =
        "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"a\":{\"children\":{\"b\":{\"children\":{\"c\":{\"children\":{\"d\":{}}}}}}}}}}";
    String[] bodies = {
      "",
      "{",
      "[]",
      "{\"start\":1,\"end\":2}",
      "{\"start\":1,\"end\":2,\"callgraph\":{\"counts\":{\"X\":-1}}}",
      deep
    };
    for (String b : bodies) {
      byte[] bytes = b.getBytes(StandardCharsets.UTF_8);
      Throwable expected = catchProblem(() -> small.decode(bytes, "application/json", null));
      assertThatThrownBy(
              () -> PostedProfile.decode(small.limits(), bytes, "application/json", null))
          .as(b)
          .isInstanceOf(ProfileFormatException.class)
          .hasMessage(expected.getMessage());
    }
  }

  @Test
  void counts_that_overflow_the_profiles_own_totals_are_reported_when_totalled() {
    String json =
        "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"a\":{\"counts\":{\"WALL_TIME\":9223372036854775807}},"
            + "\"b\":{\"counts\":{\"WALL_TIME\":1}}}}}";
    PostedProfile p =
        PostedProfile.decode(
            codec.limits(), json.getBytes(StandardCharsets.UTF_8), "application/json", null);
    assertThatThrownBy(p::totals)
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("overflows");
  }

  @Test
  void
      five_minute_buckets_read_their_posts_again_and_give_the_same_aggregate_as_decoded_profiles() {
    MutableClock clock = MutableClock.at("2024-01-02T00:00:00Z");
    ProfileAggregator fromBytes = new ProfileAggregator(clock);
    ProfileAggregator fromProfiles = new ProfileAggregator(clock);
    Random random = new Random(11);
    Instant start = Instant.parse("2024-01-01T10:00:00Z");
    for (int i = 0; i < 60; i++) {
      Profile p =
          randomProfile(random).toBuilder()
              .start(start.plusSeconds(97L * i))
              .end(start.plusSeconds(97L * i + 60))
              .build();
      ProfileFormat f = ProfileFormat.values()[i % 3];
      byte[] body = codec.encode(p, f);
      fromBytes.add("g", PostedProfile.decode(codec.limits(), body, f.contentType(), null));
      fromProfiles.add("g", p);
    }
    // 5-minute buckets only, a mix of 5-minute and hourly, and a single 5-minute bucket.
    Instant[][] ranges = {
      {Instant.parse("2024-01-01T10:05:00Z"), Instant.parse("2024-01-01T10:40:00Z")},
      {Instant.parse("2024-01-01T10:20:00Z"), Instant.parse("2024-01-01T12:00:00Z")},
      {Instant.parse("2024-01-01T10:10:00Z"), Instant.parse("2024-01-01T10:15:00Z")},
    };
    for (Instant[] r : ranges) {
      Profile a = fromBytes.aggregate("g", r[0], r[1]).orElseThrow();
      Profile b = fromProfiles.aggregate("g", r[0], r[1]).orElseThrow();
      assertThat(a).as("%s..%s", r[0], r[1]).isEqualTo(b);
      // A second read (from the soft cache or read again) is the same.
      assertThat(fromBytes.aggregate("g", r[0], r[1])).contains(a);
    }
  }

  @Test
  void a_busy_five_minute_bucket_merges_its_posts_once_and_still_aggregates_exactly() {
    MutableClock clock = MutableClock.at("2024-01-02T00:00:00Z");
    ProfileAggregator fromBytes = new ProfileAggregator(clock);
    ProfileAggregator fromProfiles = new ProfileAggregator(clock);
    Random random = new Random(5);
    Instant bucket = Instant.parse("2024-01-01T10:05:00Z");
    for (int i = 0; i < 3 * ProfileAggregator.COMPACT_AFTER; i++) {
      Profile p =
          randomProfile(random).toBuilder()
              .start(bucket.plusSeconds(10L * i))
              .end(bucket.plusSeconds(10L * i + 60))
              .build();
      fromBytes.add(
          "g",
          PostedProfile.decode(
              codec.limits(), codec.encode(p, ProfileFormat.JSON), "application/json", null));
      fromProfiles.add("g", p);
      // Read before and after the bucket compacts: a single bucket, and the bucket within its hour.
      assertThat(fromBytes.aggregate("g", bucket, bucket.plusSeconds(300)))
          .as("after %d posts", i + 1)
          .isEqualTo(fromProfiles.aggregate("g", bucket, bucket.plusSeconds(300)));
      assertThat(fromBytes.aggregate("g", bucket.minusSeconds(300), bucket.plusSeconds(600)))
          .isEqualTo(
              fromProfiles.aggregate("g", bucket.minusSeconds(300), bucket.plusSeconds(600)));
    }
  }

  @Test
  void frame_names_crafted_to_share_a_hash_code_decode_and_aggregate_as_the_codec_does() {
    StringBuilder json = new StringBuilder("\"callgraph\":{\"children\":{\"main\":{\"children\":{");
    List<String> colliding = FrameNamesTest.collidingNames(12);
    for (int i = 0; i < colliding.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append('"')
          .append(colliding.get(i))
          .append("\":{\"counts\":{\"CPU\":")
          .append(i + 1)
          .append("}}");
    }
    json.append("}}}}");
    byte[] body = jsonBody(json.toString());

    PostedProfile posted = PostedProfile.decode(codec.limits(), body, "application/json", null);

    assertThat(posted.tree().keyedByMap()).isTrue();
    assertThat(posted.nodes()).isEqualTo(colliding.size() + 2);
    assertSameAsCodec(body, "application/json", null);
    ProfileAggregator store = new ProfileAggregator(MutableClock.at("2024-01-01T11:00:00Z"));
    store.add("g", posted);
    Instant hour = Instant.parse("2024-01-01T10:00:00Z");
    Profile aggregate = store.aggregate("g", hour, hour.plus(Duration.ofHours(1))).orElseThrow();
    assertThat(aggregate.totalCount("CPU"))
        .isEqualTo((long) colliding.size() * (colliding.size() + 1) / 2);
    assertThat(aggregate.nodeAt("main", colliding.get(100)).orElseThrow().selfCount("CPU"))
        .isEqualTo(101);
  }

  @Test
  void an_ordinary_profile_keeps_its_hash_table() throws IOException {
    PostedProfile posted =
        PostedProfile.decode(
            codec.limits(), resource("python-agent-profile-1.json"), "application/json", null);
    assertThat(posted.tree().keyedByMap()).isFalse();
    // Long runs of probes happen by chance in a large table; only colliding hash codes count.
    PostTree large = new PostTree();
    for (int i = 0; i < 3_000_000; i++) {
      large.child(i % 3, "f" + i);
    }
    assertThat(large.keyedByMap()).isFalse();
  }

  @Test
  void bodies_with_more_nodes_than_their_size_suggests_outgrow_the_presized_tree() {
    // Nodes of a few bytes each (names of one to four characters, no counts on most): far more
    // nodes than PostTree.forBody makes room for, siblings and a deep chain, so the arrays grow
    // and the table rehashes as in an unsized tree.
    StringBuilder json = new StringBuilder("\"callgraph\":{\"children\":{");
    for (int i = 0; i < 6_000; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(Integer.toString(i, 36)).append("\":{}");
    }
    json.append(",\"deep\":");
    for (int d = 0; d < 500; d++) {
      json.append("{\"children\":{\"").append(d % 7).append("\":");
    }
    json.append("{\"counts\":{\"RUNNABLE\":3}}").append("}}".repeat(500)).append("}}");
    byte[] body = jsonBody(json.toString());
    assertSameAsCodec(body, "application/json", null);
    PostedProfile posted = PostedProfile.decode(codec.limits(), body, "application/json", null);
    assertThat(posted.nodes()).isEqualTo(1 + 6_000 + 1 + 500);
    assertThat(posted.totals()).containsExactly(Map.entry("RUNNABLE", 3L));
  }

  private void assertSameAsCodec(byte[] body, String contentType, String contentEncoding) {
    Profile expected = codec.decode(body, contentType, contentEncoding);
    PostedProfile posted = PostedProfile.decode(codec.limits(), body, contentType, contentEncoding);
    assertThat(posted.start()).isEqualTo(expected.start());
    assertThat(posted.end()).isEqualTo(expected.end());
    assertThat(posted.metadata()).isEqualTo(expected.agentMetadata());
    assertThat(posted.tree().build()).isEqualTo(expected.callTree());
    assertThat(posted.totals()).isEqualTo(expected.totalCounts());
    posted.release();
    assertThat(posted.readTree().build()).as("read again").isEqualTo(expected.callTree());
  }

  private static Profile randomProfile(Random random) {
    Profile.Builder b =
        Profile.builder(
                Instant.parse("2024-01-01T10:00:00Z"),
                Instant.parse("2024-01-01T10:00:00Z").plus(Duration.ofMinutes(1)))
            .agentMetadata(Map.of("durationInMs", 60_000L, "numTimesSampled", 60L));
    String[] types = {"WALL_TIME", "RUNNABLE", "BLOCKED", "WAITING"};
    for (int i = 0; i < 30; i++) {
      int depth = 1 + random.nextInt(6);
      String[] frames = new String[depth];
      for (int d = 0; d < depth; d++) {
        frames[d] = "f" + random.nextInt(4) + (random.nextInt(10) == 0 ? " \"quoted\" ü" : "");
      }
      b.stack(types[random.nextInt(types.length)], 1 + random.nextInt(100), frames);
      if (random.nextInt(3) == 0) {
        CallTreeNode.Builder n = b.root();
        for (String f : frames) {
          n = n.child(f);
        }
        n.file("F" + random.nextInt(3) + ".java");
        n.widenLines(LineRange.of(1 + random.nextInt(50), 60 + random.nextInt(50)));
      }
    }
    return b.build();
  }

  private static Throwable catchProblem(Runnable r) {
    try {
      r.run();
    } catch (ProfileFormatException e) {
      return e;
    }
    throw new AssertionError("expected a ProfileFormatException");
  }

  /** A JSON agent profile of one minute: {@code members} after its start and end. */
  private static byte[] jsonBody(String members) {
    return ("{\"start\":1704103200000,\"end\":1704103260000," + members + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PostedProfileTest.class.getResourceAsStream("/fixtures/" + name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}

package dev.fakeguru.profile;

import static java.time.Instant.EPOCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.codec.ProfileCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileCodecRoundTripTest {
  private static final ProfileCodec CODEC = ProfileCodec.defaults();

  private static Profile fixture(String name) {
    return CODEC.decode(Fixtures.body(name), "application/json", null);
  }

  @ParameterizedTest
  @ValueSource(strings = {Fixtures.PROFILE_1, Fixtures.PROFILE_2, Fixtures.PROFILE_3})
  void json_to_ion_binary_to_json_is_lossless(String name) {
    Profile original = fixture(name);
    byte[] ion = CODEC.encode(original, ProfileFormat.ION_BINARY);
    assertThat(Arrays.copyOf(ion, 4)).containsExactly(0xE0, 0x01, 0x00, 0xEA);

    Profile fromIon = CODEC.decode(ion, "application/x-amzn-ion", null);
    assertThat(fromIon).isEqualTo(original);
    assertThat(fromIon.agentMetadata().get("cpuTimeInSeconds").orElseThrow())
        .isInstanceOf(Double.class);
    assertThat(fromIon.agentMetadata().get("durationInMs").orElseThrow()).isInstanceOf(Long.class);

    Profile back = CODEC.decode(CODEC.encode(fromIon, ProfileFormat.JSON), ProfileFormat.JSON);
    assertThat(back).isEqualTo(original);
  }

  @ParameterizedTest
  @ValueSource(strings = {Fixtures.PROFILE_1, Fixtures.PROFILE_2, Fixtures.PROFILE_3})
  void json_to_ion_text_to_json_is_lossless(String name) {
    Profile original = fixture(name);
    byte[] text = CODEC.encode(original, ProfileFormat.ION_TEXT);
    assertThat(text[0]).isNotEqualTo((byte) 0xE0);

    Profile fromIon = CODEC.decode(text, "application/x-amzn-ion; charset=utf-8", null);
    assertThat(fromIon).isEqualTo(original);
    assertThat(CODEC.decode(CODEC.encode(fromIon, ProfileFormat.JSON), ProfileFormat.JSON))
        .isEqualTo(original);
  }

  @ParameterizedTest
  @EnumSource(ProfileFormat.class)
  void gzip_round_trips_in_every_format(ProfileFormat format) throws IOException {
    Profile original = fixture(Fixtures.PROFILE_1);
    byte[] gz = CODEC.encodeGzip(original, format);
    assertThat(gz[0] & 0xFF).isEqualTo(0x1F);
    assertThat(gz[1] & 0xFF).isEqualTo(0x8B);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertThat(in.readAllBytes()).isEqualTo(CODEC.encode(original, format));
    }

    assertThat(CODEC.decode(gz, format.contentType(), "gzip")).isEqualTo(original);
    assertThat(CODEC.decode(gz, format.contentType(), null))
        .as("sniffed by magic")
        .isEqualTo(original);
    assertThat(CODEC.decode(gz, format)).isEqualTo(original);
  }

  @ParameterizedTest
  @EnumSource(ProfileFormat.class)
  void a_body_labelled_gzip_but_already_inflated_is_read_as_it_is(ProfileFormat format) {
    // What the Java SDK v2 hands over for a gzip GetProfile answer: inflated, still labelled gzip.
    Profile original = fixture(Fixtures.PROFILE_1);
    byte[] inflated = CODEC.encode(original, format);

    assertThat(CODEC.decode(inflated, format.contentType(), "gzip")).isEqualTo(original);
    assertThat(CODEC.decode(inflated, format.contentType(), "GZIP")).isEqualTo(original);
  }

  @Test
  void a_body_labelled_gzip_that_is_neither_gzip_nor_a_profile_says_how_it_was_read() {
    assertThatThrownBy(
            () ->
                CODEC.decode(
                    "{\"start\":".getBytes(StandardCharsets.UTF_8), "application/json", "gzip"))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageStartingWith("$: the JSON ends too early")
        .hasMessageEndingWith(
            " (Content-Encoding says gzip, but the body holds no gzip data, so it was read as"
                + " already inflated)");
  }

  @Test
  void json_is_compact_and_omits_empty_members() {
    Profile p =
        Profile.builder(Instant.ofEpochMilli(1000), Instant.ofEpochMilli(2000))
            .stack(3, "main", "work")
            .build();
    String json = new String(CODEC.encode(p, ProfileFormat.JSON), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"start\":1000,\"end\":2000,\"callgraph\":{\"children\":{\"main\":{\"children\":"
                + "{\"work\":{\"counts\":{\"WALL_TIME\":3}}}}}}}");
  }

  @Test
  void writes_node_members_in_the_agents_order_with_single_and_range_lines() {
    Profile.Builder b = Profile.builder(EPOCH, EPOCH).stack(2, "a", "b");
    b.root().child("a").file("a.py").lines(LineRange.of(7));
    b.root().child("a").child("b").file("b.py").lines(LineRange.of(3, 9));
    String json = new String(CODEC.encode(b.build(), ProfileFormat.JSON), StandardCharsets.UTF_8);
    assertThat(json)
        .contains(
            "\"a\":{\"file\":\"a.py\",\"line\":[7],\"children\":{\"b\":{\"counts\":{\"WALL_TIME\":2},"
                + "\"file\":\"b.py\",\"line\":[3,9]}}}");
  }

  @Test
  void ion_text_is_readable_ion() {
    Profile p =
        Profile.builder(Instant.ofEpochMilli(5), Instant.ofEpochMilli(6)).stack(1, "x").build();
    String text = new String(CODEC.encode(p, ProfileFormat.ION_TEXT), StandardCharsets.UTF_8);
    assertThat(text).contains("start:5").contains("end:6").contains("WALL_TIME:1");
  }

  @ParameterizedTest
  @EnumSource(ProfileFormat.class)
  void preserves_every_kind_of_metadata_value_and_root_counts(ProfileFormat format) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("long", 42L);
    meta.put("negative", -7L);
    meta.put("big", new BigInteger("123456789012345678901234567890"));
    meta.put("double", 2.5);
    meta.put("wholeDouble", 3.0);
    meta.put("string", "h\u00e9llo \"quoted\"");
    meta.put("bool", true);
    meta.put("nothing", null);
    meta.put("list", List.of(1L, "two", List.of(3.5), Map.of("k", false)));
    meta.put("nested", Map.of("deeper", Map.of("deepest", 1L)));
    CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    root.addSelfCount(CounterTypes.IDLE, 5);
    root.addStack(
        CounterTypes.RUNNABLE,
        Long.MAX_VALUE,
        List.of("frame with spaces", "\u00fcnicode \"frame\""));
    root.addStack(CounterTypes.BLOCKED, 0, List.of("zero"));
    Profile p =
        Profile.builder(Instant.ofEpochMilli(1591017300000L), Instant.ofEpochMilli(1591017600000L))
            .agentMetadata(meta)
            .callTree(root.build())
            .otherField("debugInfo", Map.of("processId", 4242L))
            .otherField("note", "kept")
            .build();

    Profile back = CODEC.decode(CODEC.encode(p, format), format);
    assertThat(back).isEqualTo(p);
    assertThat(back.agentMetadata().get("wholeDouble")).contains(3.0);
    assertThat(back.agentMetadata().get("big").orElseThrow()).isInstanceOf(BigInteger.class);
    assertThat(back.callTree().selfCount(CounterTypes.IDLE)).isEqualTo(5);
    assertThat(back.nodeAt("zero").orElseThrow().selfCounts())
        .containsEntry(CounterTypes.BLOCKED, 0L);
  }

  @Test
  void ion_decimals_stay_big_decimal_through_ion() {
    Profile p =
        Profile.builder(EPOCH, EPOCH)
            .agentMetadata(Map.of("cost", new BigDecimal("12.50")))
            .build();
    for (ProfileFormat f : List.of(ProfileFormat.ION_TEXT, ProfileFormat.ION_BINARY)) {
      assertThat(CODEC.decode(CODEC.encode(p, f), f).agentMetadata().get("cost"))
          .contains(new BigDecimal("12.50"));
    }
    assertThat(
            CODEC
                .decode(CODEC.encode(p, ProfileFormat.JSON), ProfileFormat.JSON)
                .agentMetadata()
                .get("cost"))
        .as("JSON has no decimal type: documented to come back as a double")
        .contains(12.5);
  }

  @Test
  void reads_ion_specific_values_leniently() {
    String ion =
        "$ion_1_0 {start: 2020-06-01T13:15:00.000Z, end: 1591017600000, "
            + "agentMetadata: {durationInMs: 300000, weight: 1.5e0, cost: 2.50, kind: 'symbol', "
            + "when: 2020-06-01T13:10:00Z, blob: {{aGk=}}, sexp: (a b)}, "
            + "callgraph: {children: {'main': {counts: {WALL_TIME: 3.0e0, RUNNABLE: 2.0}, line: [4]}}}}";
    Profile p = CODEC.decode(ion.getBytes(StandardCharsets.UTF_8), "application/x-amzn-ion", null);
    assertThat(p.start()).isEqualTo(Instant.parse("2020-06-01T13:15:00Z"));
    assertThat(p.end()).isEqualTo(Instant.ofEpochMilli(1591017600000L));
    assertThat(p.agentMetadata().get("weight")).contains(1.5);
    assertThat(p.agentMetadata().get("cost")).contains(new BigDecimal("2.50"));
    assertThat(p.agentMetadata().get("kind")).contains("symbol");
    assertThat(p.agentMetadata().get("when")).contains("2020-06-01T13:10:00Z");
    assertThat(p.agentMetadata().get("blob")).contains("aGk=");
    assertThat(p.agentMetadata().get("sexp")).contains(List.of("a", "b"));
    assertThat(p.nodeAt("main").orElseThrow().selfCounts())
        .containsEntry("WALL_TIME", 3L)
        .containsEntry("RUNNABLE", 2L);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"a\\ud800\":{}}}}|$.callgraph.children|unpaired surrogate \\ud800 at index 1",
        "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"a\":{\"file\":\"\\udfff\"}}}}|$.callgraph.children[\"a\"].file|unpaired surrogate \\udfff",
        "{\"start\":1,\"end\":2,\"agentMetadata\":{\"k\":[\"\\ud83d\"]},\"callgraph\":{}}|$.agentMetadata.k[0]|not valid Unicode",
        "{\"start\":1,\"end\":2,\"agentMetadata\":{\"k\":1e999},\"callgraph\":{}}|$.agentMetadata.k|expected a finite number",
      })
  void refusesValuesThatNoFormatCanCarry(String caseText) {
    String[] c = caseText.split("\\|");
    assertThatThrownBy(
            () -> CODEC.decode(c[0].getBytes(StandardCharsets.UTF_8), ProfileFormat.JSON))
        .isInstanceOfSatisfying(
            ProfileFormatException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(ProfileFormatException.Problem.INVALID_VALUE);
              assertThat(e.path()).isEqualTo(c[1]);
              assertThat(e.getMessage()).contains(c[2]);
            });
  }

  @Test
  void keepsSurrogatePairs() {
    String json =
        "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"\\ud83d\\ude00\":{\"counts\":{\"WALL_TIME\":1}}}}}";
    Profile p = CODEC.decode(json.getBytes(StandardCharsets.UTF_8), ProfileFormat.JSON);
    for (ProfileFormat f : ProfileFormat.values()) {
      assertThat(CODEC.decode(CODEC.encode(p, f), f).nodeAt("\ud83d\ude00"))
          .as("%s", f)
          .isPresent();
    }
  }

  @Test
  void accepts_iso_strings_integral_floats_and_unknown_members() {
    String json =
        "{\"start\":\"2020-06-01T13:15:00Z\",\"end\":\"2020-06-01T15:20:00+02:00\","
            + "\"callgraph\":{\"extra\":{\"x\":[1,{\"y\":2}]},\"children\":{\"a\":{\"counts\":{\"WALL_TIME\":3.0},"
            + "\"line\":12,\"color\":\"red\",\"tags\":[1,2]}}},\"debugInfo\":{\"processId\":1}}";
    Profile p = CODEC.decode(json.getBytes(StandardCharsets.UTF_8), ProfileFormat.JSON);
    assertThat(p.start()).isEqualTo(Instant.parse("2020-06-01T13:15:00Z"));
    assertThat(p.end()).isEqualTo(Instant.parse("2020-06-01T13:20:00Z"));
    CallTreeNode a = p.nodeAt("a").orElseThrow();
    assertThat(a.selfCounts()).containsExactly(Map.entry("WALL_TIME", 3L));
    assertThat(a.lines()).contains(LineRange.of(12));
    assertThat(p.otherFields()).containsOnlyKeys("debugInfo");
  }

  @Test
  void merges_repeated_child_names() {
    String json =
        "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{"
            + "\"a\":{\"file\":\"first.py\",\"line\":[5],\"counts\":{\"WALL_TIME\":1},\"children\":{\"b\":{\"counts\":{\"WALL_TIME\":2}}}},"
            + "\"a\":{\"file\":\"second.py\",\"line\":[9],\"counts\":{\"WALL_TIME\":10},\"children\":{\"b\":{\"counts\":{\"WALL_TIME\":20}},\"c\":{\"counts\":{\"WALL_TIME\":4}}}}}}}";
    Profile p = CODEC.decode(json.getBytes(StandardCharsets.UTF_8), ProfileFormat.JSON);
    CallTreeNode a = p.nodeAt("a").orElseThrow();
    assertThat(p.topFrames()).hasSize(1);
    assertThat(a.selfCount("WALL_TIME")).isEqualTo(11);
    assertThat(a.file()).contains("first.py");
    assertThat(a.lines()).contains(LineRange.of(5, 9));
    assertThat(p.nodeAt("a", "b").orElseThrow().selfCount("WALL_TIME")).isEqualTo(22);
    assertThat(p.nodeAt("a", "c").orElseThrow().selfCount("WALL_TIME")).isEqualTo(4);
    assertThat(p.totalCount("WALL_TIME")).isEqualTo(37);
  }

  @Test
  void a_body_large_enough_to_be_read_without_the_shared_name_table_reads_the_same() {
    // Bodies of 384 KiB and more are parsed without canonicalising field names (TokenStreams):
    // escaped and multi-byte names, surrogate pairs and repeated child names must read the same.
    StringBuilder json = new StringBuilder("{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{");
    CallTreeNode.Builder expected = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    for (int i = 0; i < 8_000; i++) {
      String name = "com.example.Ünïcødé$Handler" + i + "😀";
      json.append(i == 0 ? "" : ",")
          .append('"')
          .append(i % 2 == 0 ? name : name.replace("😀", "\\ud83d\\ude00"))
          .append("\":{\"counts\":{\"WALL_TIME\":")
          .append(i + 1)
          .append("}}");
      expected.addStack("WALL_TIME", i + 1, List.of(name));
    }
    json.append(",\"dup\":{\"counts\":{\"CPU\":1}},\"d\\u0075p\":{\"counts\":{\"CPU\":2}}}}}");
    expected.addStack("CPU", 3, List.of("dup"));
    byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isGreaterThanOrEqualTo(384 * 1024);

    Profile p = CODEC.decode(body, ProfileFormat.JSON);

    assertThat(p.callTree()).isEqualTo(expected.build());
    assertThat(p.nodeAt("dup").orElseThrow().selfCount("CPU")).isEqualTo(3);
    assertThat(CODEC.decode(CODEC.encode(p, ProfileFormat.JSON), ProfileFormat.JSON)).isEqualTo(p);
  }

  @Test
  void start_and_end_are_written_as_epoch_millis() {
    Profile p =
        Profile.builder(
                Instant.parse("2024-01-02T03:04:05.678Z"),
                Instant.parse("2024-01-02T03:09:05.678Z"))
            .build();
    String json = new String(CODEC.encode(p, ProfileFormat.JSON), StandardCharsets.UTF_8);
    assertThat(json).startsWith("{\"start\":1704164645678,\"end\":1704164945678,\"callgraph\":{}");
    assertThat(CODEC.decode(CODEC.encode(p, ProfileFormat.ION_BINARY), ProfileFormat.ION_BINARY))
        .isEqualTo(p);
  }

  @Test
  void a_call_tree_deeper_than_jacksons_default_nesting_is_written_and_read_back() {
    String[] frames = new String[5_000];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = "f" + (i % 7);
    }
    Profile deep = Profile.builder(EPOCH, EPOCH).stack(1, frames).build();
    for (ProfileFormat f : ProfileFormat.values()) {
      byte[] bytes = CODEC.encode(deep, f);
      assertThat(CODEC.decode(bytes, f)).as(f.toString()).isEqualTo(deep);
    }
  }
}

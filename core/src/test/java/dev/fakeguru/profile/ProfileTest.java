package dev.fakeguru.profile;

import static dev.fakeguru.profile.CounterTypes.RUNNABLE;
import static dev.fakeguru.profile.CounterTypes.WALL_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileTest {
  private static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  private static final Instant T5 = Instant.parse("2024-01-02T03:05:00Z");
  private static final Instant T10 = Instant.parse("2024-01-02T03:10:00Z");

  @Test
  void builder_stacks_add_up_and_can_be_annotated() {
    Profile.Builder b =
        Profile.builder()
            .start(T0)
            .end(T5)
            .stack(30, "main", "handle", "queryDb")
            .stack(10, "main", "handle")
            .stack(RUNNABLE, 2, "main", "handle")
            .stack(WALL_TIME, 5, List.of("main", "handle", "queryDb"));
    b.root().child("main").file("Main.java").lines(LineRange.of(10, 12));
    Profile p = b.build();

    assertThat(p.start()).isEqualTo(T0);
    assertThat(p.end()).isEqualTo(T5);
    assertThat(p.nodeAt("main", "handle").orElseThrow().totalCount(WALL_TIME)).isEqualTo(45);
    assertThat(p.nodeAt("main", "handle", "queryDb").orElseThrow().selfCount(WALL_TIME))
        .isEqualTo(35);
    assertThat(p.nodeAt(List.of("main")).orElseThrow().file()).contains("Main.java");
    assertThat(p.totalCounts()).containsExactly(Map.entry(WALL_TIME, 45L), Map.entry(RUNNABLE, 2L));
    assertThat(p.totalCount(RUNNABLE)).isEqualTo(2);
    assertThat(p.counterTypes()).containsExactly(WALL_TIME, RUNNABLE);
    assertThat(p.maxDepth()).isEqualTo(3);
    assertThat(p.topFrames()).extracting(CallTreeNode::frame).containsExactly("main");
    assertThat(p.callTree().frame()).isEqualTo(CallTreeNode.ROOT_FRAME);
    assertThat(p.findFrame("queryDb"))
        .extracting(LocatedNode::pathString)
        .containsExactly("main > handle > queryDb");
    assertThat(p.find(f -> f.startsWith("h"))).hasSize(1);
    assertThat(p.walk())
        .extracting(LocatedNode::frame)
        .containsExactly("main", "handle", "queryDb");

    Profile empty = Profile.builder().build();
    assertThat(empty.start()).isEqualTo(Instant.EPOCH);
    assertThat(empty.maxDepth()).isZero();
    assertThat(empty.totalCounts()).isEmpty();
    assertThat(empty.agentMetadata().isEmpty()).isTrue();
    assertThat(empty.otherFields()).isEmpty();
  }

  @Test
  void stacks_can_be_added_on_top_of_a_given_call_tree() {
    Profile base = Profile.builder().stack(1, "a").build();
    Profile more = base.toBuilder().stack(2, "a").stack(3, "b").build();
    assertThat(more.nodeAt("a").orElseThrow().selfCount(WALL_TIME)).isEqualTo(3);
    assertThat(more.totalCount(WALL_TIME)).isEqualTo(6);
    assertThat(base.totalCount(WALL_TIME)).as("the original is untouched").isEqualTo(1);
    assertThat(base.toBuilder().build()).isEqualTo(base);
  }

  @Test
  void merge_takes_the_wider_span_sums_trees_and_key_metadata() {
    Profile a =
        Profile.builder()
            .start(T5)
            .end(T10)
            .agentMetadata(
                Map.of(
                    "durationInMs",
                    300_000L,
                    "numTimesSampled",
                    300L,
                    "agentInfo",
                    Map.of("type", "A")))
            .otherField("debugInfo", Map.of("processId", 1L))
            .stack(20, "main", "work")
            .build();
    Profile b =
        Profile.builder()
            .start(T0)
            .end(T5)
            .agentMetadata(
                Map.of(
                    "durationInMs",
                    100_000.0,
                    "numTimesSampled",
                    50L,
                    "agentInfo",
                    Map.of("type", "B")))
            .stack(5, "main", "work")
            .stack(1, "other")
            .build();

    Profile m = a.merge(b);
    assertThat(m.start()).isEqualTo(T0);
    assertThat(m.end()).isEqualTo(T10);
    assertThat(b.merge(a).start()).isEqualTo(T0);
    assertThat(b.merge(a).end()).isEqualTo(T10);
    assertThat(m.nodeAt("main", "work").orElseThrow().selfCount(WALL_TIME)).isEqualTo(25);
    assertThat(m.totalCount(WALL_TIME)).isEqualTo(26);
    assertThat(m.agentMetadata().durationInMs()).hasValue(400_000);
    assertThat(m.agentMetadata().numTimesSampled()).hasValue(350);
    assertThat(m.agentMetadata().agentType()).contains("A");
    assertThat(m.otherFields()).containsOnlyKeys("debugInfo");

    Profile noMeta = Profile.builder().start(T0).end(T0).build();
    assertThat(a.merge(noMeta).agentMetadata()).isEqualTo(a.agentMetadata());
    assertThat(noMeta.merge(a).agentMetadata()).isEqualTo(a.agentMetadata());
  }

  @Test
  void merge_overflow_throws() {
    Profile a = Profile.builder().stack(Long.MAX_VALUE, "x").build();
    Profile b = Profile.builder().stack(1, "x").build();
    assertThatThrownBy(() -> a.merge(b)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void truncate_keeps_totals() {
    Profile p = Profile.builder().stack(1, "A", "B", "C", "D").stack(2, "A").build();
    Profile cut = p.truncate(2);
    assertThat(cut.maxDepth()).isEqualTo(2);
    assertThat(cut.nodeAt("A", "B").orElseThrow().selfCount(WALL_TIME)).isEqualTo(1);
    assertThat(cut.totalCounts()).isEqualTo(p.totalCounts());
    assertThat(p.truncate(4)).isSameAs(p);
    assertThatThrownBy(() -> p.truncate(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equality_covers_every_part() {
    Profile p =
        Profile.builder()
            .start(T0)
            .end(T5)
            .agentMetadata(Map.of("k", 1L))
            .otherField("x", "y")
            .stack(1, "a")
            .build();
    assertThat(p).isEqualTo(p.toBuilder().build()).hasSameHashCodeAs(p.toBuilder().build());
    assertThat(p).isNotEqualTo(p.toBuilder().start(T5).build());
    assertThat(p).isNotEqualTo(p.toBuilder().end(T10).build());
    assertThat(p).isNotEqualTo(p.toBuilder().agentMetadata(Map.of("k", 2L)).build());
    assertThat(p).isNotEqualTo(p.toBuilder().otherField("x", "z").build());
    assertThat(p).isNotEqualTo(p.toBuilder().stack(1, "a").build());
    assertThat(p).isNotEqualTo(null);
  }

  @Test
  void other_fields_cannot_shadow_modelled_fields() {
    for (String name : List.of("start", "end", "agentMetadata", "callgraph")) {
      assertThatThrownBy(() -> Profile.builder().otherField(name, 1L))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("'" + name + "' is not an other field: set it with its own builder method");
    }
    assertThat(Profile.builder().otherField("Start", 1L).build().otherFields())
        .containsEntry("Start", 1L);
  }

  @Test
  void to_string_is_compact() {
    Profile p =
        Profile.builder()
            .start(T0)
            .end(T5)
            .stack(30, "main", "handle")
            .stack(RUNNABLE, 2, "main")
            .build();
    assertThat(p.toString())
        .isEqualTo(
            "Profile[2024-01-02T03:00:00Z .. 2024-01-02T03:05:00Z, 2 frames, depth 2, total {RUNNABLE=2, WALL_TIME=30}]");
    assertThat(Profile.builder().stack(1, "x").build().toString()).contains(", 1 frame, depth 1, ");
    assertThat(Profile.builder().build().toString())
        .isEqualTo(
            "Profile[1970-01-01T00:00:00Z .. 1970-01-01T00:00:00Z, 0 frames, depth 0, total 0]");
    Profile deep = Profile.builder().callTree(CallTreeNodeTest.chain(100_000, "f")).build();
    assertThat(deep.toString()).hasSizeLessThan(120).contains("100000 frames, depth 100000");
  }

  @Test
  void deep_profiles_merge_truncate_and_compare() {
    Profile a = Profile.builder().callTree(CallTreeNodeTest.chain(100_000, "f")).build();
    Profile b = Profile.builder().callTree(CallTreeNodeTest.chain(100_000, "f")).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.merge(b).totalCount(WALL_TIME)).isEqualTo(200_000);
    assertThat(a.truncate(1).nodeAt("f0").orElseThrow().selfCount(WALL_TIME)).isEqualTo(100_000);
  }

  // ------------------------------------------------------------------------- AgentMetadata

  @Test
  void metadata_normalises_numbers_and_is_deeply_read_only() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("int", 3);
    in.put("short", (short) 4);
    in.put("float", 1.5f);
    in.put("smallBig", BigInteger.TEN);
    in.put("hugeBig", BigInteger.TWO.pow(70));
    in.put("decimal", new BigDecimal("1.10"));
    in.put("list", new ArrayList<>(List.of(1, Map.of("a", 2))));
    in.put("null", null);
    AgentMetadata m = AgentMetadata.of(in);
    in.put("int", 99);

    assertThat(m.get("int")).contains(3L);
    assertThat(m.get("short")).contains(4L);
    assertThat(m.get("float")).contains(1.5);
    assertThat(m.get("smallBig")).contains(10L);
    assertThat(m.get("hugeBig")).contains(BigInteger.TWO.pow(70));
    assertThat(m.get("decimal")).contains(new BigDecimal("1.10"));
    assertThat(m.get("list")).contains(List.of(1L, Map.of("a", 2L)));
    assertThat(m.get("null")).isEmpty();
    assertThat(m.asMap()).containsKey("null");
    assertThat(m.get()).contains(m.asMap());
    assertThat(m.get("list", "0")).isEmpty();
    assertThat(m.get("missing", "x")).isEmpty();
    assertThatThrownBy(() -> m.asMap().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) m.get("list").orElseThrow();
    assertThatThrownBy(() -> list.add(1)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(AgentMetadata.of(Map.of())).isSameAs(AgentMetadata.empty());
    assertThat(AgentMetadata.of(null)).isSameAs(AgentMetadata.empty());
  }

  @Test
  void metadata_rejects_non_json_values_naming_where() {
    Map<String, Object> bad = new HashMap<>();
    bad.put("fleetInfo", Map.of("started", Instant.EPOCH));
    assertThatThrownBy(() -> AgentMetadata.of(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "agentMetadata.fleetInfo.started holds a java.time.Instant; metadata values must be JSON-like");
  }

  @Test
  void metadata_typed_accessors() {
    AgentMetadata m =
        AgentMetadata.of(
            Map.of(
                "sampleWeights",
                Map.of("WALL_TIME", 8.5, "RUNNABLE", 2L, "bad", "x"),
                "durationInMs",
                10016.0,
                "numTimesSampled",
                "89",
                "agentInfo",
                Map.of("type", "CodeGuruProfiler-python")));
    assertThat(m.sampleWeights())
        .containsOnly(Map.entry("WALL_TIME", 8.5), Map.entry("RUNNABLE", 2.0));
    assertThat(m.durationInMs()).hasValue(10016);
    assertThat(m.numTimesSampled()).as("a string is not a count").isEmpty();
    assertThat(m.agentType()).contains("CodeGuruProfiler-python");
    assertThat(AgentMetadata.of(Map.of("durationInMs", 1.5)).durationInMs()).isEmpty();
    assertThat(AgentMetadata.of(Map.of("durationInMs", 1e30)).durationInMs())
        .as("out of long range")
        .isEmpty();
    assertThat(AgentMetadata.of(Map.of("durationInMs", -4.0)).durationInMs()).hasValue(-4);
    assertThat(AgentMetadata.empty().sampleWeights()).isEmpty();
    assertThat(AgentMetadata.of(Map.of("agentInfo", Map.of("type", 3L))).agentType()).isEmpty();
  }

  @Test
  void metadata_merge_sums_duration_and_samples_saturating() {
    AgentMetadata a =
        AgentMetadata.of(Map.of("durationInMs", Long.MAX_VALUE - 1, "runtimeVersion", "3.11"));
    AgentMetadata b = AgentMetadata.of(Map.of("durationInMs", 5L, "numTimesSampled", 7L));
    AgentMetadata m = a.mergedWith(b);
    assertThat(m.durationInMs()).hasValue(Long.MAX_VALUE);
    assertThat(m.numTimesSampled()).hasValue(7);
    assertThat(m.get("runtimeVersion")).contains("3.11");
    assertThat(a.mergedWith(AgentMetadata.empty())).isSameAs(a);
  }

  // ----------------------------------------------------------------- LineRange, LocatedNode

  @Test
  void line_ranges() {
    assertThat(LineRange.of(5)).isEqualTo(new LineRange(5, 5));
    assertThat(LineRange.of(5).isSingleLine()).isTrue();
    assertThat(LineRange.of(5, 6).isSingleLine()).isFalse();
    assertThat(LineRange.of(54, 55).widen(LineRange.of(60))).isEqualTo(LineRange.of(54, 60));
    assertThat(LineRange.of(54, 55).widen(LineRange.of(3))).isEqualTo(LineRange.of(3, 55));
    assertThat(LineRange.of(7).widen(null)).isEqualTo(LineRange.of(7));
    assertThat(LineRange.of(7)).hasToString("[7]");
    assertThat(LineRange.of(7, 9)).hasToString("[7, 9]");
    assertThatThrownBy(() -> LineRange.of(9, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A line range needs 0 <= first <= last, but was [9, 7]");
    assertThatThrownBy(() -> LineRange.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void located_nodes_compare_by_path_and_node() {
    Profile p = Profile.builder().stack(1, "a", "x").stack(1, "b", "x").build();
    List<LocatedNode> xs = p.findFrame("x");
    assertThat(xs)
        .extracting(LocatedNode::path)
        .containsExactly(List.of("a", "x"), List.of("b", "x"));
    assertThat(xs.get(0).node()).isEqualTo(xs.get(1).node());
    assertThat(xs.get(0)).isNotEqualTo(xs.get(1));
    assertThat(xs.get(0))
        .isEqualTo(p.findFrame("x").get(0))
        .hasSameHashCodeAs(p.findFrame("x").get(0));
  }
}

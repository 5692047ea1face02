package dev.fakeguru.profile;

import static dev.fakeguru.profile.CounterTypes.RUNNABLE;
import static dev.fakeguru.profile.CounterTypes.WALL_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallTreeNodeTest {

  /**
   * root main (self 1) handle (self 10, RUNNABLE 2) queryDb (self 30) render (self 5) gc (self 7)
   */
  private static CallTreeNode sample() {
    CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    root.addStack(WALL_TIME, 1, List.of("main"));
    root.addStack(WALL_TIME, 10, List.of("main", "handle"));
    root.addStack(RUNNABLE, 2, List.of("main", "handle"));
    root.addStack(WALL_TIME, 30, List.of("main", "handle", "queryDb"));
    root.addStack(WALL_TIME, 5, List.of("main", "render"));
    root.addStack(WALL_TIME, 7, List.of("gc"));
    return root.build();
  }

  /** A chain of {@code depth} frames under a root, each with self count 1, built iteratively. */
  static CallTreeNode chain(int depth, String prefix) {
    CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    CallTreeNode.Builder at = root;
    for (int i = 0; i < depth; i++) {
      at = at.child(prefix + i);
      at.addSelfCount(WALL_TIME, 1);
    }
    return root.build();
  }

  @Test
  void totals_height_and_size() {
    CallTreeNode t = sample();
    assertThat(t.totalCounts()).containsExactly(Map.entry(WALL_TIME, 53L), Map.entry(RUNNABLE, 2L));
    assertThat(t.selfCounts()).isEmpty();
    assertThat(t.selfCount(WALL_TIME)).isZero();
    CallTreeNode main = t.child("main").orElseThrow();
    assertThat(main.totalCount(WALL_TIME)).isEqualTo(46);
    assertThat(main.selfCount(WALL_TIME)).isEqualTo(1);
    assertThat(main.totalCount(RUNNABLE)).isEqualTo(2);
    assertThat(main.totalCount(CounterTypes.BLOCKED)).isZero();
    assertThat(t.counterTypes()).containsExactly(WALL_TIME, RUNNABLE);
    assertThat(t.height()).isEqualTo(4);
    assertThat(main.height()).isEqualTo(3);
    assertThat(t.child("gc").orElseThrow().height()).isEqualTo(1);
    assertThat(t.size()).isEqualTo(6);
    assertThat(main.size()).isEqualTo(4);
    assertThat(t.childCount()).isEqualTo(2);
    assertThat(t.child("gc").orElseThrow().isLeaf()).isTrue();
    assertThat(CallTreeNode.emptyRoot().height()).isEqualTo(1);
    assertThat(CallTreeNode.emptyRoot().totalCounts()).isEmpty();
  }

  @Test
  void walk_is_depth_first_parents_first_children_in_order() {
    List<String> paths = new ArrayList<>();
    List<Integer> depths = new ArrayList<>();
    for (LocatedNode n : sample().walk()) {
      paths.add(n.pathString());
      depths.add(n.depth());
    }
    assertThat(paths)
        .containsExactly("main", "main > handle", "main > handle > queryDb", "main > render", "gc");
    assertThat(depths).containsExactly(1, 2, 3, 2, 1);
    assertThat(sample().descendants().map(LocatedNode::frame))
        .containsExactly("main", "handle", "queryDb", "render", "gc");
    LocatedNode query = sample().findFrame("queryDb").get(0);
    assertThat(query.parent().frame()).isEqualTo("handle");
    assertThat(query.parent().parent().parent()).isNull();
    assertThat(CallTreeNode.emptyRoot().walk()).isEmpty();
    // Walking from an inner node gives paths relative to it.
    assertThat(sample().child("main").orElseThrow().descendants().map(LocatedNode::path))
        .containsExactly(List.of("handle"), List.of("handle", "queryDb"), List.of("render"));
  }

  @Test
  void find_node_at_and_longest_existing_prefix() {
    CallTreeNode t = sample();
    assertThat(t.find(f -> f.startsWith("r") || f.startsWith("q")))
        .extracting(LocatedNode::pathString)
        .containsExactly("main > handle > queryDb", "main > render");
    assertThat(t.findFrame("nope")).isEmpty();
    assertThat(t.nodeAt("main", "handle", "queryDb").orElseThrow().selfCount(WALL_TIME))
        .isEqualTo(30);
    assertThat(t.nodeAt("main", "queryDb")).isEmpty();
    assertThat(t.nodeAt()).contains(t);
    assertThat(t.nodeAt(List.of("gc", "deeper"))).isEmpty();
    assertThat(t.longestExistingPrefix(List.of("main", "handle", "missing", "queryDb")))
        .containsExactly("main", "handle");
    assertThat(t.longestExistingPrefix(List.of("missing"))).isEmpty();
    assertThat(t.longestExistingPrefix(List.of("main", "render")))
        .containsExactly("main", "render");
  }

  @Test
  void null_path_elements_are_simply_not_found() {
    List<String> withNull = new ArrayList<>();
    withNull.add("gc");
    withNull.add(null);
    assertThat(sample().nodeAt(withNull)).isEmpty();
    assertThat(sample().longestExistingPrefix(withNull)).containsExactly("gc");
  }

  @Test
  void merge_sums_counts_keeps_first_file_and_widens_lines() {
    CallTreeNode.Builder a = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    a.addStack(WALL_TIME, 3, List.of("main", "x"));
    a.child("main").file("first.py").lines(LineRange.of(10, 12));
    CallTreeNode.Builder b = CallTreeNode.builder("OTHER");
    b.addStack(WALL_TIME, 4, List.of("main", "x"));
    b.addStack(RUNNABLE, 1, List.of("main", "y"));
    b.addStack(WALL_TIME, 2, List.of("main"));
    b.child("main").file("second.py").lines(LineRange.of(5));
    b.child("main").child("y").file("y.py");

    CallTreeNode merged = a.build().merge(b.build());
    assertThat(merged.frame()).isEqualTo(CallTreeNode.ROOT_FRAME);
    CallTreeNode main = merged.child("main").orElseThrow();
    assertThat(main.file()).contains("first.py");
    assertThat(main.lines()).contains(LineRange.of(5, 12));
    assertThat(main.selfCount(WALL_TIME)).isEqualTo(2);
    assertThat(merged.nodeAt("main", "x").orElseThrow().selfCount(WALL_TIME)).isEqualTo(7);
    assertThat(merged.nodeAt("main", "y").orElseThrow().file()).contains("y.py");
    assertThat(merged.totalCounts()).containsEntry(WALL_TIME, 9L).containsEntry(RUNNABLE, 1L);
    assertThat(main.children()).extracting(CallTreeNode::frame).containsExactly("x", "y");
  }

  @Test
  void merge_overflow_throws_arithmetic_exception() {
    CallTreeNode big = CallTreeNode.leaf("x", Map.of(WALL_TIME, Long.MAX_VALUE));
    CallTreeNode one = CallTreeNode.leaf("x", Map.of(WALL_TIME, 1L));
    assertThatThrownBy(() -> big.merge(one))
        .isInstanceOf(ArithmeticException.class)
        .hasMessage("sample count overflows a 64-bit long: 9223372036854775807 + 1");
  }

  @Test
  void totals_that_overflow_throw_too() {
    CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    root.addStack(WALL_TIME, Long.MAX_VALUE, List.of("a"));
    root.addStack(WALL_TIME, 1, List.of("b"));
    CallTreeNode t = root.build();
    assertThatThrownBy(t::totalCounts).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void truncate_below_folds_deeper_counts_into_the_deepest_kept_ancestor() {
    CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    root.addStack(WALL_TIME, 1, List.of("A"));
    root.addStack(WALL_TIME, 2, List.of("A", "B"));
    root.addStack(WALL_TIME, 4, List.of("A", "B", "C"));
    root.addStack(WALL_TIME, 8, List.of("A", "B", "C", "D"));
    root.addStack(RUNNABLE, 16, List.of("A", "B", "C", "D"));
    root.child("A").child("B").file("b.py").lines(LineRange.of(3));
    CallTreeNode t = root.build();

    CallTreeNode cut = t.truncateBelow(2);
    assertThat(cut.height()).isEqualTo(3);
    CallTreeNode b = cut.nodeAt("A", "B").orElseThrow();
    assertThat(b.isLeaf()).isTrue();
    assertThat(b.selfCounts()).containsEntry(WALL_TIME, 2L + 4 + 8).containsEntry(RUNNABLE, 16L);
    assertThat(b.file()).contains("b.py");
    assertThat(b.lines()).contains(LineRange.of(3));
    assertThat(cut.nodeAt("A").orElseThrow().selfCount(WALL_TIME)).isEqualTo(1);
    assertThat(cut.totalCounts()).isEqualTo(t.totalCounts());

    assertThat(t.truncateBelow(4)).isSameAs(t);
    assertThat(t.truncateBelow(100)).isSameAs(t);
    CallTreeNode rootOnly = t.truncateBelow(0);
    assertThat(rootOnly.isLeaf()).isTrue();
    assertThat(rootOnly.selfCounts()).isEqualTo(t.totalCounts());
    assertThatThrownBy(() -> t.truncateBelow(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("levels must be >= 0, but was -1");
  }

  @Test
  void equality_is_structural_and_ignores_child_order() {
    CallTreeNode.Builder x = CallTreeNode.builder("r");
    x.addStack(WALL_TIME, 1, List.of("a"));
    x.addStack(WALL_TIME, 2, List.of("b", "c"));
    CallTreeNode.Builder y = CallTreeNode.builder("r");
    y.addStack(WALL_TIME, 2, List.of("b", "c"));
    y.addStack(WALL_TIME, 1, List.of("a"));
    assertThat(x.build()).isEqualTo(y.build()).hasSameHashCodeAs(y.build());

    y.child("a").file("a.py");
    assertThat(x.build()).isNotEqualTo(y.build());
    y.child("a").file(null);
    y.child("a").lines(LineRange.of(1));
    assertThat(x.build()).isNotEqualTo(y.build());
    y.child("a").lines(null);
    assertThat(x.build()).isEqualTo(y.build());
    y.addStack(WALL_TIME, 1, List.of("b", "c"));
    assertThat(x.build()).isNotEqualTo(y.build());
    assertThat(CallTreeNode.builder("r").build()).isNotEqualTo(CallTreeNode.builder("s").build());
    assertThat(x.build()).isNotEqualTo("r");
    // A counter present with 0 is not the same as an absent counter.
    assertThat(CallTreeNode.leaf("a", Map.of(WALL_TIME, 0L)))
        .isNotEqualTo(CallTreeNode.leaf("a", Map.of()));
  }

  @Test
  void builder_rejects_bad_input_and_is_reusable() {
    CallTreeNode.Builder b = CallTreeNode.builder("r");
    assertThatThrownBy(() -> b.addSelfCount(WALL_TIME, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must be >= 0, but WALL_TIME of frame 'r' was -1");
    assertThatThrownBy(() -> CallTreeNode.builder(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.child(null)).isInstanceOf(IllegalArgumentException.class);

    b.addSelfCount(WALL_TIME, 5);
    CallTreeNode first = b.build();
    b.addSelfCount(WALL_TIME, 1);
    assertThat(first.selfCount(WALL_TIME)).as("build() copies").isEqualTo(5);
    assertThat(b.build().selfCount(WALL_TIME)).isEqualTo(6);

    b.selfCount(WALL_TIME, 2);
    assertThat(b.build().selfCount(WALL_TIME)).isEqualTo(2);
    assertThatThrownBy(() -> b.selfCount(WALL_TIME, -3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(b.build().selfCount(WALL_TIME))
        .as("a rejected selfCount leaves the old value")
        .isEqualTo(2);
  }

  @Test
  void views_are_read_only() {
    CallTreeNode t = sample();
    assertThatThrownBy(() -> t.children().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> t.totalCounts().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    CallTreeNode handle = t.nodeAt("main", "handle").orElseThrow();
    assertThatThrownBy(() -> handle.selfCounts().put("X", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> t.findFrame("gc").get(0).path().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void to_string_is_one_compact_line() {
    CallTreeNode t = sample();
    assertThat(t.child("main").orElseThrow().toString())
        .isEqualTo("main (self WALL_TIME=1, total WALL_TIME=46 RUNNABLE=2) [2 children]");
    assertThat(t.child("gc").orElseThrow().toString())
        .isEqualTo("gc (self WALL_TIME=7, total WALL_TIME=7)");
    assertThat(t.findFrame("queryDb").get(0).toString())
        .isEqualTo("main > handle > queryDb (self WALL_TIME=30, total WALL_TIME=30)");
    assertThat(chain(100_000, "f").toString()).hasSizeLessThan(100).doesNotContain("\n");
  }

  // ------------------------------------------------------------------------------- deep trees

  @Test
  void hundred_thousand_deep_trees_never_overflow_the_java_stack() {
    int depth = 100_000;
    CallTreeNode a = chain(depth, "f");
    CallTreeNode b = chain(depth, "f");

    assertThat(a.height()).isEqualTo(depth + 1);
    assertThat(a.size()).isEqualTo(depth + 1);
    assertThat(a.totalCount(WALL_TIME)).isEqualTo(depth);
    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a.toBuilder().build()).isEqualTo(a);

    CallTreeNode merged = a.merge(b);
    assertThat(merged.totalCount(WALL_TIME)).isEqualTo(2L * depth);
    assertThat(merged.height()).isEqualTo(depth + 1);
    assertThat(merged).isNotEqualTo(a);

    CallTreeNode cut = a.truncateBelow(10);
    assertThat(cut.height()).isEqualTo(11);
    assertThat(cut.totalCount(WALL_TIME)).isEqualTo(depth);
    assertThat(
            cut.nodeAt(List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9"))
                .orElseThrow()
                .selfCount(WALL_TIME))
        .isEqualTo(depth - 9);

    long walked = a.descendants().count();
    assertThat(walked).isEqualTo(depth);
    LocatedNode deepest = a.findFrame("f" + (depth - 1)).get(0);
    assertThat(deepest.depth()).isEqualTo(depth);
    assertThat(deepest.path()).hasSize(depth).startsWith("f0", "f1").endsWith("f99999");
    List<String> path = new ArrayList<>(deepest.path());
    assertThat(a.nodeAt(path)).isPresent();
    Collections.reverse(path);
    assertThat(a.longestExistingPrefix(path)).isEmpty();
  }

  @Test
  void a_node_made_of_its_parts_shares_its_children_and_equals_the_built_one() {
    CallTreeNode work = CallTreeNode.leaf("work", Map.of(WALL_TIME, 3L));
    CallTreeNode idle = CallTreeNode.leaf("idle", Map.of(RUNNABLE, 1L));
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    counts.put(RUNNABLE, 2L);
    counts.put(WALL_TIME, 5L);
    CallTreeNode main =
        CallTreeNode.of("main", counts, "Main.java", LineRange.of(3, 9), List.of(work, idle));
    counts.put(WALL_TIME, 6L); // copied, not kept

    CallTreeNode.Builder b = CallTreeNode.builder("main");
    b.addSelfCount(RUNNABLE, 2).addSelfCount(WALL_TIME, 5).file("Main.java");
    b.lines(LineRange.of(3, 9));
    b.addChild(work).addChild(idle);
    assertThat(main).isEqualTo(b.build());
    assertThat(main.selfCounts())
        .containsExactly(Map.entry(RUNNABLE, 2L), Map.entry(WALL_TIME, 5L));
    assertThat(main.children()).containsExactly(work, idle);
    assertThat(main.child("work")).containsSame(work);
    assertThat(main.totalCount(WALL_TIME)).isEqualTo(8);
  }

  @Test
  void a_node_made_of_its_parts_refuses_two_children_of_one_name_negative_counts_and_nulls() {
    CallTreeNode work = CallTreeNode.leaf("work", Map.of(WALL_TIME, 3L));
    assertThatThrownBy(() -> CallTreeNode.of("main", Map.of(), null, null, List.of(work, work)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'work'");
    assertThatThrownBy(() -> CallTreeNode.of("main", Map.of(WALL_TIME, -1L), null, null, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WALL_TIME");
    Map<String, Long> nullCount = new java.util.HashMap<>();
    nullCount.put(WALL_TIME, null);
    assertThatThrownBy(() -> CallTreeNode.of("main", nullCount, null, null, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("count");
    assertThatThrownBy(() -> CallTreeNode.of("main", null, null, null, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("selfCounts");
  }
}

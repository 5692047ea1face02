package dev.fakeguru.internal.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LineRange;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MergeTree} keeps its nodes in columns and its names in a shared {@link FrameNames}: what
 * it builds must be exactly what {@link CallTreeNode.Builder#mergeFrom} builds (same tree, same
 * order of children and of counter types, so the same bytes on the wire), through every way a tree
 * is filled: from a {@code CallTreeNode}, from a posted body, from another tree with its own names
 * or with shared ones, and into several targets at once.
 */
class MergeTreeTest {
  private final ProfileCodec codec = ProfileCodec.defaults();

  /** Names that are not plain ASCII: bytes with the high bit set, beyond Latin-1, surrogates. */
  private static final String[] ODD_NAMES = {
    "caf\u00e9.Main.run", "\u00ff\u00fe", "\u03bb$1.apply", "\u65e5\u672c.\u8a9e", "x\ud83d\ude00y"
  };

  @Test
  void merging_random_trees_builds_what_the_builder_builds_in_the_same_order() {
    Random random = new Random(11);
    for (int round = 0; round < 12; round++) {
      CallTreeNode.Builder expected = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
      FrameNames shared = new FrameNames();
      MergeTree hour = new MergeTree(shared);
      MergeTree day = new MergeTree(shared);
      MergeTree alone = new MergeTree();
      for (int post = 0; post < 6; post++) {
        CallTreeNode tree = randomTree(random, 300);
        expected.mergeFrom(tree);
        PostTree posted = postedTree(random, tree);
        long before = hour.nodes();
        long predicted = hour.newNodes(posted);
        MergeTree.mergeInto(posted, List.of(hour, day));
        alone.mergeFrom(posted);
        assertThat(hour.nodes() - before).isEqualTo(predicted);
        assertThat(posted.totals()).isEqualTo(totals(tree));
      }
      CallTreeNode want = expected.build();
      for (MergeTree t : List.of(hour, day, alone, copyOf(hour))) {
        CallTreeNode got = t.build();
        assertThat(got).isEqualTo(want);
        assertThat(json(got)).isEqualTo(json(want));
        assertThat(t.nodes()).isEqualTo(want.size());
      }
    }
  }

  /**
   * A tree built again after more merges (a remembered combined read after posts) must give what a
   * fresh build gives, in the same order, and share every subtree that did not change: the paths of
   * what was merged are made again, nothing else.
   */
  @Test
  void building_again_after_merges_equals_a_fresh_build_and_shares_what_did_not_change() {
    Random random = new Random(23);
    for (int round = 0; round < 8; round++) {
      MergeTree tree = new MergeTree();
      tree.mergeFrom(postedTree(random, randomTree(random, 400)));
      CallTreeNode before = tree.buildReusing();
      assertThat(before).isEqualTo(tree.build());
      for (int post = 0; post < 5; post++) {
        // Small posts, as an agent's into a busy range: new frames, new counter types, sources.
        CallTreeNode small = randomTree(random, 1 + random.nextInt(6));
        tree.mergeFrom(postedTree(random, small));
        CallTreeNode after = tree.buildReusing();
        CallTreeNode fresh = tree.build();
        assertThat(after).isEqualTo(fresh);
        assertThat(json(after)).isEqualTo(json(fresh));
        assertSharedWhereUnchanged(before, after, small);
        before = after;
      }
      assertThat(tree.buildReusing()).as("nothing merged: the same tree").isSameAs(before);
    }
  }

  /** Every node of {@code after} that {@code merged} does not reach is {@code before}'s node. */
  private static void assertSharedWhereUnchanged(
      CallTreeNode before, CallTreeNode after, CallTreeNode merged) {
    java.util.ArrayDeque<CallTreeNode[]> todo = new java.util.ArrayDeque<>();
    todo.push(new CallTreeNode[] {before, after, merged});
    while (!todo.isEmpty()) {
      CallTreeNode[] at = todo.pop();
      for (CallTreeNode a : at[1].children()) {
        CallTreeNode was = at[0].child(a.frame()).orElse(null);
        CallTreeNode touched = at[2].child(a.frame()).orElse(null);
        if (touched == null) {
          assertThat(a).as("untouched %s", a.frame()).isSameAs(was);
        } else if (was != null) {
          todo.push(new CallTreeNode[] {was, a, touched});
        }
      }
    }
  }

  @Test
  void counts_widen_from_a_byte_to_an_int_to_a_long() {
    long[] steps = {0, 1, 254, 1, 70_000, Integer.MAX_VALUE, 5L << 40};
    MergeTree t = new MergeTree();
    CallTreeNode.Builder expected = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    for (long step : steps) {
      CallTreeNode part =
          CallTreeNode.builder(CallTreeNode.ROOT_FRAME)
              .addStack("CPU", step, List.of("a", "b"))
              .addStack("CPU", 3, List.of("a", "c"))
              .build();
      t.mergeFrom(PostTree.of(part));
      expected.mergeFrom(part);
      assertThat(t.build()).isEqualTo(expected.build());
    }
    assertThat(t.build().child("a").orElseThrow().child("b").orElseThrow().selfCount("CPU"))
        .isEqualTo(1 + 254 + 1 + 70_000 + (long) Integer.MAX_VALUE + (5L << 40));
  }

  @Test
  void more_than_255_counter_types_and_zero_counts_keep_their_order() {
    CallTreeNode.Builder b = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    for (int i = 0; i < 300; i++) {
      b.addStack("T" + i, i % 3, List.of("n" + (i % 7)));
    }
    b.addStack("T299", 1, List.of("late")); // a node whose first type is past the byte column
    b.addStack("T0", 0, List.of("late"));
    CallTreeNode tree = b.build();
    MergeTree t = new MergeTree();
    t.mergeFrom(PostTree.of(tree));
    t.mergeFrom(PostTree.of(tree));
    CallTreeNode want =
        CallTreeNode.builder(CallTreeNode.ROOT_FRAME).mergeFrom(tree).mergeFrom(tree).build();
    assertThat(json(t.build())).isEqualTo(json(want));
    assertThat(t.build().child("late").orElseThrow().selfCounts().keySet())
        .containsExactly("T299", "T0");
  }

  @Test
  void trees_and_names_larger_than_a_page_merge_as_the_builder_does() {
    CallTreeNode.Builder b = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    for (int i = 0; i < 30_000; i++) { // several pages of nodes and of name bytes
      String name = (i % 9 == 0 ? "\u03bb" : "com.example.Frame") + i;
      b.addStack(i % 2 == 0 ? "CPU" : "WALL_TIME", i % 500, List.of("main", name));
    }
    b.addStack("CPU", 7, List.of("main", "x".repeat(70_000))); // longer than a page of names
    b.addStack("CPU", 8, List.of("main", "\u03bb".repeat(40_000)));
    b.addStack("CPU", 9, List.of("main", "after"));
    CallTreeNode tree = b.build();
    FrameNames shared = new FrameNames();
    MergeTree hour = new MergeTree(shared);
    MergeTree day = new MergeTree(shared);
    PostTree posted = postedTree(new Random(3), tree);
    assertThat(hour.newNodes(posted)).isEqualTo(tree.size() - 1);
    MergeTree.mergeInto(posted, List.of(hour, day));
    MergeTree.mergeInto(posted, List.of(hour, day));
    CallTreeNode want =
        CallTreeNode.builder(CallTreeNode.ROOT_FRAME).mergeFrom(tree).mergeFrom(tree).build();
    for (MergeTree t : List.of(hour, day, copyOf(day))) {
      assertThat(json(t.build())).isEqualTo(json(want));
    }
    assertThat(shared.size()).isEqualTo(30_004);
  }

  /** The way the server fills a post's tree: the streaming decode of its body. */
  private PostTree postedTree(Random random, CallTreeNode tree) {
    Profile p =
        Profile.builder(
                Instant.parse("2024-01-01T10:00:00Z"), Instant.parse("2024-01-01T10:05:00Z"))
            .callTree(tree)
            .build();
    if (random.nextBoolean()) {
      return PostedProfile.of(p).tree();
    }
    ProfileFormat f = random.nextBoolean() ? ProfileFormat.JSON : ProfileFormat.ION_BINARY;
    return PostedProfile.decode(codec.limits(), codec.encode(p, f), f.contentType(), null).tree();
  }

  private static MergeTree copyOf(MergeTree t) {
    MergeTree copy = new MergeTree();
    copy.mergeFrom(t);
    return copy;
  }

  private String json(CallTreeNode tree) {
    Profile p =
        Profile.builder(
                Instant.parse("2024-01-01T10:00:00Z"), Instant.parse("2024-01-01T11:00:00Z"))
            .callTree(tree)
            .build();
    return new String(codec.encode(p, ProfileFormat.JSON), StandardCharsets.UTF_8);
  }

  private static Map<String, Long> totals(CallTreeNode tree) {
    Map<String, Long> sums = new HashMap<>();
    List<CallTreeNode> todo = new ArrayList<>(List.of(tree));
    while (!todo.isEmpty()) {
      CallTreeNode n = todo.remove(todo.size() - 1);
      n.selfCounts().forEach((k, v) -> sums.merge(k, v, Long::sum));
      todo.addAll(n.children());
    }
    return sums;
  }

  /**
   * A random tree over a small pool of names (so trees overlap), with odd names, several counter
   * types in random order, zero and large counts, and files and lines on some nodes.
   */
  private static CallTreeNode randomTree(Random random, int nodes) {
    String[] types = {"RUNNABLE", "BLOCKED", "WAITING", "CPU", "WALL_TIME", "IDLE"};
    CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    List<CallTreeNode.Builder> all = new ArrayList<>(List.of(root));
    for (int i = 0; i < nodes; i++) {
      CallTreeNode.Builder parent = all.get(random.nextInt(all.size()));
      String name =
          random.nextInt(10) == 0
              ? ODD_NAMES[random.nextInt(ODD_NAMES.length)]
              : "com.example.F" + random.nextInt(60);
      CallTreeNode.Builder c = parent.child(name);
      all.add(c);
      int states = random.nextInt(4);
      for (int s = 0; s < states; s++) {
        long count =
            switch (random.nextInt(8)) {
              case 0 -> 0;
              case 1 -> 100_000 + random.nextInt(1_000_000);
              default -> 1 + random.nextInt(300);
            };
        c.addSelfCount(types[random.nextInt(types.length)], count);
      }
      if (random.nextInt(5) == 0) {
        c.file("F" + random.nextInt(4) + ".java");
        int first = 1 + random.nextInt(100);
        c.lines(LineRange.of(first, first + random.nextInt(50)));
      }
    }
    return root.build();
  }
}

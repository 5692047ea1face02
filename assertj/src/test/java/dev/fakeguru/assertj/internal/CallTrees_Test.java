package dev.fakeguru.assertj.internal;

import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Profile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallTrees_Test {

  private static final String WALL = CounterTypes.WALL_TIME;

  @Test
  void inclusive_total_should_count_a_recursive_frame_once_per_sample() {
    // GIVEN fib > fib > fib with 5 samples at the bottom and 1 in the middle
    CallTreeNode root =
        Profile.builder(EPOCH, EPOCH)
            .stack(5, "main", "fib", "fib", "fib")
            .stack(1, "main", "fib", "fib")
            .stack(4, "main")
            .build()
            .callTree();
    // WHEN
    long total = CallTrees.inclusiveTotal(root, "fib", WALL);
    // THEN
    then(total).isEqualTo(6);
    then(CallTrees.totalByFrame(root, WALL))
        .containsExactlyInAnyOrderEntriesOf(Map.of("main", 10L, "fib", 6L));
  }

  @Test
  void inclusive_total_should_sum_occurrences_on_separate_branches() {
    CallTreeNode root =
        Profile.builder(EPOCH, EPOCH).stack(3, "a", "log").stack(4, "b", "log").build().callTree();
    then(CallTrees.inclusiveTotal(root, "log", WALL)).isEqualTo(7);
    then(CallTrees.selfByFrame(root, WALL)).containsExactlyInAnyOrderEntriesOf(Map.of("log", 7L));
  }

  @Test
  void glob_should_fit_java_and_python_names() {
    then(CallTrees.globPattern("*Service.handle").matcher("com.acme.Service.handle").matches())
        .isTrue();
    then(CallTrees.globPattern("polls.views:*:get*")
            .matcher("polls.views:IndexView:get_queryset")
            .matches())
        .isTrue();
    then(CallTrees.globPattern("polls.views:*:get?").matcher("polls.views:IndexView:get").matches())
        .isFalse();
    then(CallTrees.globPattern("a.b").matcher("aXb").matches()).as("dot is literal").isFalse();
    then(CallTrees.globPattern("[x]+").matcher("[x]+").matches())
        .as("regex characters are literal")
        .isTrue();
  }

  @Test
  void longest_chain_should_report_partial_matches() {
    CallTreeNode root =
        Profile.builder(EPOCH, EPOCH).stack(1, "main", "handle", "render").build().callTree();
    CallTrees.ChainMatch match = CallTrees.longestChain(root, List.of("handle", "queryDb"));
    then(match.path()).containsExactly("main", "handle");
    then(match.matched()).isEqualTo(1);
    then(CallTrees.longestChain(root, List.of("nope"))).isNull();
  }

  @Test
  void hot_paths_should_be_the_prefix_closed_part_above_the_threshold() {
    CallTreeNode root =
        Profile.builder(EPOCH, EPOCH)
            .stack(60, "main", "a")
            .stack(30, "main", "b")
            .stack(10, "idle")
            .build()
            .callTree();
    then(CallTrees.hotPaths(root, WALL, 30.0).keySet())
        .containsExactlyInAnyOrder(List.of("main"), List.of("main", "a"), List.of("main", "b"));
  }
}

package dev.fakeguru.assertj.internal;

import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Profile;
import org.junit.jupiter.api.Test;

class TreeRenderer_render_Test {

  private static Profile webApp() {
    return Profile.builder(EPOCH, EPOCH)
        .stack(30, "main", "handle", "queryDb")
        .stack(10, "main", "handle")
        .stack(5, "main", "render")
        .stack(55, "idle")
        .build();
  }

  @Test
  void should_render_whole_tree_with_counts_and_shares_ordered_by_total_then_name() {
    // GIVEN
    CallTreeNode root = webApp().callTree();
    // WHEN
    String rendered = TreeRenderer.forCounter(CounterTypes.WALL_TIME, 100).render(root, "profile");
    // THEN
    then(rendered)
        .isEqualTo(
            """
        profile  total 100
        ├─ idle  self 55  total 55 (55.0%)
        └─ main  self 0  total 45 (45.0%)
           ├─ handle  self 10  total 40 (40.0%)
           │  └─ queryDb  self 30  total 30 (30.0%)
           └─ render  self 5  total 5 (5.0%)""");
  }

  @Test
  void should_order_equal_totals_by_name_whatever_the_insertion_order() {
    // GIVEN
    Profile profile =
        Profile.builder(EPOCH, EPOCH).stack(1, "b").stack(1, "c").stack(1, "a").build();
    // WHEN
    String rendered =
        TreeRenderer.forCounter(CounterTypes.WALL_TIME, 3).render(profile.callTree(), "profile");
    // THEN
    then(rendered)
        .isEqualTo(
            """
        profile  total 3
        ├─ a  self 1  total 1 (33.3%)
        ├─ b  self 1  total 1 (33.3%)
        └─ c  self 1  total 1 (33.3%)""");
  }

  @Test
  void should_summarise_frames_below_the_depth_limit() {
    // GIVEN
    CallTreeNode root = webApp().callTree();
    // WHEN
    String rendered =
        TreeRenderer.forCounter(CounterTypes.WALL_TIME, 100).maxDepth(1).render(root, "profile");
    // THEN
    then(rendered)
        .isEqualTo(
            """
        profile  total 100
        ├─ idle  self 55  total 55 (55.0%)
        └─ main  self 0  total 45 (45.0%)
           └─ … 3 frames deeper""");
  }

  @Test
  void should_summarise_children_beyond_the_width_limit() {
    // GIVEN
    Profile.Builder builder = Profile.builder(EPOCH, EPOCH);
    for (int i = 0; i < 40; i++) {
      builder.stack(i + 1, "main", String.format("f%02d", i));
    }
    CallTreeNode root = builder.build().callTree();
    // WHEN
    String rendered =
        TreeRenderer.forCounter(CounterTypes.WALL_TIME, 0).maxChildren(3).render(root, "profile");
    // THEN
    then(rendered)
        .isEqualTo(
            """
        profile  total 820
        └─ main  self 0  total 820
           ├─ f39  self 40  total 40
           ├─ f38  self 39  total 39
           ├─ f37  self 38  total 38
           └─ … 37 more (total 703)""");
  }

  @Test
  void should_render_frame_names_verbatim_including_percent_signs() {
    // GIVEN
    Profile profile = Profile.builder(EPOCH, EPOCH).stack(1, "100%", "50%n", "%s").build();
    // WHEN
    String rendered =
        TreeRenderer.forCounter(CounterTypes.WALL_TIME, 1).render(profile.callTree(), "profile");
    // THEN
    then(rendered)
        .isEqualTo(
            """
        profile  total 1
        └─ 100%  self 0  total 1 (100.0%)
           └─ 50%n  self 0  total 1 (100.0%)
              └─ %s  self 1  total 1 (100.0%)""");
  }

  @Test
  void should_render_every_counter_type_in_canonical_mode() {
    // GIVEN
    Profile profile =
        Profile.builder(EPOCH, EPOCH)
            .stack(3, "main", "work")
            .stack(CounterTypes.RUNNABLE, 2, "main", "work")
            .stack(CounterTypes.RUNNABLE, 1, "main")
            .build();
    // WHEN
    String rendered = TreeRenderer.allCounters().render(profile.callTree(), "profile");
    // THEN
    then(rendered)
        .isEqualTo(
            """
        profile  total RUNNABLE=3 WALL_TIME=3
        └─ main  self RUNNABLE=1  total RUNNABLE=3 WALL_TIME=3
           └─ work  self RUNNABLE=2 WALL_TIME=3  total RUNNABLE=2 WALL_TIME=3""");
  }

  @Test
  void should_render_a_very_deep_tree_without_recursion() {
    // GIVEN
    String[] frames = new String[20_000];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = "f" + i;
    }
    CallTreeNode root = Profile.builder(EPOCH, EPOCH).stack(1, frames).build().callTree();
    // WHEN
    String limited = TreeRenderer.forCounter(CounterTypes.WALL_TIME, 1).render(root, "profile");
    String full = TreeRenderer.allCounters().render(root, "profile");
    // THEN
    then(limited).endsWith("└─ … 19996 frames deeper");
    then(full.split("\n")).hasSize(TreeRenderer.CANONICAL_MAX_LINES + 1);
    then(full).endsWith("\n… (cut after 500 lines)");
  }

  @Test
  void should_reject_limits_that_make_no_sense() {
    thenIllegalArgumentException()
        .isThrownBy(() -> TreeRenderer.forCounter(CounterTypes.WALL_TIME, 1).maxChildren(0))
        .withMessage("The maximum number of children must be at least 1, but was 0.");
    thenIllegalArgumentException()
        .isThrownBy(() -> TreeRenderer.forCounter(CounterTypes.WALL_TIME, 1).maxDepth(-1))
        .withMessage("The maximum depth must not be negative, but was -1.");
  }
}

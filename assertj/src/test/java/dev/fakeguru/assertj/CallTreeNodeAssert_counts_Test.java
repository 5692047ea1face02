package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static dev.fakeguru.profile.CounterTypes.RUNNABLE;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import org.junit.jupiter.api.Test;

class CallTreeNodeAssert_counts_Test {

  private final Profile profile =
      Profile.builder(EPOCH, EPOCH)
          .stack(30, "main", "handle", "queryDb")
          .stack(10, "main", "handle")
          .stack(RUNNABLE, 7, "main", "handle")
          .stack(5, "main", "render")
          .build();

  @Test
  void should_pass_on_self_and_total_counts() {
    assertThat(profile)
        .path("main", "handle")
        .hasSelfSamples(10)
        .hasTotalSamples(40)
        .usingCounterType(RUNNABLE)
        .hasSelfSamples(7)
        .hasTotalSamples(7)
        .usingCounterType("NATIVE")
        .hasSelfSamples(0);
  }

  @Test
  void should_fail_if_actual_is_null() {
    AssertionError error =
        expectAssertionError(() -> assertThat((CallTreeNode) null).hasSelfSamples(1));
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_with_all_counts_when_the_total_differs() {
    AssertionError error =
        expectAssertionError(
            () -> assertThat(profile).path("main").usingCounterType(RUNNABLE).hasTotalSamples(8));
    then(error.getMessage())
        .isEqualTo(
            """
        [profile > main]\s
        Expecting the total RUNNABLE count of:
          frame main
        to be:
          8
        but was:
          7
        (all counts: self 0, total RUNNABLE=7 WALL_TIME=45)""");
  }

  @Test
  void should_reject_negative_counts() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).path("main").hasSelfSamples(-1))
        .withMessage("The expected count must not be negative, but was -1.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).path("main").hasTotalSamples(-1))
        .withMessage("The expected count must not be negative, but was -1.");
  }

  @Test
  void hasChildren_should_compare_exactly_in_any_order() {
    assertThat(profile)
        .path("main")
        .hasChildren("render", "handle")
        .hasChildrenContaining("handle");
    assertThat(profile).path("main", "handle", "queryDb").hasChildren().isLeaf();
  }

  @Test
  void hasChildren_should_fail_listing_missing_and_unexpected_children() {
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).path("main").hasChildren("handle", "cache"));
    then(error.getMessage())
        .isEqualTo(
            """
        [profile > main]\s
        Expecting the children of:
          main
        to be exactly (in any order):
          handle, cache
        but were:
          handle  self 10  total 40
          render  self 5  total 5
        missing:
          cache
        unexpected:
          render""");
  }

  @Test
  void hasChildrenContaining_should_fail_only_on_missing_children() {
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).path("main").hasChildrenContaining("cache"));
    then(error.getMessage())
        .contains("to contain:%n  cache%n".formatted())
        .contains("missing:%n  cache".formatted())
        .doesNotContain("unexpected");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).path("main").hasChildrenContaining())
        .withMessage(
            "At least one child frame name must be given; use isLeaf() to check for none.");
  }

  @Test
  void a_node_asserted_on_its_own_should_start_paths_at_its_children() {
    CallTreeNode main = profile.callTree().child("main").orElseThrow();
    assertThat(main)
        .hasCallPath("handle", "queryDb")
        .hasMaxDepth(2)
        .hasTotalSamples(45)
        .hasFrameShareAtLeast("handle", 88.0);
    AssertionError error = expectAssertionError(() -> assertThat(main).hasCallPath("main"));
    then(error.getMessage())
        .contains("Expecting frame main to contain call path:%n  main%n".formatted())
        .contains("  frame main  total 45%n".formatted());
  }
}

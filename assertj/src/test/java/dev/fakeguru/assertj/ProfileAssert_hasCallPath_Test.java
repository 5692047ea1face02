package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.profile.Profile;
import org.junit.jupiter.api.Test;

class ProfileAssert_hasCallPath_Test {

  private final Profile profile = Fixtures.webApp();

  @Test
  void should_pass_if_path_exists_from_the_top() {
    assertThat(profile)
        .hasCallPath("main", "handle", "queryDb")
        .hasCallPath("main")
        .hasCallPath("idle");
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    Profile actual = null;
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).hasCallPath("main"));
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_with_tree_when_path_stops_below_the_top() {
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).hasCallPath("main", "handle", "cache"));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting profile to contain call path:
          main > handle > cache
        but the deepest matching frame was:
          main > handle
        whose children were:
          queryDb  self 30  total 30
        Call tree (WALL_TIME, depth ≤ 4, 20 children per node):
          profile  total 100
          ├─ idle  self 55  total 55 (55.0%)
          └─ main  self 0  total 45 (45.0%)
             ├─ handle  self 10  total 40 (40.0%)
             │  └─ queryDb  self 30  total 30 (30.0%)
             └─ render  self 5  total 5 (5.0%)""");
  }

  @Test
  void should_fail_with_top_level_frames_when_first_frame_is_not_at_the_top() {
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).hasCallPath("handle", "queryDb"));
    // THEN
    then(error.getMessage())
        .contains("Expecting profile to contain call path:%n  handle > queryDb%n".formatted())
        .contains("but no top-level frame was named:%n  handle%n".formatted())
        .contains(
            "the top-level frames were:%n  idle  self 55  total 55%n  main  self 0  total 45%n"
                .formatted())
        .contains("Call tree (WALL_TIME, depth ≤ 4, 20 children per node):");
  }

  @Test
  void should_fail_when_frames_match_but_not_contiguously_from_the_top() {
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).hasCallPath("main", "queryDb"));
    then(error.getMessage())
        .contains(
            "but the deepest matching frame was:%n  main%nwhose children were:%n  handle  self 10  total 40%n  render  self 5  total 5"
                .formatted());
  }

  @Test
  void should_reject_empty_or_null_paths() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).hasCallPath())
        .withMessage("The call path must have at least one frame.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).hasCallPath((String[]) null))
        .withMessage("The call path must have at least one frame.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).hasCallPath("main", null))
        .withMessage("The call path must not contain null, but frame 2 was null.");
  }

  @Test
  void hasCallPathAnywhere_should_pass_for_a_contiguous_chain_starting_at_any_node() {
    assertThat(profile)
        .hasCallPathAnywhere("handle", "queryDb")
        .hasCallPathAnywhere("queryDb")
        .hasCallPathAnywhere("main", "render");
  }

  @Test
  void hasCallPathAnywhere_should_fail_with_the_longest_partial_chain() {
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).hasCallPathAnywhere("handle", "render"));
    // THEN
    then(error.getMessage())
        .startsWith(
            """

        Expecting profile to contain call path anywhere:
          handle > render
        but the longest matching chain ended at:
          main > handle
        whose children were:
          queryDb  self 30  total 30
        Call tree (WALL_TIME, depth ≤ 4, 20 children per node):
        """);
  }

  @Test
  void hasCallPathAnywhere_should_fail_when_no_frame_has_the_first_name() {
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).hasCallPathAnywhere("cache", "get"));
    then(error.getMessage()).contains("but no frame was named:%n  cache%nCall tree".formatted());
  }

  @Test
  void doesNotHaveCallPath_should_pass_if_the_path_does_not_start_at_the_top() {
    assertThat(profile)
        .doesNotHaveCallPath("handle", "queryDb")
        .doesNotHaveCallPath("main", "queryDb");
  }

  @Test
  void doesNotHaveCallPath_should_fail_if_the_path_exists() {
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).doesNotHaveCallPath("main", "handle"));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting profile not to contain call path:
          main > handle
        but found it (WALL_TIME):
          main > handle  self 10  total 40""");
  }

  @Test
  void doesNotHaveCallPathAnywhere_should_fail_with_where_the_chain_was_found() {
    AssertionError error =
        expectAssertionError(
            () -> assertThat(profile).doesNotHaveCallPathAnywhere("handle", "queryDb"));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting profile not to contain call path anywhere:
          handle > queryDb
        but found it (WALL_TIME):
          main > handle > queryDb  self 30  total 30""");
  }

  @Test
  void should_stay_fast_on_deep_recursion() {
    // GIVEN fib recursing 20 000 frames deep
    String[] frames = new String[20_000];
    java.util.Arrays.fill(frames, "fib");
    Profile deep = Profile.builder(EPOCH, EPOCH).stack(1, frames).build();
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(deep).hasCallPathAnywhere("fib", "fib", "cache"));
    // THEN
    then(error.getMessage())
        .contains("but the longest matching chain ended at:%n  fib > fib%n".formatted());
    assertThat(deep)
        .hasCallPathAnywhere("fib", "fib")
        .hasMaxDepth(20_000)
        .hasFrameShareAtMost("fib", 100.0);
  }
}

package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.LineRange;
import dev.fakeguru.profile.Profile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ProfileAssert_isEqualToTree_Test {

  @Test
  void should_pass_ignoring_child_order_files_lines_and_zero_counts() {
    // GIVEN
    Profile expected =
        Profile.builder(EPOCH, EPOCH).stack(3, "main", "handle").stack(1, "main").build();
    Profile.Builder reordered =
        Profile.builder(EPOCH, EPOCH)
            .stack(1, "main")
            .stack(3, "main", "handle")
            .stack(0, "main", "handle");
    reordered.root().child("main").file("Main.java").lines(LineRange.of(1, 5));
    // THEN
    assertThat(reordered.build()).isEqualToTree(expected).isEqualToTree(expected.callTree());
  }

  @Test
  void should_fail_if_actual_is_null() {
    AssertionError error =
        expectAssertionError(
            () -> assertThat((Profile) null).isEqualToTree(Profile.builder(EPOCH, EPOCH).build()));
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_with_rendered_trees_as_actual_and_expected_for_an_ide_diff() {
    // GIVEN
    Profile actual =
        Profile.builder(EPOCH, EPOCH).stack(3, "main", "handle").stack(1, "main", "100%").build();
    Profile expected =
        Profile.builder(EPOCH, EPOCH).stack(4, "main", "handle").stack(1, "main", "100%").build();
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).isEqualToTree(expected));
    // THEN
    then(error).isInstanceOf(AssertionFailedError.class);
    AssertionFailedError failed = (AssertionFailedError) error;
    then(failed.getActual().getStringRepresentation())
        .isEqualTo(
            """
        profile  total WALL_TIME=4
        └─ main  self 0  total WALL_TIME=4
           ├─ handle  self WALL_TIME=3  total WALL_TIME=3
           └─ 100%  self WALL_TIME=1  total WALL_TIME=1""");
    then(failed.getExpected().getStringRepresentation())
        .isEqualTo(
            """
        profile  total WALL_TIME=5
        └─ main  self 0  total WALL_TIME=5
           ├─ handle  self WALL_TIME=4  total WALL_TIME=4
           └─ 100%  self WALL_TIME=1  total WALL_TIME=1""");
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting call tree:
          profile  total WALL_TIME=4
          └─ main  self 0  total WALL_TIME=4
             ├─ handle  self WALL_TIME=3  total WALL_TIME=3
             └─ 100%  self WALL_TIME=1  total WALL_TIME=1
        to be equal to:
          profile  total WALL_TIME=5
          └─ main  self 0  total WALL_TIME=5
             ├─ handle  self WALL_TIME=4  total WALL_TIME=4
             └─ 100%  self WALL_TIME=1  total WALL_TIME=1
        but they first differ at:
          main > handle
        where the actual tree has:
          self WALL_TIME=3  total WALL_TIME=3
        and the expected tree has:
          self WALL_TIME=4  total WALL_TIME=4""");
  }

  @Test
  void should_compare_a_navigated_node_with_a_subtree() {
    Profile profile = Fixtures.webApp();
    CallTreeNode.Builder main = CallTreeNode.builder("anything");
    main.addStack(CounterTypes.WALL_TIME, 30, List.of("handle", "queryDb"));
    main.addStack(CounterTypes.WALL_TIME, 10, List.of("handle"));
    main.addStack(CounterTypes.WALL_TIME, 5, List.of("render"));
    assertThat(profile).path("main").isEqualToTree(main.build());
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).path("idle").isEqualToTree(main.build()));
    then(error.getMessage())
        .startsWith(
            "[profile > idle] %nExpecting call tree:%n  idle  self WALL_TIME=55  total WALL_TIME=55%n"
                .formatted());
  }

  @Test
  void should_name_missing_and_unexpected_frames() {
    Profile actual =
        Profile.builder(EPOCH, EPOCH).stack(1, "main", "a").stack(1, "main", "c").build();
    Profile expected =
        Profile.builder(EPOCH, EPOCH).stack(1, "main", "a").stack(1, "main", "b").build();
    then(expectAssertionError(() -> assertThat(actual).isEqualToTree(expected)).getMessage())
        .endsWith(
            """
        but they first differ at:
          main > b
        where the actual tree has:
          (no such frame)
        and the expected tree has:
          self WALL_TIME=1  total WALL_TIME=1""");
    then(expectAssertionError(() -> assertThat(expected).isEqualToTree(actual)).getMessage())
        .contains(
            "main > b%nwhere the actual tree has:%n  self WALL_TIME=1  total WALL_TIME=1%nand the expected tree has:%n  (no such frame)"
                .formatted());
  }

  @Test
  void should_compare_and_fail_quickly_on_very_deep_trees() {
    String[] frames = new String[20_000];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = "f" + i;
    }
    Profile deep = Profile.builder(EPOCH, EPOCH).stack(1, frames).build();
    assertThat(deep).isEqualToTree(Profile.builder(EPOCH, EPOCH).stack(1, frames).build());
    frames[frames.length - 1] = "other";
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(deep)
                    .isEqualToTree(Profile.builder(EPOCH, EPOCH).stack(1, frames).build()));
    then(error.getMessage())
        .contains("… (cut after 500 lines)")
        .contains("f19997 > f19998 > f19999%nwhere".formatted());
  }

  @Test
  void should_reject_null_expected() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(Fixtures.webApp()).isEqualToTree((Profile) null))
        .withMessage("The expected profile must not be null.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(Fixtures.webApp()).isEqualToTree((CallTreeNode) null))
        .withMessage("The expected call tree must not be null.");
  }
}

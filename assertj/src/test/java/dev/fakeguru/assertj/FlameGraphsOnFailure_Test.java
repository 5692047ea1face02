package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.flamegraph.FlameGraphFiles;
import dev.fakeguru.profile.Profile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Failed call-tree, share, hot-frame, regression and tree-equality assertions write flame graphs
 * under {@value FlameGraphFiles#DEFAULT_DIRECTORY} (here a directory of this test's own) and name
 * them at the end of the message, which is otherwise unchanged; the system property turns them off.
 */
class FlameGraphsOnFailure_Test {
  private static final Instant START = Instant.parse("2024-01-02T03:00:00Z");
  private static final Instant END = START.plusSeconds(300);

  static final Path DIRECTORY = Path.of("target", "fakeguru-flamegraphs-test");

  private final Profile baseline =
      Profile.builder(START, END).stack(20, "main", "queryDb").stack(80, "main").build();
  private final Profile current =
      Profile.builder(START, END).stack(65, "main", "queryDb").stack(135, "main").build();

  @BeforeEach
  void filesOn() {
    System.setProperty(FlameGraphFiles.ENABLED_PROPERTY, "true");
    System.setProperty(FlameGraphFiles.DIRECTORY_PROPERTY, DIRECTORY.toString());
  }

  @AfterEach
  void filesOffAgain() {
    System.setProperty(FlameGraphFiles.ENABLED_PROPERTY, "false");
    System.clearProperty(FlameGraphFiles.DIRECTORY_PROPERTY);
  }

  /** The message with files on is the message with files off, then one line per file. */
  static List<Path> filesNamedIn(ThrowingCallable failing, int expectedFiles) {
    String withFiles = expectAssertionError(failing).getMessage();
    System.setProperty(FlameGraphFiles.ENABLED_PROPERTY, "false");
    String without = expectAssertionError(failing).getMessage();
    System.setProperty(FlameGraphFiles.ENABLED_PROPERTY, "true");

    then(withFiles).startsWith(without);
    List<String> lines = withFiles.substring(without.length()).lines().skip(1).toList();
    then(lines).hasSize(expectedFiles);
    return lines.stream()
        .map(l -> Path.of(l.substring(l.lastIndexOf(": ") + 2)))
        .peek(p -> then(p).startsWith(DIRECTORY).isRegularFile())
        .toList();
  }

  static String read(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void a_regression_writes_the_actual_and_the_differential_flame_graph() throws Exception {
    List<Path> files =
        filesNamedIn(
            () -> assertThat(current).hasFrameShareNotGrownBy("queryDb", 5.0, baseline), 2);

    then(files.get(0).getFileName().toString())
        .startsWith(
            "FlameGraphsOnFailure_Test"
                + ".a_regression_writes_the_actual_and_the_differential_flame_graph"
                + "-hasFrameShareNotGrownBy");
    then(read(files.get(0))).contains("<!DOCTYPE html>").contains(">queryDb<");
    then(files.get(1).getFileName().toString()).contains("hasFrameShareNotGrownBy-diff");
    then(read(files.get(1))).contains("data-kind=\"diff\"");
    then(expectAssertionError(
                () -> assertThat(current).hasFrameShareNotGrownBy("queryDb", 5.0, baseline))
            .getMessage())
        .contains("Differential flame graph (width: actual, colour: change from the baseline): ");
  }

  @Test
  void share_hot_frame_and_call_path_failures_write_the_actual_flame_graph() {
    filesNamedIn(() -> assertThat(current).hasFrameShareAtMost("queryDb", 10.0), 1);
    filesNamedIn(() -> assertThat(current).hasHottestFrameBySelf("queryDb"), 1);
    filesNamedIn(() -> assertThat(current).hasCallPath("main", "render"), 1);
    filesNamedIn(() -> assertThat(current).hasSameHotPathsAs(baseline, 25.0), 2);
    // A navigated node draws the whole profile it came from.
    filesNamedIn(() -> assertThat(current).frame("main").hasCallPath("render"), 1);
  }

  @Test
  void a_tree_mismatch_keeps_its_actual_and_expected_for_the_ide() {
    AssertionError error = expectAssertionError(() -> assertThat(current).isEqualToTree(baseline));

    then(error).isInstanceOf(AssertionFailedError.class);
    then(((AssertionFailedError) error).getActual().getStringRepresentation()).contains("queryDb");
    then(error.getMessage())
        .contains(
            "Differential flame graph (width: actual, colour: change from the expected tree): ")
        .contains("-isEqualToTree-diff");
    filesNamedIn(() -> assertThat(current).isEqualToTree(baseline), 2);
  }

  @Test
  void the_property_turns_the_files_off() throws Exception {
    System.setProperty(FlameGraphFiles.ENABLED_PROPERTY, "false");
    Path dir = Path.of("target", "fakeguru-flamegraphs-off");
    System.setProperty(FlameGraphFiles.DIRECTORY_PROPERTY, dir.toString());

    String message =
        expectAssertionError(() -> assertThat(current).hasFrameShareAtMost("queryDb", 10.0))
            .getMessage();

    then(message).doesNotContain("lame graph");
    then(dir).doesNotExist();
  }

  @Test
  void passing_assertions_write_nothing() throws Exception {
    Path dir = Path.of("target", "fakeguru-flamegraphs-passing");
    System.setProperty(FlameGraphFiles.DIRECTORY_PROPERTY, dir.toString());

    assertThat(current).hasFrameShareAtMost("queryDb", 50.0).hasCallPath("main", "queryDb");

    then(dir).doesNotExist();
  }
}

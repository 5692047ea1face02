package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.InternalServerException;

/**
 * A data directory that someone else tampered with, or that a crash left half-written: links out of
 * it are never followed (at start-up, on a reset, or to store a post), a copied post file is not
 * restored twice, groups whose record was lost come back from their posts, and a group change costs
 * one appended line, not a rewrite of every group.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataDirectoryHardeningTest extends FakeServerTestBase {
  static final Instant NOW = T0.plusSeconds(3600);

  private static FakeCodeGuruProfiler fakeOn(Path dir) {
    return FakeCodeGuruProfiler.builder()
        .clock(SettableClock.at(NOW))
        .dataDirectory(dir)
        .adminApi(true)
        .start();
  }

  private static void postTo(CodeGuruProfilerClient c, String group, String token, int minute) {
    c.postAgentProfile(
        b ->
            b.profilingGroupName(group)
                .contentType("application/json")
                .profileToken(token)
                .agentProfile(SdkBytes.fromByteArray(json(profileAt(minute, 5, "main")))));
  }

  private static List<Path> postFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir.resolve("posts"))) {
      return files.filter(p -> p.toString().endsWith(".post")).sorted().toList();
    }
  }

  @Test
  void links_out_of_the_data_directory_are_never_followed(@TempDir Path dir, @TempDir Path outside)
      throws Exception {
    Path tmp = Files.writeString(outside.resolve("00000000000000000001.post.1.tmp"), "keep me");
    Path post = Files.writeString(outside.resolve("00000000000000000002.post"), "keep me too");
    try (FakeCodeGuruProfiler f = fakeOn(dir);
        CodeGuruProfilerClient c = sdkClient(f)) {
      c.createProfilingGroup(b -> b.profilingGroupName("g").clientToken("t"));
      postTo(c, "g", "a", 1);
    }
    Files.createSymbolicLink(dir.resolve("posts/linked"), outside);
    Files.createSymbolicLink(dir.resolve("posts/g/00000000000000000009.post"), post);

    try (FakeCodeGuruProfiler f = fakeOn(dir);
        CodeGuruProfilerClient c = sdkClient(f)) {
      assertThat(dataDirectoryProblems(f))
          .anyMatch(p -> p.contains("posts/linked") && p.contains("symbolic link"))
          .anyMatch(p -> p.contains("00000000000000000009.post") && p.contains("not a post file"));
      assertThat(f.storedProfiles("g")).hasSize(1);

      c.createProfilingGroup(b -> b.profilingGroupName("linked").clientToken("t2"));
      InternalServerException refused =
          catchThrowableOfType(InternalServerException.class, () -> postTo(c, "linked", "b", 2));
      assertThat(refused.awsErrorDetails().errorMessage()).contains("symbolic link");

      f.reset();
    }
    assertThat(tmp).hasContent("keep me");
    assertThat(post).hasContent("keep me too");
    try (Stream<Path> left = Files.list(outside)) {
      assertThat(left).hasSize(2);
    }
  }

  @Test
  void a_byte_identical_copy_of_a_post_file_is_restored_once(@TempDir Path dir) throws Exception {
    try (FakeCodeGuruProfiler f = fakeOn(dir);
        CodeGuruProfilerClient c = sdkClient(f)) {
      c.createProfilingGroup(b -> b.profilingGroupName("g").clientToken("t"));
      postTo(c, "g", "only-once", 1);
    }
    Path original = postFiles(dir).get(0);
    Files.copy(original, original.resolveSibling("00000000000000000099.post"));

    try (FakeCodeGuruProfiler f = fakeOn(dir)) {
      assertThat(f.storedProfiles("g")).hasSize(1);
      assertThat(f.aggregatedProfile("g", T0, NOW).orElseThrow().totalCount("WALL_TIME"))
          .isEqualTo(5);
      assertThat(dataDirectoryProblems(f))
          .singleElement()
          .asString()
          .contains("00000000000000000099.post")
          .contains("repeats the profile token 'only-once'");
    }
  }

  @Test
  void groups_whose_record_is_lost_are_rebuilt_from_their_posts(@TempDir Path dir)
      throws Exception {
    try (FakeCodeGuruProfiler f = fakeOn(dir);
        CodeGuruProfilerClient c = sdkClient(f)) {
      c.createProfilingGroup(
          b -> b.profilingGroupName("kept").clientToken("t").tags(Map.of("team", "perf")));
      c.createProfilingGroup(b -> b.profilingGroupName("empty").clientToken("t2"));
      postTo(c, "kept", "a", 1);
      postTo(c, "kept", "b", 7);
    }
    Files.writeString(dir.resolve("groups.log"), "\u0000garbage that is not a log\n");

    try (FakeCodeGuruProfiler f = fakeOn(dir);
        CodeGuruProfilerClient c = sdkClient(f)) {
      assertThat(f.profilingGroupNames()).containsExactly("kept");
      assertThat(c.describeProfilingGroup(b -> b.profilingGroupName("kept")).profilingGroup())
          .satisfies(g -> assertThat(g.tags()).isEmpty());
      assertThat(f.aggregatedProfile("kept", T0, NOW).orElseThrow().totalCount("WALL_TIME"))
          .isEqualTo(10);
      assertThat(dataDirectoryProblems(f))
          .anyMatch(p -> p.contains("'kept' had no record") && p.contains("rebuilt"));
    }
    try (FakeCodeGuruProfiler f = fakeOn(dir)) {
      assertThat(dataDirectoryProblems(f)).as("the rebuilt group was written back").isEmpty();
      assertThat(f.profilingGroupNames()).containsExactly("kept");
    }
  }

  @Test
  void a_deleted_groups_leftover_post_is_not_restored(@TempDir Path dir) throws Exception {
    try (FakeCodeGuruProfiler f = fakeOn(dir);
        CodeGuruProfilerClient c = sdkClient(f)) {
      c.createProfilingGroup(b -> b.profilingGroupName("gone").clientToken("t"));
      postTo(c, "gone", "a", 1);
      byte[] file = Files.readAllBytes(postFiles(dir).get(0));
      c.deleteProfilingGroup(b -> b.profilingGroupName("gone"));
      // A post file whose deletion failed (or that someone put back).
      Files.createDirectories(dir.resolve("posts/gone"));
      Files.write(dir.resolve("posts/gone/00000000000000000050.post"), file);
    }

    try (FakeCodeGuruProfiler f = fakeOn(dir)) {
      assertThat(f.profilingGroupNames()).isEmpty();
      assertThat(dataDirectoryProblems(f))
          .singleElement()
          .asString()
          .contains("its profiling group 'gone' was deleted");
    }
  }

  @Test
  void each_group_change_appends_one_line(@TempDir Path dir) throws Exception {
    int groups = 300;
    try (FakeCodeGuruProfiler f = fakeOn(dir);
        CodeGuruProfilerClient c = sdkClient(f)) {
      long before = Files.size(dir.resolve("groups.log"));
      for (int i = 0; i < groups; i++) {
        String name = "group-" + i;
        c.createProfilingGroup(b -> b.profilingGroupName(name).clientToken(name));
      }
      c.tagResource(b -> b.resourceArn(f.profilingGroupArn("group-7")).tags(Map.of("k", "v")));
      c.deleteProfilingGroup(b -> b.profilingGroupName("group-8"));

      List<String> lines = Files.readAllLines(dir.resolve("groups.log"), StandardCharsets.UTF_8);
      assertThat(before).isZero();
      assertThat(lines).hasSize(groups + 2);
      assertThat(lines.get(groups)).contains("\"name\":\"group-7\"").contains("\"k\":\"v\"");
      assertThat(lines.get(groups + 1)).isEqualTo("{\"delete\":\"group-8\"}");
    }
    try (FakeCodeGuruProfiler f = fakeOn(dir)) {
      assertThat(f.profilingGroupNames()).hasSize(groups - 1).doesNotContain("group-8");
      assertThat(Files.readAllLines(dir.resolve("groups.log"))).hasSize(groups - 1);
      assertThat(dataDirectoryProblems(f)).isEmpty();
    }
  }
}

package dev.fakeguru.internal.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.EngineSettings;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.server.TestClients;
import dev.fakeguru.time.SettableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

class DataDirectoryTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  static final Instant FROM = T0.minusSeconds(3600);
  static final Instant TO = T0.plusSeconds(24 * 3600);

  @TempDir Path dir;

  static Engine newService() {
    return new Engine(
        new EngineSettings(
            "us-east-1",
            "123456789012",
            SettableClock.at(T0.plusSeconds(3600)),
            false,
            AgentConfiguration.defaults(),
            EmptyRangePolicy.NOT_FOUND,
            CodecLimits.defaults(),
            1000,
            1000,
            1000,
            256L << 20,
            Long.MAX_VALUE,
            java.util.Set.of()));
  }

  static Profile profileAt(int minutes, long count, String... frames) {
    Instant start = T0.plusSeconds(60L * minutes);
    return Profile.builder(start, start.plusSeconds(60)).stack(count, frames).build();
  }

  static byte[] json(Profile p) {
    return ProfileCodec.defaults().encode(p, ProfileFormat.JSON);
  }

  /** Opens the directory on a fresh service, creates groups, stores posts. */
  private DataDirectory seed(Engine service, String group, Profile... profiles) {
    DataDirectory d = DataDirectory.open(dir, service);
    service.persistTo(d);
    service.groups().createIfAbsent(group, true); // the engine records it in the groups log
    int i = 0;
    for (Profile p : profiles) {
      byte[] body = json(p);
      d.profileStored(group, "token-" + i++, "application/json", null, body, T0);
      service.restoreProfile(
          group, null, "application/json", null, body, T0); // as the service would store it
    }
    return d;
  }

  private List<Path> postFiles() throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("posts"))) {
      return s.filter(p -> p.toString().endsWith(".post")).sorted().toList();
    }
  }

  @Test
  void restart_keeps_groups_and_posts_and_their_order() {
    Engine first = newService();
    seed(
        first,
        "my-app",
        profileAt(0, 10, "main", "a"),
        profileAt(1, 5, "main", "b"),
        profileAt(7, 3, "main", "a"));

    Engine second = newService();
    DataDirectory reopened = DataDirectory.open(dir, second);

    assertThat(reopened.problems()).isEmpty();
    assertThat(second.groups().names()).containsExactly("my-app");
    assertThat(second.aggregatedProfile("my-app", FROM, TO))
        .isEqualTo(first.aggregatedProfile("my-app", FROM, TO))
        .isPresent();
    assertThat(GroupsFile.exportGroup(second, second.groups().require("my-app")))
        .isEqualTo(GroupsFile.exportGroup(first, first.groups().require("my-app")));
  }

  @Test
  void stored_post_file_holds_a_header_line_and_the_exact_bytes() throws IOException {
    Engine service = newService();
    seed(service, "my-app", profileAt(0, 10, "main"));
    List<Path> files = postFiles();
    assertThat(files).hasSize(1);
    assertThat(files.get(0).getParent().getFileName()).hasToString("my-app");
    assertThat(files.get(0).getFileName().toString()).matches("\\d{20}\\.post");
    byte[] all = Files.readAllBytes(files.get(0));
    String text = new String(all, StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("{\"format\":\"fakeguru-post/1\",\"group\":\"my-app\",\"token\":\"token-0\"");
    byte[] body = Arrays.copyOfRange(all, text.indexOf('\n') + 1, all.length);
    assertThat(body).isEqualTo(json(profileAt(0, 10, "main")));
  }

  @Test
  void corrupt_and_truncated_files_are_reported_and_skipped_while_the_rest_loads()
      throws IOException {
    Engine first = newService();
    seed(
        first,
        "my-app",
        profileAt(0, 10, "main", "a"),
        profileAt(1, 5, "main", "b"),
        profileAt(2, 1, "main", "c"));
    List<Path> files = postFiles();
    // 1: truncated in the body
    byte[] a = Files.readAllBytes(files.get(0));
    Files.write(files.get(0), Arrays.copyOf(a, a.length - 5));
    // 2: a bit flipped in the body
    byte[] b = Files.readAllBytes(files.get(1));
    b[b.length - 3] ^= 0x20;
    Files.write(files.get(1), b);
    Path groupDir = files.get(0).getParent();
    // bad header, header only, and an empty file
    Files.writeString(groupDir.resolve("00000000000000000100.post"), "not json\nbody");
    Files.writeString(
        groupDir.resolve("00000000000000000101.post"), "{\"format\":\"fakeguru-post/1\"");
    Files.write(groupDir.resolve("00000000000000000102.post"), new byte[0]);
    // a well-formed file whose body does not decode
    Files.write(
        groupDir.resolve("00000000000000000103.post"),
        postFile("my-app", "garbage{".getBytes(StandardCharsets.UTF_8)));
    // a well-formed file of a group that has no record: the group is rebuilt from it
    Files.createDirectories(dir.resolve("posts/ghost"));
    Files.write(
        dir.resolve("posts/ghost/00000000000000000104.post"),
        postFile("ghost", json(profileAt(0, 1, "x"))));

    Engine second = newService();
    DataDirectory reopened = DataDirectory.open(dir, second);

    assertThat(reopened.problems()).hasSize(7);
    assertThat(String.join("\n", reopened.problems()))
        .contains(
            "truncated",
            "checksum",
            "bad header",
            "cannot be restored",
            "'ghost' had no record in the groups log (lost or corrupt) and was rebuilt");
    assertThat(second.aggregatedProfile("ghost", FROM, TO)).isPresent();
    assertThat(second.aggregatedProfile("my-app", FROM, TO).orElseThrow().callTree())
        .isEqualTo(profileAt(2, 1, "main", "c").callTree());
    // The skipped files stay for inspection; new posts do not reuse their numbers.
    assertThat(Files.exists(groupDir.resolve("00000000000000000103.post"))).isTrue();
    second.persistTo(reopened);
    reopened.profileStored(
        "my-app", null, "application/json", null, json(profileAt(3, 1, "d")), T0);
    assertThat(postFiles()).last().asString().endsWith("00000000000000000105.post");
  }

  @Test
  void a_corrupt_groups_log_is_reported_and_groups_are_rebuilt_from_their_posts()
      throws IOException {
    seed(newService(), "my-app", profileAt(0, 10, "main"));
    Files.writeString(dir.resolve("groups.log"), "{\"put\": {\"name\": \"my-app\", \"crea\n");

    Engine second = newService();
    DataDirectory reopened = DataDirectory.open(dir, second);

    assertThat(reopened.problems())
        .anyMatch(p -> p.contains("line 1 of") && p.contains("groups.log"))
        .anyMatch(p -> p.contains("'my-app' had no record"));
    assertThat(second.groups().names()).containsExactly("my-app");
    assertThat(second.aggregatedProfile("my-app", FROM, TO)).isPresent();
    assertThat(Files.readString(dir.resolve("groups.log"))).contains("\"name\":\"my-app\"");
  }

  @Test
  void an_earlier_versions_groups_json_is_read_once_then_replaced_by_the_log() throws IOException {
    Files.writeString(
        dir.resolve("groups.json"),
        "[{\"name\":\"old\",\"createdAt\":\"2024-01-01T00:00:00Z\","
            + "\"updatedAt\":\"2024-01-01T00:00:00Z\",\"tags\":{\"team\":\"perf\"}}]");

    Engine second = newService();
    DataDirectory reopened = DataDirectory.open(dir, second);

    assertThat(reopened.problems()).isEmpty();
    assertThat(second.groups().find("old").orElseThrow().tags()).containsEntry("team", "perf");
    assertThat(dir.resolve("groups.json")).doesNotExist();
    assertThat(Files.readString(dir.resolve("groups.log"))).contains("\"team\":\"perf\"");
  }

  @Test
  void a_corrupt_groups_json_of_an_earlier_version_is_set_aside() throws IOException {
    Files.writeString(dir.resolve("groups.json"), "[{\"name\": \"my-app\", \"created");
    Engine second = newService();
    DataDirectory reopened = DataDirectory.open(dir, second);
    assertThat(reopened.problems())
        .anyMatch(p -> p.contains("groups.json") && p.contains("groups.json.corrupt"));
    assertThat(second.groups().names()).isEmpty();
    assertThat(dir.resolve("groups.json.corrupt")).hasContent("[{\"name\": \"my-app\", \"created");
  }

  @Test
  void temp_leftovers_are_ignored_and_cleaned() throws IOException {
    seed(newService(), "my-app", profileAt(0, 10, "main"));
    Path leftover = dir.resolve("posts/my-app/00000000000000000009.post.1234.tmp");
    Files.writeString(leftover, "{\"format\":\"fakeguru-post/1\",\"gro");
    Path groupsLeftover = dir.resolve("groups.json.99.tmp");
    Files.writeString(groupsLeftover, "[");

    Engine second = newService();
    DataDirectory reopened = DataDirectory.open(dir, second);
    assertThat(reopened.problems()).isEmpty();
    assertThat(Files.exists(leftover)).isFalse();
    assertThat(Files.exists(groupsLeftover)).isFalse();
    assertThat(second.aggregatedProfile("my-app", FROM, TO)).isPresent();
  }

  @Test
  void deleting_a_group_deletes_its_posts_and_clearing_forgets_everything() throws IOException {
    Engine service = newService();
    DataDirectory d = seed(service, "my-app", profileAt(0, 10, "main"));
    service.groups().createIfAbsent("other", true);
    d.profileStored("other", null, "application/json", null, json(profileAt(0, 1, "x")), T0);

    service.deleteGroup("my-app");
    assertThat(postFiles())
        .hasSize(1)
        .allMatch(p -> p.getParent().getFileName().toString().equals("other"));

    d.cleared();
    assertThat(postFiles()).isEmpty();
    assertThat(Files.exists(dir.resolve("groups.json"))).isFalse();
    Engine after = newService();
    DataDirectory.open(dir, after);
    assertThat(after.groups().names()).isEmpty();
  }

  @Test
  void names_that_could_escape_the_directory_are_refused() {
    DataDirectory d = DataDirectory.open(dir, newService());
    for (String bad : List.of("..", "../x", "a/b", "", "a\\b", "ä")) {
      assertThatThrownBy(
              () -> d.profileStored(bad, null, "application/json", null, new byte[] {1}, T0))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(dir.resolve("x")).doesNotExist();
    assertThat(dir.resolve("posts")).isEmptyDirectory();
  }

  private static byte[] postFile(String group, byte[] body) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(body);
    String header =
        "{\"format\":\"fakeguru-post/1\",\"group\":\""
            + group
            + "\",\"token\":null,\"contentType\":\"application/json\","
            + "\"contentEncoding\":null,\"receivedAt\":\""
            + T0
            + "\",\"length\":"
            + body.length
            + ",\"crc32\":"
            + crc.getValue()
            + "}\n";
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }

  // --- End to end: the fake, the real SDK, a restart ---------------------------------------------

  @Test
  void a_fake_restarted_on_the_same_directory_keeps_what_the_sdk_posted() {
    SettableClock clock = SettableClock.at(T0.plusSeconds(600));
    Profile a = profileAt(0, 10, "main", "a");
    Profile b = profileAt(1, 4, "main", "b");
    java.util.Optional<Profile> before;
    try (FakeCodeGuruProfiler fake =
            FakeCodeGuruProfiler.builder().clock(clock).dataDirectory(dir).start();
        CodeGuruProfilerClient client = sdk(fake)) {
      client.createProfilingGroup(r -> r.profilingGroupName("svc").clientToken("t1"));
      fake.createProfilingGroup("java-api-group");
      for (Profile p : List.of(a, b)) {
        client.postAgentProfile(
            r ->
                r.profilingGroupName("svc")
                    .contentType("application/json")
                    .agentProfile(SdkBytes.fromByteArray(json(p))));
      }
      before = fake.aggregatedProfile("svc", FROM, TO);
    }
    try (FakeCodeGuruProfiler again =
        FakeCodeGuruProfiler.builder().clock(clock).dataDirectory(dir).start()) {
      assertThat(again.profilingGroupNames()).containsExactly("java-api-group", "svc");
      assertThat(again.aggregatedProfile("svc", FROM, TO)).isEqualTo(before).isPresent();
      assertThat(again.profilePosts("svc")).hasSize(2).allMatch(RecordedProfilePost::stored);

      again.reset();
    }
    try (FakeCodeGuruProfiler afterReset =
        FakeCodeGuruProfiler.builder().clock(clock).dataDirectory(dir).start()) {
      assertThat(afterReset.profilingGroupNames()).isEmpty();
      assertThat(afterReset.profilePosts()).isEmpty();
    }
  }

  @Test
  void groups_declared_on_the_builder_are_kept_even_after_a_reset() {
    SettableClock clock = SettableClock.at(T0.plusSeconds(600));
    try (FakeCodeGuruProfiler fake =
            FakeCodeGuruProfiler.builder()
                .clock(clock)
                .profilingGroup("declared")
                .dataDirectory(dir)
                .start();
        CodeGuruProfilerClient client = sdk(fake)) {
      fake.reset();
      client.postAgentProfile(
          r ->
              r.profilingGroupName("declared")
                  .contentType("application/json")
                  .agentProfile(SdkBytes.fromByteArray(json(profileAt(0, 3, "main")))));
    }
    try (FakeCodeGuruProfiler undeclared =
        FakeCodeGuruProfiler.builder().clock(clock).dataDirectory(dir).start()) {
      assertThat(undeclared.profilingGroupNames()).containsExactly("declared");
      assertThat(undeclared.profilePosts("declared")).hasSize(1);
    }
  }

  @Test
  void concurrent_posts_are_all_kept() throws Exception {
    SettableClock clock = SettableClock.at(T0.plusSeconds(600));
    int threads = 8;
    int perThread = 10;
    java.util.Map<String, Long> expected;
    try (FakeCodeGuruProfiler fake =
            FakeCodeGuruProfiler.builder()
                .clock(clock)
                .profilingGroup("svc")
                .dataDirectory(dir)
                .start();
        CodeGuruProfilerClient client = sdk(fake)) {
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(threads);
      try {
        List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          futures.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      Profile p = profileAt(i % 5, 1 + thread, "main", "t" + thread);
                      client.postAgentProfile(
                          r ->
                              r.profilingGroupName("svc")
                                  .contentType("application/json")
                                  .agentProfile(SdkBytes.fromByteArray(json(p))));
                    }
                  }));
        }
        for (java.util.concurrent.Future<?> f : futures) {
          f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      expected = fake.aggregatedProfile("svc", FROM, TO).orElseThrow().totalCounts();
    }
    try (FakeCodeGuruProfiler again =
        FakeCodeGuruProfiler.builder().clock(clock).dataDirectory(dir).start()) {
      assertThat(again.profilePosts("svc")).hasSize(threads * perThread);
      assertThat(again.aggregatedProfile("svc", FROM, TO).orElseThrow().totalCounts())
          .isEqualTo(expected);
    }
    assertThat(postFiles()).hasSize(threads * perThread);
  }

  static CodeGuruProfilerClient sdk(FakeCodeGuruProfiler f) {
    return TestClients.sdk(f);
  }
}

package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.time.SettableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups and posts in every encoding survive a restart on the same data directory. */
class DataDirectoryRestartTest extends FakeServerTestBase {

  private static int post(FakeCodeGuruProfiler target, String token, byte[] body, String encoding)
      throws Exception {
    var b =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    target.endpoint() + "/profilingGroups/kept/agentProfile?profileToken=" + token))
            .timeout(TestClients.REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    return http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void json_and_gzip_posts_and_groups_survive_a_restart(@TempDir Path dir) throws Exception {
    byte[] plain = json(profileAt(1, 3, "main", "a"));
    byte[] gz = AgentOperationsTest.gzip(json(profileAt(2, 4, "main", "b")));
    try (FakeCodeGuruProfiler first =
            FakeCodeGuruProfiler.builder()
                .clock(SettableClock.at(T0.plusSeconds(3600)))
                .dataDirectory(dir)
                .start();
        var c = sdkClient(first)) {
      c.createProfilingGroup(
          b -> b.profilingGroupName("kept").tags(java.util.Map.of("team", "perf")));
      assertThat(post(first, "p1", plain, null)).isEqualTo(204);
      assertThat(post(first, "p2", gz, "gzip")).isEqualTo(204);
    }

    try (FakeCodeGuruProfiler second =
            FakeCodeGuruProfiler.builder()
                .clock(SettableClock.at(T0.plusSeconds(3600)))
                .dataDirectory(dir)
                .start();
        var c = sdkClient(second)) {
      assertThat(
              c.describeProfilingGroup(b -> b.profilingGroupName("kept")).profilingGroup().tags())
          .containsEntry("team", "perf");
      assertThat(
              second
                  .aggregatedProfile("kept", T0, T0.plusSeconds(3600))
                  .orElseThrow()
                  .totalCount("WALL_TIME"))
          .isEqualTo(7);
      assertThat(second.profilePosts("kept")).hasSize(2);
      assertThat(second.profilePosts("kept").get(1).body()).isEqualTo(gz);
      assertThat(second.profilePosts("kept").get(1).contentEncoding()).hasValue("gzip");
      // A retry of a token stored before the restart is still recognised.
      c.postAgentProfile(
          b ->
              b.profilingGroupName("kept")
                  .contentType("application/json")
                  .profileToken("p1")
                  .agentProfile(software.amazon.awssdk.core.SdkBytes.fromByteArray(plain)));
      assertThat(
              second
                  .aggregatedProfile("kept", T0, T0.plusSeconds(3600))
                  .orElseThrow()
                  .totalCount("WALL_TIME"))
          .isEqualTo(7);
    }
  }
}

package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.time.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * A post whose frame names were crafted to share one {@link String#hashCode()} (a few hundred KB
 * gzipped can carry tens of thousands) is stored and answered like any other: the fake's tables
 * stop trusting hash codes that collide, instead of walking every colliding name on each lookup.
 * Through the real SDK v2 client, in every place names are looked up: the post, a read that makes
 * an hour from it, and the hour's own tree once it takes over.
 */
@Timeout(120)
class CollidingFrameNamesTest {
  private static final String GROUP = "colliding";
  private static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  private static final int BITS = 15;

  /** A profile of 2^15 frames under "main", all names sharing a hash code, frame i counting i+1. */
  private static byte[] gzippedBody() throws IOException {
    StringBuilder json = new StringBuilder();
    json.append("{\"start\":")
        .append(T0.toEpochMilli())
        .append(",\"end\":")
        .append(T0.plusSeconds(60).toEpochMilli())
        .append(",\"callgraph\":{\"children\":{\"main\":{\"children\":{");
    for (int i = 0; i < 1 << BITS; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(name(i)).append("\":{\"counts\":{\"CPU\":");
      json.append(i + 1).append("}}");
    }
    json.append("}}}}}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String name(int i) {
    StringBuilder n = new StringBuilder();
    for (int b = 0; b < BITS; b++) {
      n.append((i >> b & 1) == 0 ? "Aa" : "BB");
    }
    return n.toString();
  }

  private static Profile hour(CodeGuruProfilerClient c) {
    byte[] bytes =
        c.getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(T0)
                        .endTime(T0.plus(Duration.ofHours(1)))
                        .accept("application/json"))
            .profile()
            .asByteArray();
    return ProfileCodec.defaults().decode(bytes, ProfileFormat.JSON);
  }

  @Test
  void a_post_of_names_sharing_one_hash_code_is_stored_and_answered() throws Exception {
    assertThat(name(0).hashCode()).isEqualTo(name((1 << BITS) - 1).hashCode());
    SettableClock clock = SettableClock.at(T0.plus(Duration.ofHours(2)));
    try (FakeCodeGuruProfiler f =
            FakeCodeGuruProfiler.builder().clock(clock).profilingGroup(GROUP).start();
        CodeGuruProfilerClient c = TestClients.sdk(f)) {
      byte[] body = gzippedBody();
      c.postAgentProfile(
          b ->
              b.profilingGroupName(GROUP)
                  .contentType("application/json")
                  .agentProfile(SdkBytes.fromByteArray(body))
                  .overrideConfiguration(o -> o.putHeader("Content-Encoding", "gzip")));

      Profile read = hour(c);
      long n = 1L << BITS;
      assertThat(read.totalCount("CPU")).isEqualTo(n * (n + 1) / 2);
      assertThat(read.nodeAt("main").orElseThrow().childCount()).isEqualTo(1 << BITS);
      assertThat(read.nodeAt("main", name(12_345)).orElseThrow().selfCount("CPU"))
          .isEqualTo(12_346);

      // 16 days on the hour takes the post over into the group's own tree and name table.
      Instant later = T0.plus(Duration.ofDays(16));
      clock.set(later);
      TestClients.post(
          c, GROUP, Profile.builder(later, later.plusSeconds(60)).stack(1, "x").build());
      assertThat(hour(c)).isEqualTo(read);
    }
  }
}

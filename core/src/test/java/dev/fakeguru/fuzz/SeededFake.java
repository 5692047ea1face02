package dev.fakeguru.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.server.RawHttp.Response;
import dev.fakeguru.time.SettableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A fake that each fuzz input meets in the same state: reset (which also puts its clock back), with
 * one profiling group holding two stored profiles, so that GetProfile and ListProfileTimes have
 * data and no input depends on the ones before it. Also the checks that the seeded state is intact.
 */
final class SeededFake implements AutoCloseable {
  static final String GROUP = "my-app";
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  static final Instant NOW = T0.plusSeconds(7200);

  /** The two seeded minutes, posted in this order. */
  static final List<Profile> SEEDS = List.of(seed(T0), seed(T0.plusSeconds(60)));

  /** The bucket starts ListProfileTimes may answer with: 5-minute and hourly (03:00), daily. */
  static final List<Instant> BUCKET_STARTS = List.of(T0, Instant.parse("2024-01-02T00:00:00Z"));

  final FakeCodeGuruProfiler fake;

  SeededFake(FakeCodeGuruProfiler.Builder builder) {
    fake = builder.clock(SettableClock.at(NOW)).profilingGroup(GROUP).start();
  }

  private static Profile seed(Instant start) {
    return Profile.builder()
        .start(start)
        .end(start.plusSeconds(60))
        .stack(3, "main", "work")
        .stack(1, "main", "idle")
        .build();
  }

  /** The samples of every seeded profile, per counter type. */
  static Map<String, Long> seededTotals() {
    return SEEDS.get(0).merge(SEEDS.get(1)).totalCounts();
  }

  int port() {
    return fake.port();
  }

  /** Resets the fake and posts the seeds over HTTP, as an agent would. */
  void resetAndSeed() {
    fake.reset();
    for (Profile p : SEEDS) {
      Response r =
          FuzzHttp.send(
              fake.port(),
              "POST",
              "/profilingGroups/" + GROUP + "/agentProfile",
              Map.of("Content-Type", "application/json"),
              ProfileCodec.defaults().encode(p, ProfileFormat.JSON));
      assertThat(r.status()).as("seed post %s", r).isEqualTo(204);
    }
  }

  /** The seeded group and its aggregate are as seeded: an input left them alone. */
  void assertSeedsIntact(String request) {
    assertThat(fake.profilingGroupNames()).as("groups after %s", request).contains(GROUP);
    assertThat(fake.storedProfiles(GROUP)).as("stored profiles after %s", request).hasSize(2);
    assertThat(fake.aggregatedProfile(GROUP, T0, NOW).orElseThrow().totalCounts())
        .as("aggregated samples after %s", request)
        .isEqualTo(seededTotals());
  }

  @Override
  public void close() {
    fake.close();
  }
}

package dev.fakeguru.assertj;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.profile.Profile;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * The base of tests that feed a real started fake through HTTP: a fake with profiling group {@code
 * g}, started before and closed after each test.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class StartedFake {
  /** webApp(): 6 nodes, 100 WALL_TIME samples, top-level frames idle 55 and main 45. */
  static final Profile WEB_APP = Fixtures.webApp();

  /**
   * 3 nodes, 7 WALL_TIME samples, one top-level frame; no time range (the golden messages show it).
   */
  static final Profile WORKER =
      Profile.builder(Instant.EPOCH, Instant.EPOCH).stack(7, "worker", "poll").build();

  FakeCodeGuruProfiler fake;

  @BeforeEach
  void startFake() {
    fake = FakeCodeGuruProfiler.builder().profilingGroup("g").start();
  }

  @AfterEach
  void closeFake() {
    fake.close();
  }

  /** Posts {@code profile} as JSON and checks the fake accepted it (204). */
  void post(String token, Profile profile) {
    int status = Http.postProfile(fake, "g", token, profile);
    if (status != 204) {
      throw new IllegalStateException("the fake answered " + status);
    }
  }

  /** Posts two bytes as text/plain, which the fake rejects with 400 ValidationException. */
  void postRejected(String token) {
    Http.post(
        fake,
        "g",
        token,
        "text/plain",
        null,
        "hi".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}

package dev.fakeguru.samples;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.profile.CounterTypes.RUNNABLE;
import static dev.fakeguru.profile.CounterTypes.WALL_TIME;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * JVM agents count every sample in {@code WALL_TIME} and also in the state its thread was in
 * ({@code RUNNABLE}, {@code BLOCKED}, {@code WAITING}…). The assertions measure {@code WALL_TIME}
 * unless the chain selects another counter type with {@code usingCounterType}, once, for everything
 * after it.
 */
@FakeCodeGuruProfilerTest(profilingGroups = "checkout")
class CounterTypesTest {

  static final Profile JVM =
      Profile.builder(Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z"))
          .stack(60, "main", "Server.handle", "Db.query") // WALL_TIME: where the time went
          .stack(40, "main", "Server.handle", "Json.render")
          .stack(RUNNABLE, 5, "main", "Server.handle", "Db.query") // RUNNABLE: where the CPU went
          .stack(RUNNABLE, 35, "main", "Server.handle", "Json.render")
          .build();

  @Test
  void theDatabaseTakesTheTimeAndRenderingTheCpu(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    byte[] json = ProfileCodec.defaults().encode(JVM, ProfileFormat.JSON);
    ProfileUploader.builder(client, "checkout", () -> json).build().runOnce();

    // tag::counter-types[]
    assertThat(fake)
        .storedProfile("checkout", 0)
        .hasFrameShareAtLeast("Db.query", 60.0) // WALL_TIME, the default
        .usingCounterType(RUNNABLE) // from here on, RUNNABLE
        .hasTotalSamples(40)
        .hasHottestFrameBySelf("Json.render")
        .frame("Db.query")
        .hasShareOfTotalAtMost(12.5) // the selection travels with navigation
        .returnToProfile()
        .usingCounterType(WALL_TIME) // until another one is selected
        .hasTotalSamples(100);
    // end::counter-types[]
  }
}

package dev.fakeguru.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.AggregationPeriod;

/**
 * Retention. Like the service, the fake keeps 5-minute buckets for 15 days and hourly ones for 60:
 * advance the clock 16 days and only the coarser data is left. The clock is the fake's own, started
 * at a fixed instant by the annotation.
 */
@FakeCodeGuruProfilerTest(profilingGroups = "checkout", clockStart = "2024-01-02T03:05:00Z")
class RetentionTest {
  static final Instant START = Instant.parse("2024-01-02T03:00:00Z");
  static final Instant END = Instant.parse("2024-01-02T03:05:00Z");

  @Test
  void fiveMinuteBucketsExpireAfterFifteenDaysHourlyOnesStay(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    byte[] json =
        ProfileCodec.defaults()
            .encode(
                Profile.builder(START, END).stack(42, "main", "work").build(), ProfileFormat.JSON);
    ProfileUploader.builder(client, "checkout", () -> json).build().runOnce();

    // tag::time-retention[]
    SettableClock clock = (SettableClock) fake.clock(); // the fake's clock, at clockStart
    clock.advance(Duration.ofDays(16));

    assertThat(
            client
                .listProfileTimes(
                    r ->
                        r.profilingGroupName("checkout")
                            .period(AggregationPeriod.PT5_M)
                            .startTime(START)
                            .endTime(START.plus(Duration.ofHours(1))))
                .profileTimes())
        .isEmpty(); // 5-minute buckets: kept 15 days
    assertThat(
            client
                .listProfileTimes(
                    r ->
                        r.profilingGroupName("checkout")
                            .period(AggregationPeriod.PT1_H)
                            .startTime(START)
                            .endTime(START.plus(Duration.ofHours(1))))
                .profileTimes())
        .hasSize(1); // hourly buckets: kept 60 days
    // end::time-retention[]

    // GetProfile falls back to the hour: the samples are still there.
    assertThat(fake.aggregatedProfile("checkout", START, END).orElseThrow().totalCount("WALL_TIME"))
        .isEqualTo(42);
  }
}

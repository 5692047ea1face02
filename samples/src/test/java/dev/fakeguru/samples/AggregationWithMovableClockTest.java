package dev.fakeguru.samples;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.AggregationPeriod;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.ListProfileTimesResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.OrderBy;
import software.amazon.awssdk.services.codeguruprofiler.model.ProfileTime;

/**
 * Time and aggregation. The fake files every posted profile under the UTC-aligned 5-minute, 1-hour
 * and 1-day buckets containing its start, and GetProfile sums the buckets of the requested range. A
 * {@link SettableClock} plays the agent's wall clock: advancing it takes no time.
 */
class AggregationWithMovableClockTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  static final SettableClock CLOCK =
      SettableClock.at(T0); // reset() puts it back to T0 before each test

  @RegisterExtension
  static FakeCodeGuruProfilerExtension fake =
      FakeCodeGuruProfilerExtension.builder()
          .configureFake(f -> f.profilingGroup("checkout").clock(CLOCK))
          .build();

  /**
   * Five minutes of an agent: a profile of [now, now + 5 min), posted when the clock reaches its
   * end.
   */
  static void profileFiveMinutes(
      CodeGuruProfilerClient client, long queryDbSamples, long otherSamples) {
    Instant start = CLOCK.instant();
    Instant end = CLOCK.advance(Duration.ofMinutes(5));
    Profile profile =
        Profile.builder(start, end)
            .stack(queryDbSamples, "main", "handle", "queryDb")
            .stack(otherSamples, "main", "handle")
            .build();
    byte[] json = ProfileCodec.defaults().encode(profile, ProfileFormat.JSON);
    ProfileUploader.builder(client, "checkout", () -> json).build().runOnce();
  }

  @Test
  void threeFiveMinuteBucketsAddUp(CodeGuruProfilerClient client) {
    // tag::time-aggregation[]
    // Three agent cycles, 03:00-03:15, each posted when the movable clock reaches its end.
    profileFiveMinutes(client, 10, 90);
    profileFiveMinutes(client, 20, 80);
    profileFiveMinutes(client, 30, 70);

    // ListProfileTimes sees three 5-minute buckets ...
    ListProfileTimesResponse times =
        client.listProfileTimes(
            r ->
                r.profilingGroupName("checkout")
                    .period(AggregationPeriod.PT5_M)
                    .orderBy(OrderBy.TIMESTAMP_ASCENDING)
                    .startTime(T0)
                    .endTime(T0.plus(Duration.ofMinutes(15))));
    assertThat(times.profileTimes())
        .extracting(ProfileTime::start)
        .containsExactly(T0, T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(10)));

    // ... and GetProfile over the range sums them: 300 samples, 60 of them in queryDb.
    GetProfileResponse response =
        client.getProfile(
            r ->
                r.profilingGroupName("checkout")
                    .startTime(T0)
                    .endTime(T0.plus(Duration.ofMinutes(15)))
                    .accept("application/json"));
    Profile aggregated =
        ProfileCodec.defaults()
            .decode(response.profile().asByteArray(), response.contentType(), null);
    assertThat(aggregated)
        .hasTotalSamples(300)
        .hasFrameShareAtLeast("queryDb", 20.0)
        .path("main", "handle", "queryDb")
        .hasSelfSamples(60);
    // end::time-aggregation[]
  }

  @Test
  void onlyAPeriodMeansTheLatestBucketOfThatPeriod(CodeGuruProfilerClient client) {
    profileFiveMinutes(client, 10, 90);
    profileFiveMinutes(client, 20, 80);

    // period=PT5M alone: the newest 5-minute bucket (03:05-03:10) only.
    GetProfileResponse latest =
        client.getProfile(
            r -> r.profilingGroupName("checkout").period("PT5M").accept("application/json"));
    assertThat(
            ProfileCodec.defaults()
                .decode(latest.profile().asByteArray(), latest.contentType(), null))
        .hasTotalSamples(100)
        .startsAt(T0.plus(Duration.ofMinutes(5)));

    // period=PT1H alone: the hour bucket holding both.
    GetProfileResponse hour =
        client.getProfile(
            r -> r.profilingGroupName("checkout").period("PT1H").accept("application/json"));
    assertThat(
            ProfileCodec.defaults().decode(hour.profile().asByteArray(), hour.contentType(), null))
        .hasTotalSamples(200);

    // The same aggregation is available without HTTP, for quick checks.
    assertThat(fake.aggregatedProfile("checkout", T0, T0.plus(Duration.ofHours(1))).orElseThrow())
        .frame("queryDb")
        .hasShareOfTotalAtLeast(15.0);
  }
}

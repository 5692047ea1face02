package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * An hour or a day is made from its finer buckets while those are kept, and keeps its own tree once
 * they expire: GetProfile answers the same, byte for byte, before and after, whether or not the
 * range was read before, and later posts that only the coarser bucket can hold still count. Through
 * the real SDK v2 client.
 */
@Timeout(60)
class AgedAggregatesTest {
  private static final String GROUP = "aged";
  private static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  private static final Instant DAY = Instant.parse("2024-01-02T00:00:00Z");
  private static final Instant NEXT_DAY = DAY.plus(Duration.ofDays(1));

  /** Posts across two hours, some out of time order, each bucket with frames of its own. */
  private static final List<Profile> POSTS =
      List.of(
          at(0, 3, "main", "a"),
          at(50, 2, "main", "b", "deep"),
          at(7, 4, "side"),
          at(65, 5, "main", "c"),
          at(2, 1, "main", "b"),
          at(55, 6, "other"));

  private static Profile at(int minutesAfterT0, long count, String... frames) {
    Instant start = T0.plusSeconds(60L * minutesAfterT0);
    return Profile.builder(start, start.plusSeconds(60)).stack(count, frames).build();
  }

  private static String read(CodeGuruProfilerClient c, Instant from, Instant to) {
    return new String(
        c.getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(from)
                        .endTime(to)
                        .accept("application/json"))
            .profile()
            .asByteArray(),
        StandardCharsets.UTF_8);
  }

  private static String hour(CodeGuruProfilerClient c) {
    return read(c, T0, T0.plus(Duration.ofHours(1)));
  }

  private static String day(CodeGuruProfilerClient c) {
    return read(c, DAY, NEXT_DAY);
  }

  private static long total(String json) {
    return ProfileCodec.defaults()
        .decode(json.getBytes(StandardCharsets.UTF_8), ProfileFormat.JSON)
        .totalCount("WALL_TIME");
  }

  /**
   * A fake at {@code clock} holding {@link #POSTS}, posted while their 5-minute buckets are kept.
   */
  private static FakeCodeGuruProfiler filled(SettableClock clock) {
    FakeCodeGuruProfiler f =
        FakeCodeGuruProfiler.builder().clock(clock).profilingGroup(GROUP).start();
    try (CodeGuruProfilerClient c = TestClients.sdk(f)) {
      POSTS.forEach(p -> TestClients.post(c, GROUP, p));
    }
    return f;
  }

  @Test
  void answers_stay_the_same_when_hours_and_days_take_over_from_expiring_buckets() {
    SettableClock readClock = SettableClock.at(T0.plus(Duration.ofHours(3)));
    SettableClock unreadClock = SettableClock.at(T0.plus(Duration.ofHours(3)));
    try (FakeCodeGuruProfiler read = filled(readClock);
        FakeCodeGuruProfiler unread = filled(unreadClock);
        CodeGuruProfilerClient toRead = TestClients.sdk(read);
        CodeGuruProfilerClient toUnread = TestClients.sdk(unread)) {
      String hour = hour(toRead);
      String day = day(toRead);
      assertThat(total(hour)).isEqualTo(3 + 2 + 4 + 1 + 6);
      assertThat(total(day)).isEqualTo(21);

      // 15 days and 30 minutes on: the 5-minute buckets 03:00 to 03:25 expired, 03:30 on are kept;
      // a post (on another day) makes the group prune them, and hour 03:00 takes over first.
      Instant later = T0.plus(Duration.ofDays(15)).plus(Duration.ofMinutes(30));
      readClock.set(later);
      unreadClock.set(later);
      Profile elsewhere = Profile.builder(later, later.plusSeconds(60)).stack(1, "x").build();
      TestClients.post(toRead, GROUP, elsewhere);
      TestClients.post(toUnread, GROUP, elsewhere);
      assertThat(hour(toRead)).isEqualTo(hour);
      assertThat(hour(toUnread)).as("a fake that never read the hour").isEqualTo(hour);
      assertThat(day(toUnread)).isEqualTo(day);

      // A post into 03:00 to 03:25 now only has the hour to go to; one into 03:55 still has its
      // 5-minute bucket. Both count, in the hour and in the day.
      TestClients.post(toUnread, GROUP, at(3, 10, "main", "a"));
      TestClients.post(toUnread, GROUP, at(56, 20, "late"));
      assertThat(total(hour(toUnread))).isEqualTo(16 + 30);
      assertThat(total(day(toUnread))).isEqualTo(21 + 30);

      // 60 days on: the hours of that day expired; the day took over from them (in a fake that
      // never read it, straight from the 5-minute buckets its hours were made from).
      Instant muchLater = DAY.plus(Duration.ofDays(60)).plus(Duration.ofHours(5));
      SettableClock neverClock = SettableClock.at(T0.plus(Duration.ofHours(3)));
      try (FakeCodeGuruProfiler never = filled(neverClock);
          CodeGuruProfilerClient toNever = TestClients.sdk(never)) {
        neverClock.set(muchLater);
        TestClients.post(
            toNever,
            GROUP,
            Profile.builder(muchLater, muchLater.plusSeconds(60)).stack(1, "y").build());
        assertThat(
                toNever
                    .listProfileTimes(
                        b ->
                            b.profilingGroupName(GROUP)
                                .period("PT1H")
                                .startTime(DAY)
                                .endTime(NEXT_DAY))
                    .profileTimes())
            .isEmpty();
        assertThat(day(toNever)).isEqualTo(day);
        assertThat(hour(toNever)).as("the range now reads the whole day").isEqualTo(day);
      }
    }
  }
}

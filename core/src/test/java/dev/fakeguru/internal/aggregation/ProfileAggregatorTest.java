package dev.fakeguru.internal.aggregation;

import static dev.fakeguru.internal.aggregation.AggregationPeriod.P1D;
import static dev.fakeguru.internal.aggregation.AggregationPeriod.PT1H;
import static dev.fakeguru.internal.aggregation.AggregationPeriod.PT5M;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProfileAggregatorTest {
  private static final String G = "group";
  private static final String WALL = CounterTypes.WALL_TIME;

  private final MutableClock clock = MutableClock.at("2024-01-01T12:00:00Z");
  private final ProfileAggregator store = new ProfileAggregator(clock);

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  /** 00:15 means 2024-01-01T00:15:00Z; longer strings are parsed as ISO instants. */
  private static Instant at(String hhmm) {
    return hhmm.length() == 5 ? t("2024-01-01T" + hhmm + ":00Z") : t(hhmm);
  }

  /** A five-minute agent profile with {@code count} WALL_TIME samples on the given stack. */
  private static Profile profile(String start, long count, String... frames) {
    Instant s = at(start);
    return Profile.builder(s, s.plus(Duration.ofMinutes(5)))
        .agentMetadata(Map.of("durationInMs", 300_000L, "agentInfo", Map.of("type", "test")))
        .stack(count, frames)
        .build();
  }

  private long total(Optional<Profile> p) {
    return p.orElseThrow().totalCount(WALL);
  }

  // ---------------------------------------------------------------- profileTimes

  @Test
  void profile_times_per_period_are_aligned_ascending_and_deduplicated() {
    store.add(G, profile("01:10", 1, "main"));
    store.add(G, profile("00:17", 1, "main"));
    store.add(G, profile("00:03", 1, "main"));
    store.add(G, profile("00:04", 1, "main"));
    store.add(G, profile("2024-01-02T02:00:00Z", 1, "main"));
    clock.set(at("2024-01-02T03:00:00Z"));

    Instant from = at("00:00");
    Instant to = at("2024-01-03T00:00:00Z");
    assertThat(store.profileTimes(G, PT5M, from, to))
        .containsExactly(at("00:00"), at("00:15"), at("01:10"), at("2024-01-02T02:00:00Z"));
    assertThat(store.profileTimes(G, PT1H, from, to))
        .containsExactly(at("00:00"), at("01:00"), at("2024-01-02T02:00:00Z"));
    assertThat(store.profileTimes(G, P1D, from, to))
        .containsExactly(at("2024-01-01T00:00:00Z"), at("2024-01-02T00:00:00Z"));
  }

  @Test
  void profile_times_include_from_and_exclude_to() {
    store.add(G, profile("00:00", 1, "main"));
    store.add(G, profile("00:15", 1, "main"));
    store.add(G, profile("00:30", 1, "main"));

    assertThat(store.profileTimes(G, PT5M, at("00:00"), at("00:30")))
        .containsExactly(at("00:00"), at("00:15"));
    assertThat(store.profileTimes(G, PT5M, at("00:00"), at("2024-01-01T00:30:00.001Z")))
        .containsExactly(at("00:00"), at("00:15"), at("00:30"));
    // A bucket that starts before `from` is not listed even though it overlaps the range.
    assertThat(store.profileTimes(G, PT5M, at("00:16"), at("01:00"))).containsExactly(at("00:30"));
    assertThat(store.profileTimes(G, PT1H, at("00:01"), at("01:00"))).isEmpty();
    assertThat(store.profileTimes(G, PT5M, at("00:30"), at("00:30"))).isEmpty();
    assertThat(store.profileTimes(G, PT5M, at("00:30"), at("00:00"))).isEmpty();
    assertThat(store.profileTimes("unknown", PT5M, at("00:00"), at("01:00"))).isEmpty();
  }

  @Test
  void a_profile_belongs_only_to_the_bucket_containing_its_start() {
    Profile p = Profile.builder(at("00:04"), at("00:09")).stack(5, "main").build();
    store.add(G, p);

    assertThat(store.profileTimes(G, PT5M, at("00:00"), at("01:00"))).containsExactly(at("00:00"));
    assertThat(store.profileTimes(G, PT1H, at("00:00"), at("01:00"))).containsExactly(at("00:00"));
    assertThat(store.aggregate(G, at("00:05"), at("00:10"))).isEmpty();
    assertThat(total(store.aggregate(G, at("00:00"), at("00:05")))).isEqualTo(5);
  }

  // ---------------------------------------------------------------- aggregate

  @Test
  void aggregate_sums_exact_counts_across_five_minute_buckets() {
    store.add(G, profile("00:01", 3, "main", "a"));
    store.add(G, profile("00:06", 4, "main", "b"));
    store.add(G, profile("00:11", 5, "main", "a"));
    store.add(G, profile("00:31", 100, "main", "a"));

    Profile p = store.aggregate(G, at("00:00"), at("00:15")).orElseThrow();

    assertThat(p.start()).isEqualTo(at("00:00"));
    assertThat(p.end()).isEqualTo(at("00:15"));
    assertThat(p.totalCount(WALL)).isEqualTo(12);
    assertThat(p.nodeAt("main", "a").orElseThrow().selfCount(WALL)).isEqualTo(8);
    assertThat(p.nodeAt("main", "b").orElseThrow().selfCount(WALL)).isEqualTo(4);
    assertThat(p.agentMetadata().durationInMs()).hasValue(900_000L);
    assertThat(p.agentMetadata().agentType()).contains("test");
  }

  @Test
  void documented_example_returns_the_covered_subrange() {
    // Data exists for 00:15-00:25 (two profiles); the request is 00:00-00:20.
    store.add(G, profile("00:15", 7, "main"));
    store.add(G, profile("00:20", 11, "main"));

    Profile p = store.aggregate(G, at("00:00"), at("00:20")).orElseThrow();

    assertThat(p.start()).isEqualTo(at("00:15"));
    assertThat(p.end()).isEqualTo(at("00:20"));
    assertThat(p.totalCount(WALL)).isEqualTo(7);
  }

  @Test
  void edge_buckets_overlapping_the_range_count_in_full() {
    store.add(G, profile("00:05", 1, "main"));
    store.add(G, profile("00:10", 2, "main"));
    store.add(G, profile("00:15", 4, "main"));

    Profile p = store.aggregate(G, at("2024-01-01T00:07:30Z"), at("00:12")).orElseThrow();

    assertThat(p.totalCount(WALL)).isEqualTo(3);
    // The answer says what it holds: the whole 00:05 and 00:10 buckets, not the request.
    assertThat(p.start()).isEqualTo(at("00:05"));
    assertThat(p.end()).isEqualTo(at("00:15"));
  }

  @Test
  void aggregate_is_empty_without_overlapping_data() {
    store.add(G, profile("00:15", 7, "main"));

    assertThat(store.aggregate(G, at("00:20"), at("01:00"))).isEmpty();
    assertThat(store.aggregate(G, at("00:00"), at("00:15"))).isEmpty();
    assertThat(store.aggregate(G, at("00:20"), at("00:10"))).isEmpty();
    assertThat(store.aggregate("other", at("00:00"), at("01:00"))).isEmpty();
  }

  @Test
  void fully_covered_spans_use_coarse_buckets_and_never_overlap() {
    store.add(G, profile("2023-12-31T23:55:00Z", 1, "main"));
    store.add(G, profile("00:00", 1, "main"));
    clock.set(t("2024-01-05T00:00:00Z"));

    List<Map.Entry<AggregationPeriod, Instant>> plan =
        store.plan(G, t("2023-12-31T23:50:00Z"), t("2024-01-03T00:00:00Z"));
    assertThat(plan)
        .containsExactly(
            Map.entry(PT5M, t("2023-12-31T23:55:00Z")), Map.entry(P1D, t("2024-01-01T00:00:00Z")));
  }

  // ---------------------------------------------------------------- retention

  @Test
  void after_fifteen_days_ranges_are_answered_from_hourly_data() {
    store.add(G, profile("00:01", 3, "main"));
    store.add(G, profile("00:21", 4, "main"));
    store.add(G, profile("00:41", 5, "main"));
    store.add(G, profile("01:05", 7, "main"));
    assertThat(total(store.aggregate(G, at("00:00"), at("00:20")))).isEqualTo(3);

    clock.advance(Duration.ofDays(16));

    assertThat(store.profileTimes(G, PT5M, at("00:00"), at("02:00"))).isEmpty();
    assertThat(store.profileTimes(G, PT1H, at("00:00"), at("02:00")))
        .containsExactly(at("00:00"), at("01:00"));
    Profile p = store.aggregate(G, at("00:00"), at("00:20")).orElseThrow();
    assertThat(p.totalCount(WALL)).isEqualTo(12); // the whole hour, sticking out of the range
    assertThat(p.start()).isEqualTo(at("00:00"));
    assertThat(p.end()).isEqualTo(at("01:00")); // and it says so
    Profile q = store.aggregate(G, at("00:10"), at("01:10")).orElseThrow();
    assertThat(q.totalCount(WALL)).isEqualTo(19);
    assertThat(q.start()).isEqualTo(at("00:00"));
    assertThat(q.end()).isEqualTo(at("02:00"));
    assertThat(store.latest(G, PT5M)).isEmpty();
    assertThat(store.latestBucketStart(G, PT5M)).isEmpty();
    assertThat(store.latestBucketStart(G, PT1H)).contains(at("01:00"));
  }

  @Test
  void when_part_of_an_hours_five_minute_buckets_expired_the_hour_is_used_alone() {
    store.add(G, profile("00:01", 3, "main"));
    store.add(G, profile("00:21", 4, "main"));
    store.add(G, profile("00:41", 5, "main"));
    // 00:00-00:15 have expired, 00:20 onwards are still retained.
    clock.set(at("00:17").plus(Duration.ofDays(15)));

    assertThat(store.profileTimes(G, PT5M, at("00:00"), at("01:00")))
        .containsExactly(at("00:20"), at("00:40"));
    assertThat(total(store.aggregate(G, at("00:10"), at("00:50")))).isEqualTo(12);
    assertThat(store.plan(G, at("00:10"), at("00:50")))
        .containsExactly(Map.entry(PT1H, at("00:00")));
    // Where every 5-minute bucket needed is retained, they are used.
    assertThat(total(store.aggregate(G, at("00:20"), at("00:50")))).isEqualTo(9);
  }

  @Test
  void after_sixty_days_ranges_are_answered_from_daily_data() {
    store.add(G, profile("00:01", 3, "main"));
    store.add(G, profile("05:05", 7, "main"));
    store.add(G, profile("2024-01-02T00:01:00Z", 100, "main"));

    clock.advance(Duration.ofDays(61));

    assertThat(store.profileTimes(G, PT1H, at("00:00"), at("2024-01-03T00:00:00Z"))).isEmpty();
    assertThat(store.profileTimes(G, P1D, at("00:00"), at("2024-01-03T00:00:00Z")))
        .containsExactly(at("2024-01-01T00:00:00Z"), at("2024-01-02T00:00:00Z"));
    Profile p = store.aggregate(G, at("00:00"), at("00:20")).orElseThrow();
    assertThat(p.totalCount(WALL)).isEqualTo(10);
    assertThat(p.start()).isEqualTo(at("00:00"));
    assertThat(p.end()).isEqualTo(at("2024-01-02T00:00:00Z")); // the whole day it holds
  }

  @Test
  void everything_is_gone_after_three_years() {
    store.add(G, profile("00:01", 3, "main"));
    Instant dayStart = at("00:00");
    Instant from = at("00:00");
    Instant to = at("2024-01-02T00:00:00Z");

    clock.set(dayStart.plus(Duration.ofDays(3 * 365)).minusSeconds(1));
    assertThat(total(store.aggregate(G, from, to))).isEqualTo(3);
    assertThat(store.profileTimes(G, P1D, from, to)).containsExactly(dayStart);

    clock.set(dayStart.plus(Duration.ofDays(3 * 365)));
    assertThat(store.aggregate(G, from, to)).isEmpty();
    for (AggregationPeriod period : AggregationPeriod.values()) {
      assertThat(store.profileTimes(G, period, from, to)).isEmpty();
      assertThat(store.latest(G, period)).isEmpty();
      assertThat(store.latestBucketStart(G, period)).isEmpty();
    }
  }

  @Test
  void expired_buckets_are_pruned_on_add_and_not_revived_by_old_profiles() {
    store.add(G, profile("00:01", 3, "main"));
    clock.advance(Duration.ofDays(20));
    // Another add prunes; a profile already older than 15 days only reaches hour and day buckets.
    store.add(G, profile("00:02", 4, "main"));

    assertThat(store.profileTimes(G, PT5M, at("00:00"), at("01:00"))).isEmpty();
    assertThat(store.profileCount(G, PT1H, at("00:00"))).isEqualTo(2);
    assertThat(total(store.aggregate(G, at("00:00"), at("00:05")))).isEqualTo(7);
    // Moving the clock back does not bring pruned buckets back.
    clock.advance(Duration.ofDays(-20));
    assertThat(store.profileTimes(G, PT5M, at("00:00"), at("01:00"))).isEmpty();
  }

  @Test
  void profiles_from_the_future_are_accepted() {
    clock.set(at("00:00"));
    store.add(G, profile("2024-01-01T06:00:00Z", 2, "main"));

    assertThat(store.latestBucketStart(G, PT5M)).contains(at("06:00"));
    assertThat(total(store.aggregate(G, at("05:00"), at("07:00")))).isEqualTo(2);
  }

  // ---------------------------------------------------------------- latest

  @Test
  void latest_returns_the_newest_bucket_of_each_period() {
    store.add(G, profile("00:01", 3, "main"));
    store.add(G, profile("01:07", 4, "main"));
    store.add(G, profile("01:12", 5, "main"));
    store.add(G, profile("01:13", 6, "main"));

    Profile five = store.latest(G, PT5M).orElseThrow();
    assertThat(five.start()).isEqualTo(at("01:10"));
    assertThat(five.end()).isEqualTo(at("01:15"));
    assertThat(five.totalCount(WALL)).isEqualTo(11);
    assertThat(five.agentMetadata().durationInMs()).hasValue(600_000L);

    Profile hour = store.latest(G, PT1H).orElseThrow();
    assertThat(hour.start()).isEqualTo(at("01:00"));
    assertThat(hour.end()).isEqualTo(at("02:00"));
    assertThat(hour.totalCount(WALL)).isEqualTo(15);

    Profile day = store.latest(G, P1D).orElseThrow();
    assertThat(day.start()).isEqualTo(at("00:00"));
    assertThat(day.end()).isEqualTo(at("2024-01-02T00:00:00Z"));
    assertThat(day.totalCount(WALL)).isEqualTo(18);

    assertThat(store.latestBucketStart(G, PT5M)).contains(at("01:10"));
    assertThat(store.latestBucketStart(G, PT1H)).contains(at("01:00"));
    assertThat(store.latestBucketStart(G, P1D)).contains(at("00:00"));
    assertThat(store.latest("unknown", PT5M)).isEmpty();
    assertThat(store.latestBucketStart("unknown", PT5M)).isEmpty();
  }

  @Test
  void bucket_profiles_are_cached_until_the_next_add() {
    store.add(G, profile("00:01", 3, "main"));
    Profile first = store.latest(G, PT5M).orElseThrow();
    assertThat(store.latest(G, PT5M).orElseThrow()).isSameAs(first);

    store.add(G, profile("00:02", 4, "main"));
    Profile second = store.latest(G, PT5M).orElseThrow();
    assertThat(second).isNotSameAs(first);
    assertThat(second.totalCount(WALL)).isEqualTo(7);
    assertThat(first.totalCount(WALL)).isEqualTo(3);
    assertThat(store.profileCount(G, PT5M, at("00:00"))).isEqualTo(2);
  }

  // ---------------------------------------------------------------- groups

  @Test
  void groups_are_isolated_and_can_be_dropped() {
    store.add("a", profile("00:01", 3, "main"));
    store.add("b", profile("00:01", 40, "main"));

    assertThat(total(store.aggregate("a", at("00:00"), at("01:00")))).isEqualTo(3);
    assertThat(total(store.aggregate("b", at("00:00"), at("01:00")))).isEqualTo(40);

    store.dropGroup("a");
    assertThat(store.aggregate("a", at("00:00"), at("01:00"))).isEmpty();
    assertThat(store.profileTimes("a", PT5M, at("00:00"), at("01:00"))).isEmpty();
    assertThat(store.latest("a", PT5M)).isEmpty();
    assertThat(total(store.aggregate("b", at("00:00"), at("01:00")))).isEqualTo(40);

    store.add("a", profile("00:01", 5, "main"));
    assertThat(total(store.aggregate("a", at("00:00"), at("01:00")))).isEqualTo(5);
    store.dropGroup("never-existed");

    store.clear();
    assertThat(store.aggregate("a", at("00:00"), at("01:00"))).isEmpty();
    assertThat(store.aggregate("b", at("00:00"), at("01:00"))).isEmpty();
  }

  // ---------------------------------------------------------------- overflow

  @Test
  void overflow_is_rejected_and_leaves_every_bucket_unchanged() {
    store.add(G, profile("00:01", Long.MAX_VALUE - 5, "main", "a"));
    Profile before = store.aggregate(G, at("00:00"), at("2024-01-02T00:00:00Z")).orElseThrow();

    // Same 5-minute bucket.
    assertThatThrownBy(() -> store.add(G, profile("00:02", 10, "main", "a")))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("overflow")
        .hasMessageContaining(WALL);
    // A new 5-minute bucket that would fit, but its hour and day would overflow: nothing is
    // created.
    assertThatThrownBy(() -> store.add(G, profile("00:12", 10, "main", "b")))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("PT1H");

    assertThat(store.profileTimes(G, PT5M, at("00:00"), at("01:00"))).containsExactly(at("00:00"));
    assertThat(store.profileCount(G, PT5M, at("00:00"))).isEqualTo(1);
    assertThat(store.profileCount(G, PT1H, at("00:00"))).isEqualTo(1);
    assertThat(store.profileCount(G, P1D, at("00:00"))).isEqualTo(1);
    assertThat(store.aggregate(G, at("00:00"), at("2024-01-02T00:00:00Z"))).contains(before);
    for (AggregationPeriod period : AggregationPeriod.values()) {
      assertThat(store.latest(G, period).orElseThrow().callTree()).isEqualTo(before.callTree());
    }

    // Other counter types and smaller counts still go in.
    store.add(G, profile("00:02", 5, "main", "a"));
    assertThat(total(store.latest(G, PT5M))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aggregating_buckets_whose_sum_overflows_throws() {
    store.add(G, profile("00:01", Long.MAX_VALUE - 5, "main"));
    store.add(G, profile("2024-01-02T00:01:00Z", 10, "main"));
    clock.set(t("2024-01-03T00:00:00Z"));

    assertThatThrownBy(() -> store.aggregate(G, at("00:00"), t("2024-01-03T00:00:00Z")))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("overflow");
  }

  // ---------------------------------------------------------------- remembered reads

  @Test
  void a_repeated_read_is_remembered_until_an_add_or_an_expiry_changes_it() {
    clock.set(t("2024-01-01T12:00:00Z"));
    store.add(G, profile("10:00", 3, "main", "a"));
    store.add(G, profile("10:07", 4, "main", "b"));
    Instant from = at("10:05");
    Instant to = at("10:30");

    Profile first = store.aggregate(G, from, to).orElseThrow();
    assertThat(first.totalCount(WALL)).isEqualTo(4);
    assertThat(store.aggregate(G, from, to).orElseThrow()).isSameAs(first);

    store.add(G, profile("10:20", 5, "main", "c"));
    Profile afterAdd = store.aggregate(G, from, to).orElseThrow();
    assertThat(afterAdd.totalCount(WALL)).isEqualTo(9);
    assertThat(store.aggregate(G, from, to).orElseThrow()).isSameAs(afterAdd);

    // 15 days on, the 5-minute buckets have expired: the same range now reads the hour bucket.
    clock.set(t("2024-01-16T10:30:00Z"));
    Profile afterExpiry = store.aggregate(G, from, to).orElseThrow();
    assertThat(afterExpiry.totalCount(WALL)).isEqualTo(12);
    assertThat(afterExpiry.start()).isEqualTo(at("10:00"));
    assertThat(afterExpiry.end()).isEqualTo(at("11:00"));
    assertThat(store.plan(G, from, to)).extracting(Map.Entry::getKey).containsOnly(PT1H);
  }

  @Test
  void a_combined_read_stays_remembered_across_adds_to_buckets_it_does_not_use() {
    clock.set(t("2024-01-01T12:00:00Z"));
    store.add(G, profile("10:07", 4, "main", "b"));
    store.add(G, profile("10:12", 1, "main", "a"));
    Instant from = at("10:05");
    Instant to = at("10:30");
    Profile first = store.aggregate(G, from, to).orElseThrow();

    store.add(G, profile("10:40", 5, "main", "c")); // after the range
    store.add(G, profile("09:00", 5, "main", "d")); // before it
    assertThat(store.aggregate(G, from, to).orElseThrow()).isSameAs(first);

    store.add(G, profile("10:13", 2, "main", "e")); // into its last bucket
    Profile grown = store.aggregate(G, from, to).orElseThrow();
    assertThat(grown.totalCount(WALL)).isEqualTo(7);
    assertThat(grown.callTree().child("main").orElseThrow().children())
        .extracting(CallTreeNode::frame)
        .containsExactly("b", "a", "e");
  }

  // ---------------------------------------------------------------- equivalence with naive merging

  @Test
  void coarse_buckets_give_the_same_result_as_merging_every_profile() {
    Random random = new Random(42);
    Instant base = t("2023-12-31T22:00:00Z");
    List<Profile> all = new ArrayList<>();
    Instant s = base;
    while (s.isBefore(t("2024-01-03T08:00:00Z"))) {
      Profile.Builder b =
          Profile.builder(s, s.plusSeconds(60))
              .agentMetadata(Map.of("durationInMs", 60_000L, "numTimesSampled", 60L));
      int stacks = 1 + random.nextInt(4);
      for (int i = 0; i < stacks; i++) {
        b.stack(
            random.nextBoolean() ? WALL : CounterTypes.RUNNABLE,
            1 + random.nextInt(50),
            "main",
            "f" + random.nextInt(5),
            "g" + random.nextInt(8));
      }
      Profile p = b.build();
      all.add(p);
      store.add(G, p);
      s = s.plusSeconds(60 + random.nextInt(240));
    }
    clock.set(t("2024-01-04T00:00:00Z"));

    Instant from = t("2024-01-01T00:07:30Z");
    Instant to = t("2024-01-03T05:13:00Z");
    Profile aggregated = store.aggregate(G, from, to).orElseThrow();

    Profile naive = null;
    for (Profile p : all) {
      Instant bucket = PT5M.bucketStart(p.start());
      if (bucket.isBefore(to) && bucket.plus(PT5M.duration()).isAfter(from)) {
        naive = naive == null ? p : naive.merge(p);
      }
    }
    assertThat(naive).isNotNull();
    assertThat(aggregated.callTree()).isEqualTo(naive.callTree());
    assertThat(aggregated.totalCounts()).isEqualTo(naive.totalCounts());
    assertThat(aggregated.agentMetadata().durationInMs())
        .isEqualTo(naive.agentMetadata().durationInMs());
    assertThat(aggregated.agentMetadata().numTimesSampled())
        .isEqualTo(naive.agentMetadata().numTimesSampled());
    // The bounds of the buckets used: the 5-minute buckets at either edge, whole.
    assertThat(aggregated.start()).isEqualTo(t("2024-01-01T00:05:00Z"));
    assertThat(aggregated.end()).isEqualTo(t("2024-01-03T05:15:00Z"));
    assertThat(store.plan(G, from, to))
        .contains(
            Map.entry(P1D, t("2024-01-02T00:00:00Z")), Map.entry(PT1H, t("2024-01-01T01:00:00Z")))
        .hasSizeLessThan(60);
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void concurrent_adds_and_reads_give_exact_totals() throws Exception {
    int writers = 8;
    int addsEach = 250;
    Instant base = t("2024-01-01T00:00:00Z");
    clock.set(t("2024-01-04T00:00:00Z"));
    Instant from = base;
    Instant to = t("2024-01-04T00:00:00Z");
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    CountDownLatch go = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int id = w;
        writes.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < addsEach; i++) {
                    Instant start =
                        base.plus(Duration.ofMinutes(((long) id * addsEach + i) * 7 % 3000));
                    store.add(
                        G,
                        Profile.builder(start, start.plusSeconds(60))
                            .stack(1, "main", "worker" + id)
                            .stack(CounterTypes.RUNNABLE, 2, "main")
                            .build());
                  }
                  return null;
                }));
      }
      List<Future<Long>> reads = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        reads.add(
            pool.submit(
                () -> {
                  go.await();
                  long last = 0;
                  long readsDone = 0;
                  while (writing.get() || readsDone == 0) {
                    long now = store.aggregate(G, from, to).map(p -> p.totalCount(WALL)).orElse(0L);
                    assertThat(now).isGreaterThanOrEqualTo(last);
                    last = now;
                    store.profileTimes(G, PT5M, from, to);
                    store.latest(G, PT1H);
                    // single days and hours: their remembered trees absorb the posts that follow
                    Instant day = base.plus(Duration.ofDays(readsDone % 3));
                    store.aggregate(G, day, day.plus(Duration.ofDays(1)));
                    Instant hour = base.plus(Duration.ofHours(readsDone * 5 % 50));
                    store.aggregate(G, hour, hour.plus(Duration.ofHours(1)));
                    readsDone++;
                  }
                  return readsDone;
                }));
      }
      go.countDown();
      for (Future<?> f : writes) {
        f.get(30, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<Long> f : reads) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }

    Profile p = store.aggregate(G, from, to).orElseThrow();
    assertThat(p.totalCount(WALL)).isEqualTo((long) writers * addsEach);
    assertThat(p.totalCount(CounterTypes.RUNNABLE)).isEqualTo(2L * writers * addsEach);
    for (int w = 0; w < writers; w++) {
      assertThat(p.nodeAt("main", "worker" + w).orElseThrow().totalCount(WALL)).isEqualTo(addsEach);
    }
    long profiles = 0;
    for (Instant bucket : store.profileTimes(G, PT5M, from, to)) {
      profiles += store.profileCount(G, PT5M, bucket);
    }
    assertThat(profiles).isEqualTo((long) writers * addsEach);
    long hourly = 0;
    for (Instant bucket : store.profileTimes(G, PT1H, from, to)) {
      hourly += store.profileCount(G, PT1H, bucket);
    }
    assertThat(hourly).isEqualTo((long) writers * addsEach);

    // Every hour and day holds what a store that got the same posts one by one holds.
    ProfileAggregator fresh = new ProfileAggregator(clock);
    for (int id = 0; id < writers; id++) {
      for (int i = 0; i < addsEach; i++) {
        Instant start = base.plus(Duration.ofMinutes(((long) id * addsEach + i) * 7 % 3000));
        fresh.add(
            G,
            Profile.builder(start, start.plusSeconds(60))
                .stack(1, "main", "worker" + id)
                .stack(CounterTypes.RUNNABLE, 2, "main")
                .build());
      }
    }
    for (AggregationPeriod period : List.of(PT1H, P1D)) {
      for (Instant bucket : fresh.profileTimes(G, period, from, to)) {
        Instant end = bucket.plus(period.duration());
        assertThat(store.aggregate(G, bucket, end))
            .as("%s %s", period, bucket)
            .isEqualTo(fresh.aggregate(G, bucket, end));
      }
    }
  }

  // ---------------------------------------------------------------- node budget

  @Test
  void nodesFollowAddsMergesExpiryAndDrops() {
    store.add(G, profile("00:00", 1, "main", "a", "b")); // 4 nodes, its root included
    assertThat(store.nodes())
        .as("the 5-minute bucket keeps the post; the hour and the day derive from it")
        .isEqualTo(4);
    store.add(G, profile("00:01", 1, "main", "a", "c"));
    assertThat(store.nodes()).as("both posts kept as sent").isEqualTo(4 + 4);
    for (int i = 0; i < 7; i++) {
      store.add(G, profile("00:02", 1, "main", "a", "c"));
    }
    assertThat(store.nodes()).as("nine posts: the 5-minute bucket merged them").isEqualTo(5);
    store.add("other", profile("00:00", 1, "x"));
    assertThat(store.nodes()).isEqualTo(5 + 2);

    clock.set(at("2024-01-17T12:00:00Z")); // the 5-minute buckets expired (15 days)
    store.add(G, profile("2024-01-17T11:00:00Z", 1, "main"));
    assertThat(store.nodes())
        .as("the hour took over the expired 5-minute bucket's 5 nodes; the new post is kept")
        .isEqualTo(5 + 2 + 2);
    assertThat(total(store.aggregate(G, at("00:00"), at("01:00")))).isEqualTo(9);

    store.dropGroup("other");
    assertThat(store.nodes()).isEqualTo(5 + 2);
    store.clear();
    assertThat(store.nodes()).isZero();
  }

  @Test
  void names_of_expired_buckets_are_given_back_and_the_live_trees_keep_theirs() {
    int distinct = Group.NAMES_KEPT_WITHOUT_COMPACTION + 1_000;
    for (int i = 0; i < distinct; i++) {
      store.add(G, profile("00:00", 1, "main", "old.Frame" + i));
    }
    Instant secondDay = at("2024-01-03T00:00:00Z");
    store.add(G, profile(secondDay.toString(), 2, "main", "kept.Frame"));
    assertThat(store.frameNames(G))
        .as("the compacted 5-minute bucket's names; the second day's post is kept as sent")
        .isEqualTo(distinct + 1);

    // Three years on, the first day's bucket expires (the second day's is kept); an add prunes.
    clock.set(at("2024-01-01T00:00:00Z").plus(Duration.ofDays(3 * 365)));
    store.add(G, profile(secondDay.plusSeconds(60).toString(), 3, "main", "kept.Frame"));

    assertThat(store.frameNames(G))
        .as("only the names of the day that took over its expired hours are left")
        .isEqualTo(2);
    assertThat(store.nodes())
        .as("the later post found its nodes in the day's tree: root, main, kept.Frame")
        .isEqualTo(3);
    Instant nextDay = secondDay.plus(Duration.ofDays(1));
    Profile expected =
        Profile.builder(secondDay, nextDay)
            .stack(2, "main", "kept.Frame")
            .stack(3, "main", "kept.Frame")
            .build();
    assertThat(store.aggregate(G, secondDay, nextDay).orElseThrow().callTree())
        .as("the kept day's tree, its names moved to the new table, merges the later post")
        .isEqualTo(expected.callTree());
    store.add(G, profile(secondDay.plusSeconds(120).toString(), 5, "main", "new.Frame"));
    assertThat(store.frameNames(G)).isEqualTo(3);
    assertThat(store.nodes()).isEqualTo(4);
    assertThat(total(store.aggregate(G, secondDay, nextDay))).isEqualTo(10);
  }

  @Test
  void anAddBeyondTheNodeLimitChangesNothing() {
    ProfileAggregator small = new ProfileAggregator(clock, 10);
    small.add(G, profile("00:00", 1, "main", "a", "b")); // 4 nodes, kept as sent
    small.add(G, profile("00:10", 1, "main", "a", "b"));
    Optional<Profile> before = small.aggregate(G, at("00:00"), at("01:00"));

    assertThatThrownBy(() -> small.add(G, profile("00:01", 1, "main", "x", "y")))
        .isInstanceOf(NodeLimitException.class)
        .hasMessageContaining(
            "would add 4 call-tree nodes to the aggregates, which hold 8 of at most 10");

    assertThat(small.nodes()).isEqualTo(8);
    assertThat(small.aggregate(G, at("00:00"), at("01:00"))).isEqualTo(before);
    assertThat(small.profileCount(G, PT1H, at("00:00"))).isEqualTo(2);
    small.add(G, profile("00:20", 1, "main")); // 2 kept: fits
    assertThat(small.nodes()).isEqualTo(10);
  }

  @Test
  void an_old_post_charges_the_coarsest_bucket_that_keeps_it_and_is_refused_beyond_the_limit() {
    clock.set(at("2024-01-20T00:00:00Z")); // 00:00 of Jan 1: hours kept, 5-minute buckets not
    ProfileAggregator small = new ProfileAggregator(clock, 10);
    small.add(G, profile("00:00", 1, "main", "a", "b"));
    assertThat(small.nodes()).as("the hour's own tree; the day derives from it").isEqualTo(4);
    small.add(G, profile("00:30", 1, "main", "a", "c"));
    assertThat(small.nodes()).isEqualTo(5);
    assertThatThrownBy(() -> small.add(G, profile("01:00", 1, "main", "x", "y", "z", "w")))
        .isInstanceOf(NodeLimitException.class)
        .hasMessageContaining("would add 6 call-tree nodes to the aggregates, which hold 5");
    assertThat(small.nodes()).isEqualTo(5);
    assertThat(total(small.aggregate(G, at("00:00"), at("2024-01-02T00:00:00Z")))).isEqualTo(2);
  }

  // ---------------------------------------------------------------- derived hours and days

  /** The tree's nodes in walk order, with their counts: equal only if the order is equal too. */
  private static List<String> inOrder(Optional<Profile> p) {
    return p.orElseThrow().callTree().descendants().map(String::valueOf).toList();
  }

  /** A store holding {@code posts} added in order to a fresh store at the same clock. */
  private ProfileAggregator freshWith(List<Profile> posts) {
    ProfileAggregator fresh = new ProfileAggregator(clock);
    posts.forEach(p -> fresh.add(G, p));
    return fresh;
  }

  @Test
  void hours_and_days_read_while_posts_arrive_equal_a_fresh_store_node_order_included() {
    List<Profile> posts = new ArrayList<>();
    Instant hour = at("00:00");
    Instant day = at("2024-01-01T00:00:00Z");
    Instant nextDay = at("2024-01-02T00:00:00Z");
    String[] starts = {"00:00", "00:05", "00:07", "01:10", "00:55", "00:02", "01:12", "02:00"};
    for (int i = 0; i < starts.length; i++) {
      Profile p = profile(starts[i], i + 1, "main", "f" + (i % 3), "g" + (i % 2));
      posts.add(p);
      store.add(G, p);
      ProfileAggregator fresh = freshWith(posts);
      assertThat(inOrder(store.latest(G, PT1H)))
          .as("the newest hour after post %s", starts[i])
          .isEqualTo(inOrder(fresh.latest(G, PT1H)));
      assertThat(inOrder(store.aggregate(G, hour, hour.plus(Duration.ofHours(1)))))
          .as("hour 00:00 after post %s", starts[i])
          .isEqualTo(inOrder(fresh.aggregate(G, hour, hour.plus(Duration.ofHours(1)))));
      assertThat(inOrder(store.aggregate(G, day, nextDay)))
          .as("the day after post %s", starts[i])
          .isEqualTo(inOrder(fresh.aggregate(G, day, nextDay)));
      assertThat(inOrder(store.aggregate(G, at("00:03"), at("01:13"))))
          .as("a combined read after post %s", starts[i])
          .isEqualTo(inOrder(fresh.aggregate(G, at("00:03"), at("01:13"))));
    }
    assertThat(total(store.aggregate(G, day, nextDay))).isEqualTo(36);
  }

  @Test
  void an_hour_takes_over_its_expiring_5_minute_buckets_and_a_day_its_expiring_hours() {
    store.add(G, profile("00:00", 1, "main", "a"));
    store.add(G, profile("00:50", 2, "main", "b"));
    store.add(G, profile("03:00", 4, "main", "c"));
    Instant day = at("2024-01-01T00:00:00Z");
    Instant nextDay = at("2024-01-02T00:00:00Z");
    Profile hourBefore = store.aggregate(G, at("00:00"), at("01:00")).orElseThrow();
    Profile dayBefore = store.aggregate(G, day, nextDay).orElseThrow();

    clock.set(at("2024-01-16T00:20:00Z")); // 5-minute bucket 00:00 expired, 00:50 not yet
    store.add(G, profile("2024-01-16T00:00:00Z", 1, "other"));
    assertThat(store.profileTimes(G, PT5M, day, nextDay)).containsExactly(at("00:50"), at("03:00"));
    assertThat(store.aggregate(G, at("00:00"), at("01:00"))).hasValue(hourBefore);
    assertThat(store.nodes())
        .as("hour 00:00's own tree (root, main, a, b), and the posts kept as sent")
        .isEqualTo(4 + 3 + 3 + 2);

    store.add(G, profile("00:01", 8, "main", "d")); // its 5-minute bucket is gone: the hour has it
    assertThat(store.profileTimes(G, PT5M, day, nextDay)).containsExactly(at("00:50"), at("03:00"));
    assertThat(total(store.aggregate(G, at("00:00"), at("01:00")))).isEqualTo(1 + 2 + 8);

    clock.set(at("2024-03-01T04:00:00Z")); // the hours of Jan 1 expired (60 days)
    store.add(G, profile("2024-03-01T00:00:00Z", 1, "other"));
    assertThat(store.profileTimes(G, PT1H, day, nextDay)).isEmpty();
    Profile dayAfter = store.aggregate(G, day, nextDay).orElseThrow();
    assertThat(dayAfter.callTree().totalCount(WALL)).isEqualTo(1 + 2 + 4 + 8);
    assertThat(dayAfter.callTree().nodeAt("main", "d")).isPresent();
    assertThat(dayAfter.callTree().nodeAt("main", "c"))
        .map(n -> n.selfCount(WALL))
        .hasValue(dayBefore.callTree().nodeAt("main", "c").orElseThrow().selfCount(WALL));
    assertThat(store.nodes())
        .as("Jan 1's own tree (root, main, a, b, d, c), Jan 16's hour's, the new post")
        .isEqualTo(6 + 2 + 2);
  }
}

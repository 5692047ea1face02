package dev.fakeguru.internal.aggregation;

import dev.fakeguru.profile.AgentMetadata;
import dev.fakeguru.profile.Profile;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake server's store of aggregated profiles, per profiling group: every posted profile is
 * merged into one bucket per {@link AggregationPeriod}, and reads combine buckets.
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li><b>Bucket assignment.</b> A profile belongs to the one UTC-aligned bucket containing its
 *       {@link Profile#start() start}, at each of the three periods. So an hour bucket is the union
 *       of its twelve 5-minute buckets and a day bucket the union of its 24 hours. A profile's
 *       {@code end} does not matter, even if it lies in a later bucket.
 *   <li><b>Aggregation.</b> {@link #add} adds the profile to each of its three buckets (metadata
 *       merged with {@link AgentMetadata#mergedWith}; totals, earliest profile start, latest
 *       profile end and the number of profiles tracked at once). Call trees are merged by
 *       frame-name path with counts summed, in a {@link MergeTree}, but only where that is needed
 *       (see {@link Bucket}): a 5-minute bucket keeps its first {@link #COMPACT_AFTER} posts as
 *       sent, and an hour or a day is derived from its finer buckets, when read, for as long as
 *       those are retained; an hour or a day takes over (gets a tree of its own) before a finer
 *       bucket it spans is pruned, or when a post arrives that its finer period no longer keeps. So
 *       a post is usually merged into no tree at all, and the store holds each frame once rather
 *       than three times. A read served by one bucket returns that bucket's immutable {@link
 *       Profile}, cached on first read and invalidated by the next add to that bucket; a read
 *       combining several buckets merges their trees directly into a fresh tree (it builds no
 *       per-bucket profile), and is remembered until one of its buckets changes; when only its last
 *       bucket grew, the remembered tree absorbs the new posts ({@link CombinedReads}). The tree a
 *       derived bucket's read made is kept while memory allows, and later posts to its last finer
 *       bucket are merged into it. Top-level fields other than start, end, metadata and call tree
 *       (e.g. {@code debugInfo}) are not kept in aggregates. Counts are summed raw, without
 *       weighting by {@code sampleWeights}.
 *   <li><b>Retention</b> is measured on the clock at read time: a bucket is retained while {@code
 *       bucketStart + period.retention() > clock.instant()} (15 days for PT5M, 60 days for PT1H, 3
 *       years for P1D). Expired buckets are never returned and are pruned lazily (on the next add
 *       to the group). A profile older than a retention is simply not stored at that period.
 *   <li><b>Future profiles</b> (start after the clock's now: agents' clocks drift) are accepted and
 *       stored like any other.
 *   <li><b>Overflow.</b> If adding a profile would make any summed count of any of its buckets
 *       overflow a {@code long}, {@link #add} throws {@link ArithmeticException} and no bucket
 *       changes.
 *   <li><b>Thread-safety.</b> Every method may be called from any thread. Each group has a
 *       read-write lock: adds to one group are serialised, reads run in parallel with each other,
 *       and groups do not contend.
 * </ul>
 *
 * <h2>Combining buckets: {@link #aggregate}</h2>
 *
 * The range {@code [from, to)} is covered, without counting any profile twice, by:
 *
 * <ol>
 *   <li>every day bucket lying fully inside the range;
 *   <li>in a day only partly inside the range, every hour bucket lying fully inside the range;
 *   <li>in an hour only partly inside the range, every 5-minute bucket overlapping the range,
 *       including those that stick out of it (best effort).
 * </ol>
 *
 * Where the finer buckets a partial bucket would be split into have expired, the partial bucket
 * itself is used instead (it then counts in full although it sticks out of the range): so after 15
 * days a range is still answered from hourly data, and after 60 days from daily data. The result
 * holds the merged call tree and metadata of the buckets used, and says what it covers: its start
 * is the earliest start of a bucket used, its end the latest end of a bucket used, even where these
 * lie outside {@code [from, to)}. With data in the 5-minute buckets 00:15 and 00:20, a request for
 * 00:00–00:20 yields 00:15–00:20 with the counts of the 00:15 bucket only; a request for
 * 00:17–00:23 yields 00:15–00:25 with the counts of both; once the 5-minute buckets have expired, a
 * request for 00:00–00:10 yields the whole hour 00:00–01:00.
 *
 * <p>A read uses a bounded number of buckets, independently of the number of profiles stored: for a
 * range of up to seven days at most 7 days, 46 hours and 24 five-minute buckets. Merging the
 * buckets used (or building a single bucket's profile, once after each change) costs time
 * proportional to their numbers of distinct frames, except for the first read of an hour or a day
 * still derived from finer buckets: that one merges the posts its 5-minute buckets keep (at most 8
 * each), and is remembered. The time grid is never walked: empty stretches cost nothing.
 *
 * <p>Internal, not API.
 */
public final class ProfileAggregator {
  /**
   * A 5-minute bucket keeps up to this many posts as they were sent (their bytes are kept anyway)
   * and merges them when read; past it, it merges them into a running tree, so that a busy bucket's
   * memory is bounded by its distinct frames.
   */
  static final int COMPACT_AFTER = 8;

  /** How many combined reads each group remembers. */
  static final int RECENT_RESULTS = 8;

  private static final Instant MIN_SUPPORTED = Instant.ofEpochMilli(Long.MIN_VALUE);
  private static final Instant MAX_SUPPORTED = Instant.ofEpochMilli(Long.MAX_VALUE);

  private final Clock clock;
  private final NodeBudget budget;
  private final ConcurrentHashMap<String, Group> groups = new ConcurrentHashMap<>();

  /** An empty store whose retention is measured on {@code clock}, without a bound on its nodes. */
  public ProfileAggregator(Clock clock) {
    this(clock, Long.MAX_VALUE);
  }

  /**
   * An empty store whose retention is measured on {@code clock}, holding at most {@code maxNodes}
   * call-tree nodes across every group's buckets (posts kept as sent count their bytes, {@link
   * PostedProfile#keptCharge()}; derived buckets count nothing). Only an hour or a day taking over
   * from finer buckets may go beyond it (its content moves rather than grows); adds are refused
   * until buckets expire.
   */
  public ProfileAggregator(Clock clock, long maxNodes) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.budget = new NodeBudget(maxNodes);
  }

  /** How many call-tree nodes the aggregates hold (what {@code maxNodes} bounds). */
  public long nodes() {
    return budget.used();
  }

  /** How many frame names {@code group}'s name table holds (0 for no such group): a diagnostic. */
  int frameNames(String group) {
    Group g = groups.get(group);
    if (g == null) {
      return 0;
    }
    g.lock.readLock().lock();
    try {
      return g.names.size();
    } finally {
      g.lock.readLock().unlock();
    }
  }

  /** The bound on {@link #nodes()}. */
  public long maxNodes() {
    return budget.max();
  }

  /**
   * Adds a decoded agent profile to {@code group}: it belongs to the UTC bucket containing {@code
   * profile.start()} for each period. Buckets whose retention has already passed are not created.
   *
   * @throws ArithmeticException if a summed count of one of the buckets would overflow a {@code
   *     long}; the store is then unchanged
   * @throws NodeLimitException if the aggregates would hold more nodes than allowed; the store is
   *     then unchanged
   * @throws IllegalArgumentException if the profile's start is outside the range of epoch
   *     milliseconds
   */
  public void add(String group, Profile profile) {
    add(group, PostedProfile.of(Objects.requireNonNull(profile, "profile")));
  }

  /**
   * Adds a posted profile, as {@link #add(String, Profile)}. Its 5-minute bucket keeps {@code
   * profile} and reads its tree again from its source when a read needs it; the coarser buckets
   * merge it now.
   */
  public void add(String group, PostedProfile profile) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(profile, "profile");
    Instant start = profile.start();
    if (start.isBefore(MIN_SUPPORTED) || start.isAfter(MAX_SUPPORTED)) {
      throw new IllegalArgumentException(
          "profile start " + start + " is outside the range of epoch milliseconds");
    }
    // Computed before taking the lock; throws if the profile itself overflows.
    Map<String, Long> profileTotals = profile.totals();
    while (true) {
      Group g = groups.computeIfAbsent(group, k -> new Group(budget));
      g.lock.writeLock().lock();
      try {
        if (g.dropped) {
          continue; // dropped between lookup and lock: retry with a fresh group
        }
        g.add(group, profile, profileTotals, clock.instant());
        profile.release();
        return;
      } finally {
        g.lock.writeLock().unlock();
      }
    }
  }

  /**
   * Checks, without adding it, that {@link #add(String, PostedProfile)} would not overflow a count:
   * lets a caller refuse a profile before doing anything else with it. An add may still overflow if
   * another one came in between.
   *
   * @throws ArithmeticException if it would overflow (or the profile's own counts do)
   * @throws NodeLimitException if the aggregates would hold too many nodes
   */
  public void requireFits(String group, PostedProfile profile) {
    Map<String, Long> profileTotals = profile.totals();
    Group g = groups.get(group);
    if (g == null) {
      g = new Group(budget); // the group's first post: what an empty group would charge
    }
    long needed;
    g.lock.readLock().lock();
    try {
      List<AggregationPeriod> targets =
          g.requireFits(group, profile, profileTotals, clock.instant());
      // Far from the quota, a bound that needs no walk settles it; near it, count exactly.
      if (budget.fits(g.nodesAtMost(profile, targets))) {
        return;
      }
      needed = g.nodesNeeded(profile, targets);
    } finally {
      g.lock.readLock().unlock();
    }
    budget.check(needed, group);
  }

  /** Forgets everything stored for {@code group}. */
  public void dropGroup(String group) {
    Group g = groups.remove(group);
    if (g != null) {
      g.lock.writeLock().lock();
      try {
        g.drop();
      } finally {
        g.lock.writeLock().unlock();
      }
    }
  }

  /** Forgets every group. */
  public void clear() {
    for (String group : List.copyOf(groups.keySet())) {
      dropGroup(group);
    }
  }

  /**
   * The starts of the buckets of {@code period} that lie in {@code [from, to)} and are still
   * retained at {@code clock.instant()}, ascending. Empty for an unknown group.
   */
  public List<Instant> profileTimes(
      String group, AggregationPeriod period, Instant from, Instant to) {
    Objects.requireNonNull(period, "period");
    Instant lo = clampLow(from);
    Instant hi = clampHigh(to);
    Group g = groups.get(group);
    if (g == null || !lo.isBefore(hi)) {
      return List.of();
    }
    Instant now = clock.instant();
    List<Instant> times = new ArrayList<>();
    g.lock.readLock().lock();
    try {
      for (Instant s : g.buckets.get(period).subMap(lo, true, hi, false).keySet()) {
        if (period.isRetained(s, now)) {
          times.add(s);
        }
      }
    } finally {
      g.lock.readLock().unlock();
    }
    return times;
  }

  /**
   * The best-effort aggregate of {@code [from, to)} described in the class documentation; empty
   * when no retained bucket is used (no data, or {@code from >= to}).
   *
   * @throws ArithmeticException if the sum of the buckets used overflows a count
   */
  public Optional<Profile> aggregate(String group, Instant from, Instant to) {
    Instant lo = clampLow(from);
    Instant hi = clampHigh(to);
    Group g = groups.get(group);
    if (g == null || !lo.isBefore(hi)) {
      return Optional.empty();
    }
    g.lock.readLock().lock();
    try {
      List<Bucket> used = g.plan(lo, hi, clock.instant());
      if (used.isEmpty()) {
        return Optional.empty();
      }
      if (used.size() == 1) {
        return Optional.of(used.get(0).profile()); // kept by the bucket until its next add
      }
      checkSumFits(used);
      // The bounds of the buckets used, not of the request: a reader can trust what they say.
      Instant start = used.get(0).start;
      Instant end = used.stream().map(Bucket::end).max(Comparator.naturalOrder()).get();
      return Optional.of(
          g.reads.read(
              new CombinedReads.Key(lo, hi, used),
              g.version,
              ProfileAggregator::merge,
              tree -> {
                AgentMetadata metadata = AgentMetadata.empty();
                for (Bucket b : used) {
                  metadata = metadata.mergedWith(b.metadata);
                }
                return Profile.builder(start, end)
                    .agentMetadata(metadata)
                    .callTree(tree.buildReusing())
                    .build();
              }));
    } finally {
      g.lock.readLock().unlock();
    }
  }

  /**
   * Under a lock: the buckets' trees merged directly, in plan order (cheaper than building, and
   * caching, an immutable profile per bucket and merging those).
   */
  private static MergeTree merge(List<Bucket> used) {
    MergeTree merged = new MergeTree();
    for (Bucket b : used) {
      merged.mergeFrom(b.tree());
    }
    return merged;
  }

  /**
   * The newest retained bucket of {@code period}, as a profile from the bucket's start to its end.
   * May lie in the future if an agent's clock is ahead.
   */
  public Optional<Profile> latest(String group, AggregationPeriod period) {
    Objects.requireNonNull(period, "period");
    Group g = groups.get(group);
    if (g == null) {
      return Optional.empty();
    }
    g.lock.readLock().lock();
    try {
      return g.newest(period, clock.instant()).map(Bucket::profile);
    } finally {
      g.lock.readLock().unlock();
    }
  }

  /**
   * The start of the newest retained bucket of {@code period} (with {@link AggregationPeriod#PT5M}:
   * {@code profilingStatus.latestAggregatedProfile}).
   */
  public Optional<Instant> latestBucketStart(String group, AggregationPeriod period) {
    Objects.requireNonNull(period, "period");
    Group g = groups.get(group);
    if (g == null) {
      return Optional.empty();
    }
    g.lock.readLock().lock();
    try {
      return g.newest(period, clock.instant()).map(b -> b.start);
    } finally {
      g.lock.readLock().unlock();
    }
  }

  /**
   * The retained buckets nearest to {@code [from, to)}, to explain a range without data: the last
   * one starting before {@code from} and the first one starting at or after {@code to}, each at the
   * finest period that has one (coarser buckets only where the finer ones have expired).
   */
  public Neighbours neighbours(String group, Instant from, Instant to) {
    Instant lo = clampLow(from);
    Instant hi = clampHigh(to);
    Group g = groups.get(group);
    if (g == null) {
      return new Neighbours(Optional.empty(), Optional.empty());
    }
    Instant now = clock.instant();
    g.lock.readLock().lock();
    try {
      return new Neighbours(g.nearestBefore(lo, now), g.nearestFrom(hi, now));
    } finally {
      g.lock.readLock().unlock();
    }
  }

  /** One bucket: its period and start. */
  public record BucketRef(AggregationPeriod period, Instant start) {
    /** The end (exclusive) of the bucket. */
    public Instant end() {
      return period.bucketEnd(start);
    }
  }

  /** The nearest retained buckets on each side of a range; see {@link #neighbours}. */
  public record Neighbours(Optional<BucketRef> before, Optional<BucketRef> after) {}

  /** The number of profiles added to one retained bucket; for tests. */
  long profileCount(String group, AggregationPeriod period, Instant bucketStart) {
    return slot(group, period, bucketStart, b -> b.profileCount).orElse(0L);
  }

  /**
   * The buckets {@link #aggregate} would use for {@code [from, to)}, as (period, start); for tests.
   */
  List<Map.Entry<AggregationPeriod, Instant>> plan(String group, Instant from, Instant to) {
    Group g = groups.get(group);
    Instant lo = clampLow(from);
    Instant hi = clampHigh(to);
    if (g == null || !lo.isBefore(hi)) {
      return List.of();
    }
    g.lock.readLock().lock();
    try {
      return g.plan(lo, hi, clock.instant()).stream()
          .map(b -> Map.entry(b.period, b.start))
          .toList();
    } finally {
      g.lock.readLock().unlock();
    }
  }

  private <T> Optional<T> slot(
      String group,
      AggregationPeriod period,
      Instant bucketStart,
      java.util.function.Function<Bucket, T> f) {
    Group g = groups.get(group);
    if (g == null) {
      return Optional.empty();
    }
    g.lock.readLock().lock();
    try {
      Bucket b = g.buckets.get(period).get(bucketStart);
      return b == null || !period.isRetained(b.start, clock.instant())
          ? Optional.empty()
          : Optional.of(f.apply(b));
    } finally {
      g.lock.readLock().unlock();
    }
  }

  private static void checkSumFits(List<Bucket> used) {
    Map<String, Long> sum = new HashMap<>();
    for (Bucket b : used) {
      for (Map.Entry<String, Long> e : b.totals.entrySet()) {
        long before = sum.getOrDefault(e.getKey(), 0L);
        try {
          sum.put(e.getKey(), Math.addExact(before, e.getValue()));
        } catch (ArithmeticException ex) {
          throw new ArithmeticException(
              "aggregating the "
                  + e.getKey()
                  + " counts of the requested range overflows a 64-bit long");
        }
      }
    }
  }

  private static Instant clampLow(Instant t) {
    Objects.requireNonNull(t, "from");
    return t.isBefore(MIN_SUPPORTED) ? MIN_SUPPORTED : t;
  }

  private static Instant clampHigh(Instant t) {
    Objects.requireNonNull(t, "to");
    return t.isAfter(MAX_SUPPORTED) ? MAX_SUPPORTED : t;
  }
}

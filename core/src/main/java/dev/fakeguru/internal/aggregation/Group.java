package dev.fakeguru.internal.aggregation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One profiling group's buckets, for {@link ProfileAggregator}. Guarded by {@link #lock}. Internal.
 */
final class Group {
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final NodeBudget budget;

  /** Names kept before {@link #compactNames()} compares them with the live trees' nodes. */
  static final int NAMES_KEPT_WITHOUT_COMPACTION = 4096;

  /** Every frame name of the group's running trees, once; under the write lock. */
  FrameNames names = new FrameNames();

  /** The nodes its buckets are charged for (their sum); under the lock. */
  long nodes;

  final EnumMap<AggregationPeriod, TreeMap<Instant, Bucket>> buckets =
      new EnumMap<>(AggregationPeriod.class);
  boolean dropped;

  /** Incremented under the write lock by every add: its sequence number. */
  volatile long version;

  /** The last few combined reads, kept across adds to buckets they do not use. */
  final CombinedReads reads = new CombinedReads();

  Group(NodeBudget budget) {
    this.budget = budget;
    for (AggregationPeriod p : AggregationPeriod.values()) {
      buckets.put(p, new TreeMap<>());
    }
  }

  /**
   * Under the write lock. The node quota is checked before anything changes. Far from the quota
   * (the usual case) it reserves an upper bound that needs no walk ({@link #nodesAtMost}), merges,
   * and gives back what the merge did not use; only when that bound does not fit does it count the
   * new nodes exactly first ({@link #nodesNeeded}), which walks the profile against every bucket.
   */
  void add(String groupName, PostedProfile profile, Map<String, Long> profileTotals, Instant now) {
    prune(now);
    // Check every bucket before touching any, so that an overflow leaves the store unchanged.
    List<AggregationPeriod> targets = requireFits(groupName, profile, profileTotals, now);
    long reserved = nodesAtMost(profile, targets);
    boolean bound = budget.reserveUpperBound(reserved);
    if (!bound) {
      reserved = nodesNeeded(profile, targets);
      budget.reserve(reserved, groupName);
    }
    try {
      version++;
      List<Bucket> touched = new ArrayList<>(3);
      List<MergeTree> trees = new ArrayList<>(3);
      long before = 0;
      for (AggregationPeriod p : targets) { // finest first
        Instant s = p.bucketStart(profile.start());
        boolean viaFiner = viaFiner(p, targets);
        Bucket b = buckets.get(p).computeIfAbsent(s, k -> newBucket(p, k, viaFiner));
        if (!viaFiner && b.derived()) {
          takeOver(b); // the profile's finer bucket is not kept: this one must hold it
        }
        before += b.chargedNodes;
        touched.add(b);
        MergeTree t = b.add(profile, profileTotals);
        if (t != null) {
          trees.add(t);
        }
      }
      if (!trees.isEmpty()) {
        MergeTree.mergeInto(profile.tree(), trees); // each name looked up once for all of them
      }
      long after = 0;
      for (Bucket b : touched) {
        if (b.tree != null) {
          b.chargedNodes = b.tree.nodes();
        }
        after += b.chargedNodes;
      }
      nodes += after - before;
      budget.release(reserved - (after - before));
      reads.added(version, profile, touched);
    } finally {
      if (bound) {
        budget.endUpperBound();
      }
    }
  }

  /**
   * Whether the bucket of {@code p} a profile joins is derived from its finer bucket, which keeps
   * the profile ({@code targets} holds the finer period).
   */
  private static boolean viaFiner(AggregationPeriod p, List<AggregationPeriod> targets) {
    return p.finer() != null && targets.contains(p.finer());
  }

  /** A bucket of {@code p}: derived from the finer buckets when they keep its posts. */
  private Bucket newBucket(AggregationPeriod p, Instant start, boolean viaFiner) {
    return new Bucket(p, start, names, viaFiner ? buckets.get(p.finer()) : null);
  }

  /**
   * Under the write lock: a derived bucket gets a tree of its own, charged without a check (its
   * content moves from finer buckets, which are then freed or were already charged).
   */
  private void takeOver(Bucket b) {
    long n = b.takeOver();
    b.chargedNodes = n;
    nodes += n;
    budget.charge(n);
  }

  /**
   * Under a lock: at least {@link #nodesNeeded}, without walking the profile: a bucket's tree gains
   * at most every node of the profile but its root.
   */
  long nodesAtMost(PostedProfile profile, List<AggregationPeriod> targets) {
    return charge(profile, targets, (b, viaFiner) -> b.nodesToAddAtMost(profile, viaFiner));
  }

  /** Under a lock: the nodes adding {@code profile} to the buckets of {@code targets} charges. */
  long nodesNeeded(PostedProfile profile, List<AggregationPeriod> targets) {
    return charge(profile, targets, (b, viaFiner) -> b.nodesToAdd(profile, viaFiner));
  }

  /** What a bucket charges for a profile, given whether its finer bucket keeps the profile. */
  private interface Charge {
    long of(Bucket bucket, boolean viaFiner);
  }

  /**
   * The nodes {@code profile} adds to the buckets of {@code targets}: {@code existing} for a bucket
   * that exists, and for a new one what a new bucket of its period charges (a derived one nothing).
   */
  private long charge(PostedProfile profile, List<AggregationPeriod> targets, Charge existing) {
    long charged = 0;
    for (AggregationPeriod p : targets) {
      Bucket b = buckets.get(p).get(p.bucketStart(profile.start()));
      boolean viaFiner = viaFiner(p, targets);
      if (b != null) {
        charged += existing.of(b, viaFiner);
      } else if (p.finer() == null) {
        charged += profile.keptCharge();
      } else if (!viaFiner) {
        charged += profile.nodes();
      }
    }
    return charged;
  }

  /** Under the write lock: the group is dropped, its nodes given back. */
  void drop() {
    dropped = true;
    budget.release(nodes);
    nodes = 0;
  }

  /**
   * Under a lock (read or write): the periods whose retained buckets the profile joins, after
   * checking that none of their totals would overflow. A node's count never exceeds its bucket's
   * total for that counter, so checking the totals suffices.
   *
   * @throws ArithmeticException naming the bucket and the counter that would overflow
   */
  List<AggregationPeriod> requireFits(
      String groupName, PostedProfile profile, Map<String, Long> profileTotals, Instant now) {
    List<AggregationPeriod> targets = new ArrayList<>(3);
    for (AggregationPeriod p : AggregationPeriod.values()) {
      Instant s = p.bucketStart(profile.start());
      if (!p.isRetained(s, now)) {
        continue;
      }
      targets.add(p);
      Bucket existing = buckets.get(p).get(s);
      if (existing == null) {
        continue;
      }
      for (Map.Entry<String, Long> e : profileTotals.entrySet()) {
        long have = existing.totals.getOrDefault(e.getKey(), 0L);
        try {
          Math.addExact(have, e.getValue());
        } catch (ArithmeticException ex) {
          throw new ArithmeticException(
              "adding the profile starting "
                  + profile.start()
                  + " to group '"
                  + groupName
                  + "' would overflow the "
                  + e.getKey()
                  + " count of its "
                  + p
                  + " bucket starting "
                  + s
                  + " ("
                  + have
                  + " + "
                  + e.getValue()
                  + "); nothing was added");
        }
      }
    }
    return targets;
  }

  /**
   * Under the write lock: drops expired buckets (the oldest ones of each period), and then rebuilds
   * the name table if most of its names belonged to them. A retained bucket derived from a finer
   * one about to be dropped takes over first, coarsest first, so that every tree it derives from is
   * still there.
   */
  void prune(Instant now) {
    for (AggregationPeriod p : List.of(AggregationPeriod.P1D, AggregationPeriod.PT1H)) {
      AggregationPeriod f = p.finer();
      for (Bucket expiring : buckets.get(f).values()) {
        if (f.isRetained(expiring.start, now)) {
          break; // the oldest come first, and retention is monotonic in the start
        }
        Bucket parent = buckets.get(p).get(p.bucketStart(expiring.start));
        if (parent != null && parent.derived() && p.isRetained(parent.start, now)) {
          takeOver(parent);
        }
      }
    }
    boolean expired = false;
    for (Map.Entry<AggregationPeriod, TreeMap<Instant, Bucket>> e : buckets.entrySet()) {
      AggregationPeriod p = e.getKey();
      NavigableMap<Instant, Bucket> m = e.getValue();
      while (!m.isEmpty() && !p.isRetained(m.firstKey(), now)) {
        long freed = m.pollFirstEntry().getValue().chargedNodes;
        nodes -= freed;
        budget.release(freed);
        expired = true;
      }
    }
    if (expired) {
      compactNames();
    }
  }

  /**
   * A name stays in the table after the last tree that used it expired, so that a group which keeps
   * receiving new frame names (a new lambda or proxy class name on every agent restart) would grow
   * without bound. When the table holds more than twice as many names as the live trees hold nodes
   * (plus some slack, so that small groups are never rebuilt), it is rebuilt from the live trees:
   * the cost, a walk of the live trees, is paid at most once per that many expired names.
   */
  private void compactNames() {
    long live = 0;
    for (NavigableMap<Instant, Bucket> m : buckets.values()) {
      for (Bucket b : m.values()) {
        if (b.tree != null) {
          live += b.tree.nodes();
        }
      }
    }
    if (names.size() <= 2 * live + NAMES_KEPT_WITHOUT_COMPACTION) {
      return;
    }
    FrameNames fresh = new FrameNames();
    for (NavigableMap<Instant, Bucket> m : buckets.values()) {
      for (Bucket b : m.values()) {
        b.moveNames(fresh);
      }
    }
    names = fresh;
  }

  Optional<Bucket> newest(AggregationPeriod period, Instant now) {
    Map.Entry<Instant, Bucket> e = buckets.get(period).lastEntry();
    // Retention only depends on the start, so if the newest bucket expired, all did.
    return e == null || !period.isRetained(e.getKey(), now)
        ? Optional.empty()
        : Optional.of(e.getValue());
  }

  /** Under a lock: the retained bucket starting last before {@code t}, at the finest period. */
  Optional<ProfileAggregator.BucketRef> nearestBefore(Instant t, Instant now) {
    for (AggregationPeriod p : AggregationPeriod.values()) { // finest first
      Map.Entry<Instant, Bucket> e = buckets.get(p).lowerEntry(t);
      // Retention is monotonic in the start: if this one has expired, every earlier one has.
      if (e != null && p.isRetained(e.getKey(), now)) {
        return Optional.of(new ProfileAggregator.BucketRef(p, e.getKey()));
      }
    }
    return Optional.empty();
  }

  /**
   * Under a lock: the retained bucket starting first at or after {@code t}, at the finest period.
   */
  Optional<ProfileAggregator.BucketRef> nearestFrom(Instant t, Instant now) {
    for (AggregationPeriod p : AggregationPeriod.values()) { // finest first
      for (Instant s : buckets.get(p).tailMap(t, true).keySet()) {
        if (p.isRetained(s, now)) {
          return Optional.of(new ProfileAggregator.BucketRef(p, s));
        }
      }
    }
    return Optional.empty();
  }

  /** Under a lock: the retained buckets covering [lo, hi), ascending by start. */
  List<Bucket> plan(Instant lo, Instant hi, Instant now) {
    List<Bucket> out = new ArrayList<>();
    cover(AggregationPeriod.P1D, lo, hi, now, out);
    out.sort(Comparator.comparing(b -> b.start));
    return out;
  }

  /**
   * Adds to {@code out} the buckets covering [lo, hi) from period {@code p} downwards: the buckets
   * of {@code p} fully inside, and for the (at most two) buckets of {@code p} partly inside, either
   * finer buckets or, when those have expired or {@code p} is the finest, the partial bucket
   * itself.
   */
  private void cover(AggregationPeriod p, Instant lo, Instant hi, Instant now, List<Bucket> out) {
    NavigableMap<Instant, Bucket> map = buckets.get(p);
    Instant loFloor = p.bucketStart(lo);
    boolean loAligned = loFloor.equals(lo);
    Instant firstFull = loAligned ? lo : p.bucketEnd(loFloor);
    if (!loAligned) {
      partial(p, loFloor, lo, hi.isBefore(firstFull) ? hi : firstFull, now, out);
    }
    Instant lastFull = hi.minus(p.duration());
    if (!firstFull.isAfter(lastFull)) {
      for (Bucket b : map.subMap(firstFull, true, lastFull, true).values()) {
        if (p.isRetained(b.start, now)) {
          out.add(b);
        }
      }
    }
    Instant hiFloor = p.bucketStart(hi);
    if (!hiFloor.equals(hi) && !hiFloor.isBefore(firstFull)) {
      partial(p, hiFloor, hiFloor, hi, now, out);
    }
  }

  /** The bucket of {@code p} at {@code start}, of which only [lo, hi) is requested. */
  private void partial(
      AggregationPeriod p, Instant start, Instant lo, Instant hi, Instant now, List<Bucket> out) {
    AggregationPeriod finer = p.finer();
    // Retention is monotonic in the start, so if the earliest finer bucket needed is retained, all
    // are.
    if (finer != null && finer.isRetained(finer.bucketStart(lo), now)) {
      cover(finer, lo, hi, now, out);
      return;
    }
    Bucket b = buckets.get(p).get(start);
    if (b != null && p.isRetained(start, now)) {
      out.add(b);
    }
  }
}

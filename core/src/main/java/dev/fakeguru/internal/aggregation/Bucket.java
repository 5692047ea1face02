package dev.fakeguru.internal.aggregation;

import dev.fakeguru.profile.AgentMetadata;
import dev.fakeguru.profile.Profile;
import java.lang.ref.SoftReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The running aggregate of one bucket. Mutated under the group's write lock. A 5-minute bucket
 * keeps its profiles and merges them when read (it holds few, and their bytes are kept anyway);
 * coarser buckets keep a running merged tree. Internal.
 */
final class Bucket {
  final AggregationPeriod period;
  final Instant start;

  /** Coarser periods, and a 5-minute bucket once compacted: the running aggregate. */
  MergeTree tree;

  /** 5 minutes, until compacted: the profiles, in arrival order. */
  List<PostedProfile> profiles;

  /** 5 minutes: the merged tree of the last read, while memory allows; cleared by an add. */
  volatile SoftReference<MergeTree> merged;

  final Map<String, Long> totals = new HashMap<>();

  /**
   * The call-tree nodes the bucket is charged for: its tree's, or, while it keeps posts as they
   * were sent, their bytes in nodes ({@link PostedProfile#keptCharge()}).
   */
  long chargedNodes;

  AgentMetadata metadata = AgentMetadata.empty();
  Instant earliestProfileStart;
  Instant latestProfileEnd;
  long profileCount;

  /** Incremented under the write lock by every add: a remembered read of it is stale. */
  volatile long version;

  /**
   * Built on demand under the read lock (kept while memory allows), cleared under the write lock.
   */
  volatile SoftReference<Profile> cached;

  /** The frame names of the group's trees; changed under the group's write lock only. */
  private FrameNames names;

  Bucket(AggregationPeriod period, Instant start) {
    this(period, start, new FrameNames());
  }

  /**
   * Under the group's write lock: this bucket's trees keep their names in {@code to} from now on.
   */
  void moveNames(FrameNames to) {
    if (tree != null) {
      tree.moveNames(to);
    }
    names = to;
  }

  /** A bucket whose running trees keep their frame names in {@code names} (the group's). */
  Bucket(AggregationPeriod period, Instant start, FrameNames names) {
    this.period = period;
    this.start = start;
    this.names = names;
    boolean finest = period.finer() == null;
    this.tree = finest ? null : new MergeTree(names);
    this.profiles = finest ? new ArrayList<>(2) : null;
  }

  /** Under a lock: the bucket's call tree. Not to be mutated (it may be the running aggregate). */
  MergeTree tree() {
    if (tree != null) {
      return tree;
    }
    SoftReference<MergeTree> ref = merged;
    MergeTree t = ref == null ? null : ref.get();
    if (t == null) {
      t = new MergeTree();
      for (PostedProfile p : profiles) {
        t.mergeFrom(p.readTree());
      }
      merged = new SoftReference<>(t);
    }
    return t;
  }

  Instant end() {
    return period.bucketEnd(start);
  }

  /** Under a lock: how many more nodes {@link #add} would charge the bucket for {@code profile}. */
  long nodesToAdd(PostedProfile profile) {
    return tree != null ? tree.newNodes(profile.tree()) : keptNodesToAdd(profile);
  }

  /**
   * Under a lock: at least {@link #nodesToAdd}, without walking: a tree gains at most the profile's
   * nodes but its root.
   */
  long nodesToAddAtMost(PostedProfile profile) {
    return tree != null ? profile.nodes() - 1 : keptNodesToAdd(profile);
  }

  private long keptNodesToAdd(PostedProfile profile) {
    // The post that makes a bucket compact merges them all: at most all their nodes.
    return profiles.size() == ProfileAggregator.COMPACT_AFTER
        ? Math.max(0, mergedUpperBound(profile) - chargedNodes)
        : profile.keptCharge();
  }

  private long mergedUpperBound(PostedProfile adding) {
    long nodes = adding.nodes();
    for (PostedProfile p : profiles) {
      nodes += p.nodes();
    }
    return nodes;
  }

  /**
   * Under the write lock; the caller has checked that no total overflows. Returns whether the
   * caller must merge the profile's tree into {@link #tree} (it does so for all such buckets in one
   * walk).
   */
  boolean add(PostedProfile profile, Map<String, Long> profileTotals) {
    cached = null;
    version++;
    boolean callerMerges = tree != null;
    if (tree == null) {
      merged = null;
      profiles.add(profile);
      chargedNodes += profile.keptCharge();
      if (profiles.size() > ProfileAggregator.COMPACT_AFTER) {
        // A busy bucket: merge its profiles once, so its memory is bounded by its distinct frames
        // rather than growing with every post.
        MergeTree t = new MergeTree(names);
        for (PostedProfile p : profiles) {
          t.mergeFrom(p == profile ? profile.tree() : p.readTree());
        }
        tree = t;
        profiles = null;
        chargedNodes = t.nodes();
      }
    }
    profileTotals.forEach((k, v) -> totals.merge(k, v, Long::sum));
    metadata = metadata.mergedWith(profile.metadata());
    if (earliestProfileStart == null || profile.start().isBefore(earliestProfileStart)) {
      earliestProfileStart = profile.start();
    }
    if (latestProfileEnd == null || profile.end().isAfter(latestProfileEnd)) {
      latestProfileEnd = profile.end();
    }
    profileCount++;
    return callerMerges;
  }

  /**
   * Under a lock (read or write): the immutable aggregate from bucket start to bucket end. Several
   * readers may build it at once; they build equal profiles from the unchanging builder.
   */
  Profile profile() {
    SoftReference<Profile> ref = cached;
    Profile p = ref == null ? null : ref.get();
    if (p == null) {
      p = Profile.builder(start, end()).agentMetadata(metadata).callTree(tree().build()).build();
      cached = new SoftReference<>(p);
    }
    return p;
  }
}

package dev.fakeguru.internal.aggregation;

import dev.fakeguru.profile.AgentMetadata;
import dev.fakeguru.profile.Profile;
import java.lang.ref.SoftReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The aggregate of one bucket. Mutated under the group's write lock. Internal.
 *
 * <p>A bucket holds its call tree in one of three ways:
 *
 * <ul>
 *   <li><b>kept</b> (5 minutes, up to {@link ProfileAggregator#COMPACT_AFTER} posts): the posts
 *       themselves, merged when read (their bytes are kept anyway);
 *   <li><b>derived</b> (an hour or a day while the finer buckets it spans are kept): nothing of its
 *       own; its tree is the merge of those finer buckets' trees, made when read. So a post is
 *       merged into no tree at all while its 5-minute bucket keeps it, and the store holds each
 *       distinct frame once per kept post rather than again in an hour's and a day's tree;
 *   <li><b>running</b> (a compacted 5-minute bucket, and an hour or a day that {@link #takeOver
 *       took over} from finer buckets about to expire, or that received a post its finer period no
 *       longer keeps): a {@link MergeTree} every post is merged into.
 * </ul>
 *
 * The tree of the last read of a kept or derived bucket is remembered while memory allows, and
 * later posts are merged into it when that gives the tree a fresh read would make (node order
 * included): always for a kept bucket, and for a derived one when the post went to its last finer
 * bucket (the usual case: agents post "now"); otherwise it is forgotten.
 */
final class Bucket {
  final AggregationPeriod period;
  final Instant start;

  /** Running buckets: the aggregate every post is merged into. */
  MergeTree tree;

  /** Kept buckets: the profiles, in arrival order; null once compacted. */
  List<PostedProfile> profiles;

  /** Kept and derived buckets: the tree of the last read, while memory allows. */
  volatile SoftReference<MergeTree> merged;

  /**
   * Derived and running coarse buckets: the group's buckets of the next finer period (read under
   * the group's lock); null for 5-minute buckets.
   */
  private final NavigableMap<Instant, Bucket> finer;

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

  /**
   * Under the group's write lock: this bucket's trees keep their names in {@code to} from now on.
   */
  void moveNames(FrameNames to) {
    if (tree != null) {
      tree.moveNames(to);
    }
    names = to;
  }

  /**
   * A bucket whose running trees keep their frame names in {@code names} (the group's): kept for 5
   * minutes; for a coarser period, derived from the buckets of {@code finer} it spans, or, when
   * {@code finer} is null, running.
   */
  Bucket(
      AggregationPeriod period,
      Instant start,
      FrameNames names,
      NavigableMap<Instant, Bucket> finer) {
    this.period = period;
    this.start = start;
    this.names = names;
    this.finer = finer;
    boolean finest = period.finer() == null;
    this.tree = finest || finer != null ? null : new MergeTree(names);
    this.profiles = finest ? new ArrayList<>(2) : null;
  }

  /** Whether the bucket is derived from finer buckets (has no tree of its own). */
  boolean derived() {
    return tree == null && profiles == null;
  }

  /**
   * Under a lock: the bucket's call tree, remembered while memory allows if it had to be made. Not
   * to be mutated (it may be the running aggregate).
   */
  MergeTree tree() {
    MergeTree t = ownOrRemembered();
    if (t == null) {
      t = merge(new MergeTree());
      merged = new SoftReference<>(t);
    }
    return t;
  }

  /**
   * Under a lock: merges this bucket's tree into {@code into}: its own or remembered tree if it has
   * one, and otherwise straight from what it derives from (the posts it keeps, or its finer
   * buckets, recursively), without making or remembering a tree of its own in between (reading a
   * day does not make a tree for each of its hours). Merging in time order gives the node order its
   * own tree would.
   */
  void mergeInto(MergeTree into) {
    MergeTree own = ownOrRemembered();
    if (own != null) {
      into.mergeFrom(own);
    } else {
      merge(into);
    }
  }

  /**
   * Under a lock: the running tree, or the tree of the last read while memory keeps it; or null.
   */
  private MergeTree ownOrRemembered() {
    if (tree != null) {
      return tree;
    }
    SoftReference<MergeTree> ref = merged;
    return ref == null ? null : ref.get();
  }

  /** Merges into {@code into} what a kept or derived bucket holds, in time order. */
  private MergeTree merge(MergeTree into) {
    if (profiles != null) {
      for (PostedProfile p : profiles) {
        into.mergeFrom(p.readTree());
      }
    } else {
      for (Bucket b : finer.subMap(start, true, end(), false).values()) {
        b.mergeInto(into);
      }
    }
    return into;
  }

  /**
   * Under the write lock: a derived bucket gets a running tree of its own (with the group's names)
   * before a finer bucket it derives from is dropped, or before a post its finer period does not
   * keep. Returns the nodes of the new tree, which the caller charges.
   */
  long takeOver() {
    tree = merge(new MergeTree(names));
    merged = null;
    return tree.nodes();
  }

  /**
   * Under a lock, for a derived bucket: whether a post starting at {@code postStart}, already added
   * to its finer buckets, went to the last of them at every level, so that merging it into the
   * remembered tree gives the tree a fresh read would make.
   */
  private boolean endsWith(Instant postStart) {
    Map.Entry<Instant, Bucket> last = finer.lowerEntry(end());
    if (last == null || !last.getKey().equals(period.finer().bucketStart(postStart))) {
      return false;
    }
    Bucket b = last.getValue();
    return !b.derived() || b.endsWith(postStart);
  }

  Instant end() {
    return period.bucketEnd(start);
  }

  /**
   * Under a lock: how many more nodes {@link #add} would charge the bucket for {@code profile}. A
   * derived bucket that must take over first is charged the profile's nodes but its root (an upper
   * bound; what it takes over from its finer buckets is charged without a check, as when they
   * expire).
   */
  long nodesToAdd(PostedProfile profile, boolean viaFiner) {
    if (tree != null) {
      return tree.newNodes(profile.tree());
    }
    if (derived()) {
      return viaFiner ? 0 : profile.nodes() - 1;
    }
    return keptNodesToAdd(profile);
  }

  /**
   * Under a lock: at least {@link #nodesToAdd}, without walking: a tree gains at most the profile's
   * nodes but its root.
   */
  long nodesToAddAtMost(PostedProfile profile, boolean viaFiner) {
    if (tree != null) {
      return profile.nodes() - 1;
    }
    if (derived()) {
      return viaFiner ? 0 : profile.nodes() - 1;
    }
    return keptNodesToAdd(profile);
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
   * Under the write lock; the caller has checked that no total overflows, and has added the profile
   * to the finer buckets first. Returns the tree the caller must merge the profile's tree into (it
   * does so for all buckets in one walk): the running tree, or the remembered tree of a read where
   * that is exact; null for none.
   */
  MergeTree add(PostedProfile profile, Map<String, Long> profileTotals) {
    cached = null;
    version++;
    MergeTree callerMerges = ownOrRemembered();
    if (tree == null) {
      // Kept posts are merged in arrival order, so a remembered tree can always take one more; a
      // derived bucket's only when the post went to its last finer bucket.
      if (callerMerges != null && derived() && !endsWith(profile.start())) {
        callerMerges = null;
      }
      if (callerMerges == null) {
        merged = null;
      }
    }
    if (profiles != null) {
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
        merged = null;
        callerMerges = null;
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
   * Under a lock (read or write): the immutable aggregate from bucket start to bucket end, made
   * again after an add only where the add reached ({@link MergeTree#buildReusing()}). Several
   * readers may ask at once; they get equal profiles of the unchanging tree.
   */
  Profile profile() {
    SoftReference<Profile> ref = cached;
    Profile p = ref == null ? null : ref.get();
    if (p == null) {
      p =
          Profile.builder(start, end())
              .agentMetadata(metadata)
              .callTree(tree().buildReusing())
              .build();
      cached = new SoftReference<>(p);
    }
    return p;
  }
}

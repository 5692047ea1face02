package dev.fakeguru.internal.aggregation;

import dev.fakeguru.internal.RecentlyUsed;
import dev.fakeguru.profile.Profile;
import java.lang.ref.SoftReference;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One group's last few combined reads, so that a read whose buckets did not change is answered with
 * the same {@link Profile}, and a read whose newest bucket only grew merges just the new posts.
 * Internal.
 *
 * <p>A read is remembered by range and plan (the buckets used) with the versions those buckets had
 * ({@link Bucket#version}): a post to a bucket outside the plan leaves it valid. When the only
 * bucket that changed is the plan's last (posts arrive at "now", and dashboards read up to "now"),
 * the remembered combined tree absorbs the posts added since, from {@link #added}'s short log: the
 * result is the one a full merge would give, node order included, because the full merge merges
 * that bucket last too; the answer is then made again sharing every subtree those posts did not
 * reach ({@link MergeTree#buildReusing()}). Any other change (a post to an earlier bucket, a new or
 * expired bucket, a log that no longer reaches back, a reset or delete, which drop the group)
 * merges everything again.
 *
 * <p>Thread-safety: {@link #added} under the group's write lock, {@link #read} under its read lock
 * (readers run in parallel; each remembered read has its own monitor).
 */
final class CombinedReads {
  /** How many adds the log keeps: a poller that misses more merges everything again. */
  static final int LOG = 16;

  /** What a combined read depends on besides its buckets' versions. */
  record Key(Instant lo, Instant hi, List<Bucket> plan) {}

  /** One remembered read. Guarded by its own monitor. */
  private static final class Entry {
    long[] versions;
    long seq;
    Profile result;

    /** The combined tree, private to this entry; dropped when memory is short. */
    SoftReference<MergeTree> tree;
  }

  /** An add: the group's sequence number after it, the profile and the buckets it went into. */
  private record Add(long seq, PostedProfile profile, List<Bucket> buckets) {}

  private final RecentlyUsed<Key, Entry> recent =
      new RecentlyUsed<>(ProfileAggregator.RECENT_RESULTS);
  private final ArrayDeque<Add> log = new ArrayDeque<>(LOG);

  /** Under the write lock, after a successful add: logs it for the delta merge. */
  void added(long seq, PostedProfile profile, List<Bucket> buckets) {
    if (log.size() == LOG) {
      log.pollFirst();
    }
    log.addLast(new Add(seq, profile, List.copyOf(buckets)));
  }

  /**
   * Under the read lock: the combined read of {@code plan} (at least two buckets) at the group's
   * sequence number {@code seq}; {@code full} merges the plan's buckets into a fresh tree and
   * {@code build} makes the answer of a combined tree (both are called only here).
   */
  Profile read(
      Key key,
      long seq,
      Function<List<Bucket>, MergeTree> full,
      Function<MergeTree, Profile> build) {
    List<Bucket> plan = key.plan();
    long[] versions = new long[plan.size()];
    for (int i = 0; i < versions.length; i++) {
      versions[i] = plan.get(i).version;
    }
    Entry e = recent.get(key);
    if (e != null) {
      synchronized (e) {
        if (Arrays.equals(e.versions, versions)) {
          return e.result;
        }
        MergeTree t = e.tree == null ? null : e.tree.get();
        if (t != null && absorb(e, t, plan, versions, seq)) {
          e.result = build.apply(t);
          e.versions = versions;
          e.seq = seq;
          return e.result;
        }
      }
    }
    MergeTree t = full.apply(plan);
    Entry fresh = new Entry();
    fresh.versions = versions;
    fresh.seq = seq;
    fresh.tree = new SoftReference<>(t);
    fresh.result = build.apply(t);
    recent.put(key, fresh);
    return fresh.result;
  }

  /**
   * Merges into {@code t} the posts added since {@code e} was computed, if they all went to the
   * plan's last bucket and the log still has every one of them; otherwise leaves {@code t} as it
   * was and returns false.
   */
  private boolean absorb(Entry e, MergeTree t, List<Bucket> plan, long[] versions, long seq) {
    int last = plan.size() - 1;
    for (int i = 0; i < last; i++) {
      if (versions[i] != e.versions[i]) {
        return false;
      }
    }
    Bucket newest = plan.get(last);
    long expected = e.seq + 1;
    int posts = 0;
    for (Add a : log) {
      if (a.seq() <= e.seq) {
        continue;
      }
      if (a.seq() != expected++) {
        return false; // a gap: an add that is not logged
      }
      posts += a.buckets().contains(newest) ? 1 : 0;
    }
    if (expected != seq + 1 || versions[last] - e.versions[last] != posts) {
      return false;
    }
    try {
      for (Add a : log) {
        if (a.seq() > e.seq && a.buckets().contains(newest)) {
          t.mergeFrom(a.profile().tree());
        }
      }
    } catch (RuntimeException ex) {
      e.tree = null; // half merged: never use it again
      throw ex;
    }
    return true;
  }
}

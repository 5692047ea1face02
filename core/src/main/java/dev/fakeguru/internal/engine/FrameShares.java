package dev.fakeguru.internal.engine;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LocatedNode;
import dev.fakeguru.profile.Profile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Shares of samples in a call tree, as BatchGetFrameMetricData and derived recommendations count
 * them: a frame (or a call chain) holds the samples of its outermost occurrences, so a frame that
 * calls itself counts each sample once. Counter types are those named, or all of them when none
 * are. Stateless. Internal.
 */
public final class FrameShares {
  private FrameShares() {}

  /** The samples of {@code counts} of the given counter types (all when none are given). */
  public static long samples(Map<String, Long> counts, Collection<String> counterTypes) {
    long s = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (counterTypes.isEmpty() || counterTypes.contains(e.getKey())) {
        s += e.getValue();
      }
    }
    return s;
  }

  /**
   * The share of samples whose stack holds {@code frame}, from 0 to 1 (0 for a profile without
   * samples of those counter types).
   */
  public static double relativeTotalTime(Profile p, String frame, Collection<String> counterTypes) {
    long all = samples(p.callTree().totalCounts(), counterTypes);
    if (all == 0) {
      return 0.0;
    }
    long inFrame = 0;
    for (LocatedNode n : outermost(p.callTree(), List.of(frame))) {
      inFrame += samples(n.node().totalCounts(), counterTypes);
    }
    return (double) inFrame / all;
  }

  /**
   * The nodes that end {@code chain} (frame names, caller first, contiguous on the path) and have
   * no ancestor that ends it too, in walk order.
   */
  static List<LocatedNode> outermost(CallTreeNode root, List<String> chain) {
    List<LocatedNode> out = new ArrayList<>();
    for (LocatedNode n : root.walk()) {
      if (ends(n, chain) && !hasAncestorEnding(n, chain)) {
        out.add(n);
      }
    }
    return out;
  }

  private static boolean ends(LocatedNode n, List<String> chain) {
    LocatedNode at = n;
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (at == null || !at.frame().equals(chain.get(i))) {
        return false;
      }
      at = at.parent();
    }
    return true;
  }

  private static boolean hasAncestorEnding(LocatedNode n, List<String> chain) {
    for (LocatedNode a = n.parent(); a != null; a = a.parent()) {
      if (ends(a, chain)) {
        return true;
      }
    }
    return false;
  }
}

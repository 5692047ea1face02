package dev.fakeguru.flamegraph;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LineRange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A call tree flattened for drawing: frames in depth-first order, parents before children, children
 * ordered by frame name (so equal trees give the same table whatever order their children were
 * added in), with each frame's totals and self counts in every {@link CounterView}, and for a
 * differential graph the same for the frame at the same path in the baseline. Built without
 * recursion, in time linear in the frames (plus sorting each node's children).
 */
final class FrameTable {
  final List<CounterView> views;
  final String[] names;
  final String[] sources;
  final int[] parents;
  final int[] depths;
  final int maxDepth;

  /** {@code totals[view][frame]}, {@code selves[view][frame]}. */
  final long[][] totals;

  final long[][] selves;

  /** The baseline's counts at the same paths (0 where the path is absent), or null. */
  final long[][] baselineTotals;

  final long[][] baselineSelves;

  /** Per view: the baseline's samples in frames the current tree does not have. */
  final long[] vanishedTotals;

  /** The number of baseline frames the current tree does not have. */
  final long vanishedFrames;

  private FrameTable(Builder b, List<CounterView> views, boolean diff) {
    int n = b.names.size();
    this.views = views;
    this.names = b.names.toArray(new String[0]);
    this.sources = b.sources.toArray(new String[0]);
    this.parents = b.parents.stream().mapToInt(Integer::intValue).toArray();
    this.depths = b.depths.stream().mapToInt(Integer::intValue).toArray();
    this.maxDepth = b.maxDepth;
    this.totals = new long[views.size()][n];
    this.selves = new long[views.size()][n];
    this.baselineTotals = diff ? new long[views.size()][n] : null;
    this.baselineSelves = diff ? new long[views.size()][n] : null;
    this.vanishedTotals = new long[views.size()];
    for (int i = 0; i < n; i++) {
      CallTreeNode node = b.nodes.get(i);
      CallTreeNode base = diff ? b.baselineNodes.get(i) : null;
      for (int v = 0; v < views.size(); v++) {
        for (String counterType : views.get(v).counterTypes()) {
          totals[v][i] += node.totalCount(counterType);
          selves[v][i] += node.selfCount(counterType);
          if (base != null) {
            baselineTotals[v][i] += base.totalCount(counterType);
            baselineSelves[v][i] += base.selfCount(counterType);
          }
        }
      }
    }
    long gone = 0;
    for (CallTreeNode vanished : b.vanished) {
      gone += vanished.size();
      for (int v = 0; v < views.size(); v++) {
        for (String counterType : views.get(v).counterTypes()) {
          vanishedTotals[v] += vanished.totalCount(counterType);
        }
      }
    }
    this.vanishedFrames = gone;
  }

  /** The frames of {@code root}; frame 0 is the root itself, named {@code rootName}. */
  static FrameTable of(CallTreeNode root, String rootName, String counterType) {
    Builder b = new Builder();
    b.walk(root, null, rootName);
    return new FrameTable(b, CounterView.of(root.counterTypes(), counterType), false);
  }

  /**
   * The frames of {@code current}, each with the counts of the frame at the same path in {@code
   * baseline}.
   */
  static FrameTable diff(
      CallTreeNode baseline, CallTreeNode current, String rootName, String counterType) {
    Builder b = new Builder();
    b.walk(current, baseline, rootName);
    return new FrameTable(b, CounterView.of(current.counterTypes(), counterType), true);
  }

  int size() {
    return names.length;
  }

  boolean isDiff() {
    return baselineTotals != null;
  }

  private static final class Builder {
    final List<String> names = new ArrayList<>();
    final List<String> sources = new ArrayList<>();
    final List<Integer> parents = new ArrayList<>();
    final List<Integer> depths = new ArrayList<>();
    final List<CallTreeNode> nodes = new ArrayList<>();
    final List<CallTreeNode> baselineNodes = new ArrayList<>();
    final List<CallTreeNode> vanished = new ArrayList<>();
    int maxDepth;

    private record Pending(CallTreeNode node, CallTreeNode baseline, int parent, int depth) {}

    void walk(CallTreeNode root, CallTreeNode baselineRoot, String rootName) {
      Deque<Pending> stack = new ArrayDeque<>();
      stack.push(new Pending(root, baselineRoot, -1, 0));
      Comparator<CallTreeNode> byName = Comparator.comparing(CallTreeNode::frame);
      while (!stack.isEmpty()) {
        Pending p = stack.pop();
        int index = names.size();
        names.add(p.parent < 0 ? rootName : p.node.frame());
        sources.add(source(p.node));
        parents.add(p.parent);
        depths.add(p.depth);
        nodes.add(p.node);
        baselineNodes.add(p.baseline);
        maxDepth = Math.max(maxDepth, p.depth);
        List<CallTreeNode> children = new ArrayList<>(p.node.children());
        children.sort(byName.reversed()); // popped in ascending order
        for (CallTreeNode c : children) {
          CallTreeNode b = p.baseline == null ? null : p.baseline.child(c.frame()).orElse(null);
          stack.push(new Pending(c, b, index, p.depth + 1));
        }
        if (p.baseline != null) {
          Set<String> here = new LinkedHashSet<>();
          p.node.children().forEach(c -> here.add(c.frame()));
          for (CallTreeNode bc : p.baseline.children()) {
            if (!here.contains(bc.frame())) {
              vanished.add(bc);
            }
          }
        }
      }
    }

    private static String source(CallTreeNode node) {
      if (node.file().isEmpty()) {
        return null;
      }
      LineRange lines = node.lines().orElse(null);
      if (lines == null) {
        return node.file().get();
      }
      return node.file().get()
          + ":"
          + lines.first()
          + (lines.isSingleLine() ? "" : "-" + lines.last());
    }
  }
}

package dev.fakeguru.assertj.internal;

import dev.fakeguru.profile.CallTreeNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Renders a call tree as text with box-drawing characters, one frame per line:
 *
 * <pre>
 * profile  total 100
 * ├─ main  self 0  total 100 (100.0%)
 * │  ├─ handle  self 10  total 40 (40.0%)
 * │  │  └─ queryDb  self 30  total 30 (30.0%)
 * │  └─ … 3 more (total 12)
 * └─ idle  self 60  total 60 (60.0%)
 *    └─ … 2 frames deeper
 * </pre>
 *
 * <p>Children are ordered by total descending, then by name, so the output is stable whatever order
 * the agent sent them in. Depth and width are limited; hidden parts are summarised by {@code …}
 * markers. In the single-counter mode each line shows the self and total count of one counter type
 * and the total's share of a reference total; in the {@linkplain #allCounters() all-counters mode}
 * (used for tree equality) every counter type is shown and no share.
 *
 * <p>The output is plain text: use {@link MessageText#literal(String)} before putting it into a
 * message format. Rendering never recurses on the Java stack. Immutable; thread-safe.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TreeRenderer {
  /** The depth limit used in failure messages. */
  public static final int DEFAULT_MAX_DEPTH = 4;

  /** The width limit used in failure messages. */
  public static final int DEFAULT_MAX_CHILDREN = 20;

  /** The line limit of the canonical (all-counters) rendering. */
  public static final int CANONICAL_MAX_LINES = 500;

  private final String counterType;
  private final long referenceTotal;
  private final int maxDepth;
  private final int maxChildren;
  private final int maxLines;

  private TreeRenderer(
      String counterType, long referenceTotal, int maxDepth, int maxChildren, int maxLines) {
    this.counterType = counterType;
    this.referenceTotal = referenceTotal;
    this.maxDepth = maxDepth;
    this.maxChildren = maxChildren;
    this.maxLines = maxLines;
  }

  /**
   * A renderer of one counter type, with shares relative to {@code referenceTotal} (a share is
   * omitted when it is 0), limited to {@link #DEFAULT_MAX_DEPTH} levels and {@link
   * #DEFAULT_MAX_CHILDREN} children per node.
   */
  public static TreeRenderer forCounter(String counterType, long referenceTotal) {
    return new TreeRenderer(
        counterType, referenceTotal, DEFAULT_MAX_DEPTH, DEFAULT_MAX_CHILDREN, Integer.MAX_VALUE);
  }

  /**
   * A renderer of every counter type, without depth or width limits but cut after {@value
   * #CANONICAL_MAX_LINES} lines (the indentation of a very deep tree would otherwise make the text
   * grow quadratically): the canonical form of a tree.
   */
  public static TreeRenderer allCounters() {
    return new TreeRenderer(null, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, CANONICAL_MAX_LINES);
  }

  /** A copy that shows at most {@code maxDepth} levels below the root. */
  public TreeRenderer maxDepth(int maxDepth) {
    if (maxDepth < 0) {
      throw new IllegalArgumentException(
          "The maximum depth must not be negative, but was " + maxDepth + ".");
    }
    return new TreeRenderer(counterType, referenceTotal, maxDepth, maxChildren, maxLines);
  }

  /** A copy that stops after {@code maxLines} lines, ending with a {@code …} marker. */
  public TreeRenderer maxLines(int maxLines) {
    if (maxLines < 1) {
      throw new IllegalArgumentException(
          "The maximum number of lines must be at least 1, but was " + maxLines + ".");
    }
    return new TreeRenderer(counterType, referenceTotal, maxDepth, maxChildren, maxLines);
  }

  /** A copy that shows at most {@code maxChildren} children per node. */
  public TreeRenderer maxChildren(int maxChildren) {
    if (maxChildren < 1) {
      throw new IllegalArgumentException(
          "The maximum number of children must be at least 1, but was " + maxChildren + ".");
    }
    return new TreeRenderer(counterType, referenceTotal, maxDepth, maxChildren, maxLines);
  }

  /** The heading for a rendered tree, e.g. {@code Call tree (depth ≤ 4, 20 children per node)}. */
  public String heading() {
    if (maxDepth == Integer.MAX_VALUE && maxChildren == Integer.MAX_VALUE) {
      return "Call tree";
    }
    return "Call tree ("
        + (counterType == null ? "" : counterType + ", ")
        + "depth ≤ "
        + maxDepth
        + ", "
        + maxChildren
        + " children per node)";
  }

  /**
   * The tree below {@code root}, whose own line is labelled {@code rootLabel}. No trailing newline.
   */
  public String render(CallTreeNode root, String rootLabel) {
    List<String> lines = new ArrayList<>();
    lines.add(rootLine(root, rootLabel));
    Deque<Object[]> stack =
        new ArrayDeque<>(); // {String line} or {CallTreeNode, String prefix, Boolean last, Integer
    // depth}
    pushChildren(stack, root, "", 0);
    while (!stack.isEmpty()) {
      if (lines.size() >= maxLines) {
        lines.add("… (cut after " + maxLines + " lines)");
        break;
      }
      Object[] e = stack.pop();
      if (e.length == 1) {
        lines.add((String) e[0]);
        continue;
      }
      CallTreeNode n = (CallTreeNode) e[0];
      String prefix = (String) e[1];
      boolean last = (Boolean) e[2];
      int depth = (Integer) e[3];
      lines.add(prefix + (last ? "└─ " : "├─ ") + line(n));
      String childPrefix = prefix + (last ? "   " : "│  ");
      pushChildren(stack, n, childPrefix, depth);
    }
    return String.join("\n", lines);
  }

  private void pushChildren(Deque<Object[]> stack, CallTreeNode node, String prefix, int depth) {
    if (depth >= maxDepth) {
      if (!node.isLeaf()) {
        long hidden = node.size() - 1;
        stack.push(
            new Object[] {
              prefix + "└─ … " + hidden + (hidden == 1 ? " frame deeper" : " frames deeper")
            });
      }
      return;
    }
    List<CallTreeNode> children = sorted(node.children());
    int shown = Math.min(children.size(), maxChildren);
    int hidden = children.size() - shown;
    List<Object[]> entries = new ArrayList<>();
    for (int i = 0; i < shown; i++) {
      boolean last = i == shown - 1 && hidden == 0;
      entries.add(new Object[] {children.get(i), prefix, last, depth + 1});
    }
    if (hidden > 0) {
      Map<String, Long> hiddenTotals = new TreeMap<>();
      for (CallTreeNode c : children.subList(shown, children.size())) {
        c.totalCounts().forEach((k, v) -> hiddenTotals.merge(k, v, Long::sum));
      }
      String total =
          counterType != null
              ? "total " + hiddenTotals.getOrDefault(counterType, 0L)
              : "total " + counts(hiddenTotals);
      entries.add(new Object[] {prefix + "└─ … " + hidden + " more (" + total + ")"});
    }
    for (int i = entries.size() - 1; i >= 0; i--) {
      stack.push(entries.get(i));
    }
  }

  private List<CallTreeNode> sorted(List<CallTreeNode> children) {
    List<CallTreeNode> list = new ArrayList<>(children);
    list.sort(
        Comparator.comparingLong((CallTreeNode c) -> -sortKey(c))
            .thenComparing(CallTreeNode::frame));
    return list;
  }

  private long sortKey(CallTreeNode c) {
    if (counterType != null) {
      return c.totalCount(counterType);
    }
    long sum = 0;
    for (long v : c.totalCounts().values()) {
      sum += v;
    }
    return sum;
  }

  private String rootLine(CallTreeNode root, String label) {
    if (counterType != null && root.selfCount(counterType) == 0) {
      return label + "  total " + root.totalCount(counterType);
    }
    if (counterType == null && nonZero(root.selfCounts()).isEmpty()) {
      return label + "  total " + counts(root.totalCounts());
    }
    return label + "  " + countsText(root);
  }

  private String line(CallTreeNode n) {
    return n.frame() + "  " + countsText(n);
  }

  private String countsText(CallTreeNode n) {
    if (counterType == null) {
      return "self " + counts(n.selfCounts()) + "  total " + counts(n.totalCounts());
    }
    long total = n.totalCount(counterType);
    String text = "self " + n.selfCount(counterType) + "  total " + total;
    if (referenceTotal > 0) {
      text += " (" + CallTrees.percent(CallTrees.share(total, referenceTotal)) + ")";
    }
    return text;
  }

  private static Map<String, Long> nonZero(Map<String, Long> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach(
        (k, v) -> {
          if (v != 0) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Counts as {@code TYPE=n} pairs sorted by type, zero counts left out; {@code 0} when none. */
  static String counts(Map<String, Long> counts) {
    Map<String, Long> nz = nonZero(counts);
    if (nz.isEmpty()) {
      return "0";
    }
    StringBuilder sb = new StringBuilder();
    for (String k : new TreeSet<>(nz.keySet())) {
      sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(nz.get(k));
    }
    return sb.toString();
  }
}

package dev.fakeguru.assertj.internal;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LocatedNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Computations over a call tree used by the assertions. Nothing here recurses on the Java stack, so
 * very deep trees are safe.
 *
 * <p><b>Inclusive total of a frame.</b> The samples "spent in" frame {@code F} below a node are
 * those whose stack contains {@code F} at least once. In tree terms that is the sum of the totals
 * of the <em>outermost</em> occurrences of {@code F} (occurrences with no ancestor named {@code
 * F}), so a recursive frame is never counted twice.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CallTrees {
  private CallTrees() {}

  /** A path together with the node it leads to, relative to some starting node. */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public record PathNode(List<String> path, CallTreeNode node) {}

  /**
   * The inclusive total of {@code frame} among the descendants of {@code scope}: the sum of the
   * totals of its outermost occurrences.
   */
  public static long inclusiveTotal(CallTreeNode scope, String frame, String counterType) {
    long sum = 0;
    Deque<CallTreeNode> stack = new ArrayDeque<>(scope.children());
    while (!stack.isEmpty()) {
      CallTreeNode n = stack.pop();
      if (n.frame().equals(frame)) {
        sum += n.totalCount(counterType);
      } else {
        n.children().forEach(stack::push);
      }
    }
    return sum;
  }

  /** The number of nodes named {@code frame} below {@code scope}. */
  public static int occurrenceCount(CallTreeNode scope, String frame) {
    return (int) scope.descendants().filter(n -> n.frame().equals(frame)).count();
  }

  /** Self counts summed per frame name below {@code root}, only frames with a positive count. */
  public static Map<String, Long> selfByFrame(CallTreeNode root, String counterType) {
    Map<String, Long> out = new HashMap<>();
    root.descendants()
        .forEach(
            n -> {
              long c = n.node().selfCount(counterType);
              if (c > 0) {
                out.merge(n.frame(), c, Long::sum);
              }
            });
    return out;
  }

  /** Inclusive totals per frame name below {@code root}, only frames with a positive total. */
  public static Map<String, Long> totalByFrame(CallTreeNode root, String counterType) {
    Map<String, Long> out = new HashMap<>();
    Map<String, Integer> onPath = new HashMap<>();
    // entries: node to enter, or (exit marker) node to leave
    Deque<Object[]> stack = new ArrayDeque<>();
    for (CallTreeNode c : root.children()) {
      stack.push(new Object[] {c, Boolean.TRUE});
    }
    while (!stack.isEmpty()) {
      Object[] e = stack.pop();
      CallTreeNode n = (CallTreeNode) e[0];
      if (e[1] == Boolean.FALSE) {
        onPath.computeIfPresent(n.frame(), (k, v) -> v == 1 ? null : v - 1);
        continue;
      }
      if (!onPath.containsKey(n.frame())) {
        long t = n.totalCount(counterType);
        if (t > 0) {
          out.merge(n.frame(), t, Long::sum);
        }
      }
      onPath.merge(n.frame(), 1, Integer::sum);
      stack.push(new Object[] {n, Boolean.FALSE});
      for (CallTreeNode c : n.children()) {
        stack.push(new Object[] {c, Boolean.TRUE});
      }
    }
    return out;
  }

  /** Frame names ordered by count descending, then by name. */
  public static List<Map.Entry<String, Long>> ranked(Map<String, Long> counts) {
    List<Map.Entry<String, Long>> list = new ArrayList<>(counts.entrySet());
    list.sort(
        Comparator.comparing((Map.Entry<String, Long> en) -> en.getValue())
            .reversed()
            .thenComparing(Map.Entry::getKey));
    return list;
  }

  /**
   * A partial or full match of a chain of frames: the path from the top to the deepest matched
   * frame.
   */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public record ChainMatch(List<String> path, CallTreeNode node, int matched) {}

  /**
   * The longest partial chain of {@code frames} anywhere below {@code root} (the first one in walk
   * order among equally long ones), or {@code null} when no frame is named {@code frames.get(0)}. A
   * full match has {@code matched() == frames.size()}.
   */
  public static ChainMatch longestChain(CallTreeNode root, List<String> frames) {
    ChainMatch best = null;
    Iterable<LocatedNode> walk = root.walk();
    for (LocatedNode located : walk) {
      if (!located.frame().equals(frames.get(0))) {
        continue;
      }
      CallTreeNode at = located.node();
      int matched = 1;
      while (matched < frames.size()) {
        CallTreeNode next = at.child(frames.get(matched)).orElse(null);
        if (next == null) {
          break;
        }
        at = next;
        matched++;
      }
      if (best == null || matched > best.matched()) {
        // the path is materialised only for a new best, so deep recursion stays linear
        List<String> path = new ArrayList<>(located.path());
        path.addAll(frames.subList(1, matched));
        best = new ChainMatch(List.copyOf(path), at, matched);
        if (matched == frames.size()) {
          return best;
        }
      }
    }
    return best;
  }

  /** A regular expression for a glob: {@code *} any run of characters, {@code ?} exactly one. */
  public static Pattern globPattern(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char ch : glob.toCharArray()) {
      if (ch == '*' || ch == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(ch == '*' ? ".*" : ".");
      } else {
        literal.append(ch);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /**
   * Every path from the top down to a node whose total is at least {@code thresholdPercent} of
   * {@code root}'s total, with that node's total. Totals only shrink going down, so the result is a
   * prefix closed set ("the hot part of the tree").
   */
  public static Map<List<String>, Long> hotPaths(
      CallTreeNode root, String counterType, double thresholdPercent) {
    long whole = root.totalCount(counterType);
    Map<List<String>, Long> out = new LinkedHashMap<>();
    if (whole == 0) {
      return out;
    }
    Deque<PathNode> stack = new ArrayDeque<>();
    for (CallTreeNode c : root.children()) {
      stack.push(new PathNode(List.of(c.frame()), c));
    }
    while (!stack.isEmpty()) {
      PathNode p = stack.pop();
      long t = p.node().totalCount(counterType);
      if (share(t, whole) < thresholdPercent) {
        continue;
      }
      out.put(p.path(), t);
      for (CallTreeNode c : p.node().children()) {
        List<String> child = new ArrayList<>(p.path());
        child.add(c.frame());
        stack.push(new PathNode(List.copyOf(child), c));
      }
    }
    return out;
  }

  /** {@code part} as a percentage of {@code whole} (0 when {@code whole} is 0). */
  public static double share(long part, long whole) {
    return whole == 0 ? 0.0 : part * 100.0 / whole;
  }

  /** A percentage with one decimal, e.g. {@code 40.0%}. */
  public static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f%%", value);
  }

  /** A number of percentage points with one decimal and a sign, e.g. {@code +4.5 pp}. */
  public static String points(double value) {
    return String.format(Locale.ROOT, "%+.1f pp", value);
  }

  /** Where two trees first differ, with what each side has there. */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public record TreeDifference(List<String> path, String actual, String expected) {}

  /**
   * The first difference between two trees (their roots' frame names ignored), comparing frame
   * names and self counts of every counter type, ignoring child order, files, lines and zero
   * counts; or {@code null} when they are equal. Children are visited by name, depth first, so the
   * result is stable.
   */
  public static TreeDifference firstDifference(CallTreeNode actual, CallTreeNode expected) {
    // entries: {PathLink, actual node or null, expected node or null}; paths are built only on
    // failure
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {null, actual, expected});
    while (!stack.isEmpty()) {
      Object[] e = stack.pop();
      PathLink link = (PathLink) e[0];
      CallTreeNode a = (CallTreeNode) e[1];
      CallTreeNode b = (CallTreeNode) e[2];
      if (a == null
          || b == null
          || !TreeRenderer.counts(a.selfCounts()).equals(TreeRenderer.counts(b.selfCounts()))) {
        return new TreeDifference(PathLink.toList(link), describe(a), describe(b));
      }
      java.util.TreeSet<String> names = new java.util.TreeSet<>();
      a.children().forEach(c -> names.add(c.frame()));
      b.children().forEach(c -> names.add(c.frame()));
      for (String name : names.descendingSet()) {
        stack.push(
            new Object[] {
              new PathLink(link, name), a.child(name).orElse(null), b.child(name).orElse(null)
            });
      }
    }
    return null;
  }

  private record PathLink(PathLink parent, String frame) {
    static List<String> toList(PathLink link) {
      java.util.LinkedList<String> out = new java.util.LinkedList<>();
      for (PathLink at = link; at != null; at = at.parent) {
        out.addFirst(at.frame);
      }
      return List.copyOf(out);
    }
  }

  private static String describe(CallTreeNode n) {
    return n == null
        ? "(no such frame)"
        : "self "
            + TreeRenderer.counts(n.selfCounts())
            + "  total "
            + TreeRenderer.counts(n.totalCounts());
  }
}

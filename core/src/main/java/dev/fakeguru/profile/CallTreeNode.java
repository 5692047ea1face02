package dev.fakeguru.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apiguardian.api.API;

/**
 * One node of a CodeGuru call tree: a frame name, its <b>self</b> counts per counter type (samples
 * whose stack ended at this frame), an optional source file and line range, and ordered children
 * with distinct frame names.
 *
 * <p>Derived views ({@link #totalCounts() totals}, {@link #height() height}, {@link #walk() walks},
 * {@link #merge(CallTreeNode) merging}, {@link #truncateBelow(int) truncation}) never recurse on
 * the Java stack, so trees tens of thousands of frames deep are safe. Totals and height are
 * computed once and cached.
 *
 * <p>Immutable and thread-safe. Equality is structural: frame, self counts, file, lines and the
 * children compared by frame name regardless of their order.
 *
 * <pre>{@code
 * CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
 * root.addStack(CounterTypes.WALL_TIME, 3, List.of("main", "handle"));
 * root.addStack(CounterTypes.WALL_TIME, 1, List.of("main"));
 * CallTreeNode tree = root.build();
 * tree.child("main").orElseThrow().totalCount(CounterTypes.WALL_TIME); // 4
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class CallTreeNode {

  /**
   * The name the agent format gives the synthetic root of a call graph; it never appears on the
   * wire.
   */
  public static final String ROOT_FRAME = "ALL";

  private final String frame;
  private final Map<String, Long> selfCounts;
  private final String file;
  private final LineRange lines;
  private final Map<String, CallTreeNode> children;
  private volatile Derived derived;

  private CallTreeNode(
      String frame,
      Map<String, Long> selfCounts,
      String file,
      LineRange lines,
      Map<String, CallTreeNode> children) {
    this.frame = frame;
    this.selfCounts = selfCounts;
    this.file = file;
    this.lines = lines;
    this.children = children;
  }

  /** A builder for a node with the given frame name. */
  public static Builder builder(String frame) {
    return new Builder(frame);
  }

  /**
   * A node made of its parts, sharing {@code children} rather than copying them (nodes are
   * immutable, so a subtree can belong to many trees): the cheap way to make a tree that differs
   * from another in a few nodes, as the fake does when a range it has answered gains a post.
   *
   * <pre>{@code
   * CallTreeNode work = CallTreeNode.leaf("work", Map.of(CounterTypes.WALL_TIME, 3L));
   * CallTreeNode main = CallTreeNode.of("main", Map.of(), "Main.java", null, List.of(work));
   * }</pre>
   *
   * @param selfCounts copied, in its iteration order
   * @param file the source file, or null for none
   * @param lines the line range, or null for none
   * @param children in order, with distinct frame names
   * @throws IllegalArgumentException if a count is negative or two children share a frame name
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static CallTreeNode of(
      String frame,
      Map<String, Long> selfCounts,
      String file,
      LineRange lines,
      List<CallTreeNode> children) {
    Builder.requireFrame(frame);
    Objects.requireNonNull(selfCounts, "selfCounts");
    Objects.requireNonNull(children, "children");
    Map<String, Long> counts = Map.of();
    if (!selfCounts.isEmpty()) {
      LinkedHashMap<String, Long> copy = new LinkedHashMap<>(selfCounts.size() * 4 / 3 + 1);
      selfCounts.forEach(
          (type, count) -> {
            requireCount(frame, type, Objects.requireNonNull(count, "count"));
            copy.put(type, count);
          });
      counts = Collections.unmodifiableMap(copy);
    }
    Map<String, CallTreeNode> kids = Map.of();
    if (!children.isEmpty()) {
      LinkedHashMap<String, CallTreeNode> m = new LinkedHashMap<>(children.size() * 4 / 3 + 1);
      for (CallTreeNode c : children) {
        if (m.putIfAbsent(Objects.requireNonNull(c, "child").frame, c) != null) {
          throw new IllegalArgumentException(
              "two children of frame '" + frame + "' are named '" + c.frame + "'");
        }
      }
      kids = Collections.unmodifiableMap(m);
    }
    return new CallTreeNode(frame, counts, file, lines, kids);
  }

  /** Refuses a null counter type or a negative count, naming the frame. */
  private static void requireCount(String frame, String counterType, long count) {
    Objects.requireNonNull(counterType, "counterType");
    if (count < 0) {
      throw new IllegalArgumentException(
          "count must be >= 0, but " + counterType + " of frame '" + frame + "' was " + count);
    }
  }

  /** A leaf with the given self counts. */
  public static CallTreeNode leaf(String frame, Map<String, Long> selfCounts) {
    Builder b = builder(frame);
    selfCounts.forEach(b::addSelfCount);
    return b.build();
  }

  /** An empty root: the call tree of a profile with no samples. */
  public static CallTreeNode emptyRoot() {
    return builder(ROOT_FRAME).build();
  }

  /** The frame name, e.g. {@code com.acme.Service.handle} or {@code polls.views:IndexView:get}. */
  public String frame() {
    return frame;
  }

  /** Self counts per counter type, in the order they were first added. Read-only. */
  public Map<String, Long> selfCounts() {
    return selfCounts;
  }

  /** The self count for one counter type, 0 when absent. */
  public long selfCount(String counterType) {
    return selfCounts.getOrDefault(counterType, 0L);
  }

  /** Self plus every descendant's self counts, per counter type. Read-only; computed once. */
  public Map<String, Long> totalCounts() {
    return derived().totals;
  }

  /** The total (self plus descendants) for one counter type, 0 when absent. */
  public long totalCount(String counterType) {
    return totalCounts().getOrDefault(counterType, 0L);
  }

  /** Every counter type that has a count in this subtree, in first-seen order. */
  public Set<String> counterTypes() {
    return totalCounts().keySet();
  }

  /** The source file the agent reported for this frame, if any. */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /** The range of source lines the agent reported for this frame, if any. */
  public Optional<LineRange> lines() {
    return Optional.ofNullable(lines);
  }

  /** The children in insertion order. Read-only. */
  public List<CallTreeNode> children() {
    return List.copyOf(children.values());
  }

  /** The children without a copy, for walks. */
  Collection<CallTreeNode> childNodes() {
    return children.values();
  }

  /** The child with this frame name. */
  public Optional<CallTreeNode> child(String childFrame) {
    return Optional.ofNullable(children.get(childFrame));
  }

  /** The number of direct children. */
  public int childCount() {
    return children.size();
  }

  /** Whether this node has no children. */
  public boolean isLeaf() {
    return children.isEmpty();
  }

  /** The number of frames on the longest downward path that starts here: 1 for a leaf. */
  public int height() {
    return derived().height;
  }

  /** The number of nodes in this subtree, this node included. */
  public long size() {
    return derived().size;
  }

  /**
   * Every descendant (not this node), depth first, parents before children, children in order.
   * Paths are relative to this node.
   */
  public Iterable<LocatedNode> walk() {
    return () -> new CallTreeWalks.WalkIterator(this);
  }

  /** The same walk as {@link #walk()}, as a stream. */
  public Stream<LocatedNode> descendants() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            new CallTreeWalks.WalkIterator(this), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** The descendants whose frame name satisfies the predicate, in walk order. */
  public List<LocatedNode> find(Predicate<String> framePredicate) {
    Objects.requireNonNull(framePredicate, "framePredicate");
    return descendants().filter(n -> framePredicate.test(n.frame())).toList();
  }

  /** The descendants whose frame name equals {@code frameName}, in walk order. */
  public List<LocatedNode> findFrame(String frameName) {
    return find(frameName::equals);
  }

  /** The descendant reached by following the frame names from this node's children downwards. */
  public Optional<CallTreeNode> nodeAt(List<String> path) {
    CallTreeNode at = this;
    for (String name : path) {
      // Leaves hold Map.of(), whose get(null) throws: a null name simply matches nothing.
      at = name == null ? null : at.children.get(name);
      if (at == null) {
        return Optional.empty();
      }
    }
    return Optional.of(at);
  }

  /** The same as {@link #nodeAt(List)}. */
  public Optional<CallTreeNode> nodeAt(String... path) {
    return nodeAt(List.of(path));
  }

  /**
   * The longest prefix of {@code path} that exists below this node: the frame names that matched.
   * Used to explain why a path is missing.
   */
  public List<String> longestExistingPrefix(List<String> path) {
    List<String> matched = new ArrayList<>();
    CallTreeNode at = this;
    for (String name : path) {
      at = name == null ? null : at.children.get(name);
      if (at == null) {
        break;
      }
      matched.add(name);
    }
    return List.copyOf(matched);
  }

  /**
   * The union of this tree and {@code other}, matched by frame-name path: counts are summed per
   * counter type, the first file seen is kept and line ranges are widened. The result keeps this
   * node's frame name.
   *
   * @throws ArithmeticException if a summed count overflows a {@code long}
   */
  public CallTreeNode merge(CallTreeNode other) {
    Builder b = toBuilder();
    b.mergeFrom(other);
    return b.build();
  }

  /**
   * A copy that keeps {@code levels} levels of descendants below this node; the counts of every
   * removed node are folded into the self counts of its deepest kept ancestor, so totals are
   * preserved. For a profile's root, {@code truncateBelow(2)} keeps the frames at depths 1 and 2.
   *
   * @throws IllegalArgumentException if {@code levels} is negative
   */
  public CallTreeNode truncateBelow(int levels) {
    if (levels < 0) {
      throw new IllegalArgumentException("levels must be >= 0, but was " + levels);
    }
    if (height() - 1 <= levels) {
      return this;
    }
    Builder top = new Builder(frame);
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {top, this, 0});
    while (!stack.isEmpty()) {
      Object[] entry = stack.pop();
      Builder into = (Builder) entry[0];
      CallTreeNode node = (CallTreeNode) entry[1];
      int depth = (Integer) entry[2];
      into.copyAttributes(node);
      if (depth == levels) {
        node.children.values().forEach(c -> c.totalCounts().forEach(into::addSelfCount));
        continue;
      }
      for (CallTreeNode c : node.children.values()) {
        stack.push(new Object[] {into.child(c.frame), c, depth + 1});
      }
    }
    return top.build();
  }

  /** A mutable copy of this tree. */
  public Builder toBuilder() {
    Builder b = new Builder(frame);
    b.mergeFrom(this);
    return b;
  }

  /** The counts in one line, e.g. {@code (self WALL_TIME=3, total WALL_TIME=10)}. */
  public String countsSummary() {
    return "(self " + formatCounts(selfCounts) + ", total " + formatCounts(totalCounts()) + ")";
  }

  private static String formatCounts(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "0";
    }
    StringBuilder sb = new StringBuilder();
    counts.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return sb.toString();
  }

  @Override
  public String toString() {
    return frame
        + " "
        + countsSummary()
        + (children.isEmpty()
            ? ""
            : " [" + children.size() + (children.size() == 1 ? " child]" : " children]"));
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof CallTreeNode other && CallTreeWalks.sameTree(this, other));
  }

  @Override
  public int hashCode() {
    Derived d = derived();
    return Objects.hash(frame, selfCounts, d.totals, d.height, d.size);
  }

  private Derived derived() {
    Derived d = derived;
    if (d == null) {
      computeDerived(this);
      d = derived;
    }
    return d;
  }

  /** Fills the cache bottom-up without recursion. */
  private static void computeDerived(CallTreeNode top) {
    Deque<CallTreeNode> stack = new ArrayDeque<>();
    stack.push(top);
    while (!stack.isEmpty()) {
      CallTreeNode n = stack.peek();
      if (n.derived != null) {
        stack.pop();
        continue;
      }
      boolean childrenReady = true;
      for (CallTreeNode c : n.children.values()) {
        if (c.derived == null) {
          stack.push(c);
          childrenReady = false;
        }
      }
      if (childrenReady) {
        n.derived = Derived.of(n);
        stack.pop();
      }
    }
  }

  private static final class Derived {
    final Map<String, Long> totals;
    final int height;
    final long size;

    private Derived(Map<String, Long> totals, int height, long size) {
      this.totals = totals;
      this.height = height;
      this.size = size;
    }

    static Derived of(CallTreeNode n) {
      Map<String, Long> totals = new LinkedHashMap<>(n.selfCounts);
      int height = 0;
      long size = 1;
      for (CallTreeNode c : n.children.values()) {
        Derived cd = c.derived;
        for (Map.Entry<String, Long> e : cd.totals.entrySet()) {
          totals.merge(e.getKey(), e.getValue(), CallTreeNode::addCounts);
        }
        height = Math.max(height, cd.height);
        size += cd.size;
      }
      return new Derived(Collections.unmodifiableMap(totals), height + 1, size);
    }
  }

  static long addCounts(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new ArithmeticException("sample count overflows a 64-bit long: " + a + " + " + b);
    }
  }

  /**
   * A mutable call-tree node, for building trees by hand, by codecs and by aggregation. Children
   * are kept by frame name, so adding the same stack twice adds to the same nodes.
   *
   * <p>Not thread-safe: confine a builder to one thread. {@link #build()} copies, so the builder
   * may be reused afterwards.
   *
   * <pre>{@code
   * CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
   * root.addStack(CounterTypes.WALL_TIME, 5, List.of("main", "work"));
   * root.child("main").file("Main.java").lines(LineRange.of(10, 12));
   * CallTreeNode tree = root.build();
   * }</pre>
   */
  public static final class Builder {
    private final String frame;
    private final LinkedHashMap<String, Long> selfCounts = new LinkedHashMap<>();
    private String file;
    private LineRange lines;
    private final LinkedHashMap<String, Builder> children = new LinkedHashMap<>();

    private Builder(String frame) {
      this.frame = requireFrame(frame);
    }

    private static String requireFrame(String frame) {
      if (frame == null) {
        throw new IllegalArgumentException("frame name must not be null");
      }
      return frame;
    }

    /** The frame name of this node. */
    public String frame() {
      return frame;
    }

    /**
     * Adds {@code count} self samples of {@code counterType}.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws ArithmeticException if the sum overflows a {@code long}
     */
    public Builder addSelfCount(String counterType, long count) {
      requireCount(frame, counterType, count);
      selfCounts.merge(counterType, count, CallTreeNode::addCounts);
      return this;
    }

    /**
     * Sets the self count of {@code counterType}, replacing any earlier value.
     *
     * @throws IllegalArgumentException if {@code count} is negative (the earlier value is kept)
     */
    public Builder selfCount(String counterType, long count) {
      requireCount(frame, counterType, count);
      selfCounts.put(counterType, count);
      return this;
    }

    /** Sets the source file. */
    public Builder file(String file) {
      this.file = file;
      return this;
    }

    /** Whether a source file is set. */
    public boolean hasFile() {
      return file != null;
    }

    /** Widens the line range to hold {@code more} (sets it when none is set). */
    public Builder widenLines(LineRange more) {
      this.lines = lines == null ? more : lines.widen(more);
      return this;
    }

    /** Sets the source line range. */
    public Builder lines(LineRange lines) {
      this.lines = lines;
      return this;
    }

    /** The child with this frame name, created (at the end of the children) if absent. */
    public Builder child(String childFrame) {
      return children.computeIfAbsent(requireFrame(childFrame), Builder::new);
    }

    /** The existing child with this frame name, if any. */
    public Optional<Builder> existingChild(String childFrame) {
      return Optional.ofNullable(children.get(childFrame));
    }

    /**
     * Adds {@code count} samples of {@code counterType} for the stack {@code frames} (outermost
     * first): the nodes on the path are created as needed and the last one gets the self count.
     */
    public Builder addStack(String counterType, long count, List<String> frames) {
      Builder at = this;
      for (String f : frames) {
        at = at.child(f);
      }
      at.addSelfCount(counterType, count);
      return this;
    }

    /** Merges {@code node} into the child of the same frame name (creating it if absent). */
    public Builder addChild(CallTreeNode node) {
      child(node.frame).mergeFrom(node);
      return this;
    }

    /**
     * Adds {@code node}'s counts, file, lines and children into this builder (the frame names need
     * not match: this builder's is kept).
     */
    public Builder mergeFrom(CallTreeNode node) {
      Deque<Object[]> stack = new ArrayDeque<>();
      stack.push(new Object[] {this, node});
      while (!stack.isEmpty()) {
        Object[] entry = stack.pop();
        Builder into = (Builder) entry[0];
        CallTreeNode from = (CallTreeNode) entry[1];
        into.copyAttributes(from);
        for (CallTreeNode c : from.children.values()) {
          stack.push(new Object[] {into.child(c.frame), c});
        }
      }
      return this;
    }

    private void copyAttributes(CallTreeNode from) {
      from.selfCounts.forEach(this::addSelfCount);
      if (file == null) {
        file = from.file;
      }
      lines = lines == null ? from.lines : lines.widen(from.lines);
    }

    /** An immutable copy of this subtree. */
    public CallTreeNode build() {
      // Post-order without recursion: a node is built once all of its children are.
      Map<Builder, CallTreeNode> built = new java.util.IdentityHashMap<>();
      Deque<Builder> stack = new ArrayDeque<>();
      stack.push(this);
      while (!stack.isEmpty()) {
        Builder b = stack.peek();
        boolean ready = true;
        for (Builder c : b.children.values()) {
          if (!built.containsKey(c)) {
            stack.push(c);
            ready = false;
          }
        }
        if (!ready) {
          continue;
        }
        stack.pop();
        Map<String, CallTreeNode> kids;
        if (b.children.isEmpty()) {
          kids = Map.of();
        } else {
          LinkedHashMap<String, CallTreeNode> m =
              new LinkedHashMap<>(b.children.size() * 4 / 3 + 1);
          for (Builder c : b.children.values()) {
            m.put(c.frame, built.remove(c));
          }
          kids = Collections.unmodifiableMap(m);
        }
        Map<String, Long> counts =
            b.selfCounts.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.selfCounts));
        built.put(b, new CallTreeNode(b.frame, counts, b.file, b.lines, kids));
      }
      return built.get(this);
    }
  }
}

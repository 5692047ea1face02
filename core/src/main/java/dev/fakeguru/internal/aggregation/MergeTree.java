package dev.fakeguru.internal.aggregation;

import dev.fakeguru.internal.codec.CallTreeSink;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LineRange;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable call tree made for merging many trees into one: the running aggregate of a bucket, and
 * the sum of the buckets a read combines. Merging follows {@link CallTreeNode.Builder#mergeFrom}
 * exactly (frames matched by name path, counts summed per counter type in first-seen order, the
 * first file kept, line ranges widened, children in first-seen order), and {@link #build()} gives
 * the same tree that builder would. It is cheaper in time and memory: counts are unboxed {@code
 * long}s in small arrays, and children are an array, indexed by a hash map only when a node has
 * many.
 *
 * <p>Not thread-safe: mutated under the group's write lock; read (merged from, built) under a read
 * lock.
 */
final class MergeTree implements CallTreeSink<MergeTree.Node> {
  /** Nodes with more children than this look them up through a hash map. */
  private static final int INDEX_FROM = 8;

  private final Node root = new Node(CallTreeNode.ROOT_FRAME);

  /** How many nodes the tree holds, its root included. */
  private long nodes = 1;

  long nodes() {
    return nodes;
  }

  /**
   * How many nodes merging {@code source} into this tree would add: the nodes of {@code source}
   * whose frame-name path this tree does not hold yet.
   */
  long newNodes(MergeTree source) {
    long added = 0;
    ArrayDeque<Node> into = new ArrayDeque<>();
    ArrayDeque<Node> from = new ArrayDeque<>();
    into.push(root);
    from.push(source.root);
    while (!from.isEmpty()) {
      Node n = into.pop();
      Node f = from.pop();
      for (int i = 0; i < f.childCount; i++) {
        Node c = f.children[i];
        Node existing = n.find(c.frame);
        if (existing == null) {
          added += subtreeSize(c);
        } else {
          into.push(existing);
          from.push(c);
        }
      }
    }
    return added;
  }

  private static long subtreeSize(Node top) {
    long size = 0;
    ArrayDeque<Node> todo = new ArrayDeque<>();
    todo.push(top);
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      size++;
      for (int i = 0; i < n.childCount; i++) {
        todo.push(n.children[i]);
      }
    }
    return size;
  }

  /** Adds {@code tree}'s counts, files, lines and children (its root's frame name is ignored). */
  void mergeFrom(CallTreeNode tree) {
    ArrayDeque<Node> into = new ArrayDeque<>();
    ArrayDeque<CallTreeNode> from = new ArrayDeque<>();
    into.push(root);
    from.push(tree);
    while (!from.isEmpty()) {
      Node n = into.pop();
      CallTreeNode f = from.pop();
      for (Map.Entry<String, Long> e : f.selfCounts().entrySet()) {
        n.addCount(e.getKey(), e.getValue());
      }
      n.mergeSource(f.file().orElse(null), f.lines().orElse(null));
      if (f.childCount() > 0) {
        List<CallTreeNode> children = f.children();
        for (CallTreeNode c : children) {
          into.push(n.child(c.frame(), this));
          from.push(c);
        }
      }
    }
  }

  /** Adds another merge tree, as {@link #mergeFrom(CallTreeNode)} would add its built tree. */
  void mergeFrom(MergeTree tree) {
    ArrayDeque<Node> into = new ArrayDeque<>();
    ArrayDeque<Node> from = new ArrayDeque<>();
    into.push(root);
    from.push(tree.root);
    while (!from.isEmpty()) {
      Node n = into.pop();
      Node f = from.pop();
      for (int i = 0; i < f.typeCount; i++) {
        n.addCount(f.types[i], f.counts[i]);
      }
      n.mergeSource(f.file, f.lines);
      for (int i = 0; i < f.childCount; i++) {
        Node c = f.children[i];
        into.push(n.child(c.frame, this));
        from.push(c);
      }
    }
  }

  /**
   * Adds {@code source} to every tree of {@code targets} in one walk of the source (as {@link
   * #mergeFrom(MergeTree)} on each would). The walk keeps one level per depth (the source node, its
   * next child, the matching node of each target) in arrays, so it allocates nothing per node.
   */
  static void mergeInto(MergeTree source, List<MergeTree> targets) {
    int k = targets.size();
    MergeTree[] owners = targets.toArray(new MergeTree[0]);
    Node[] from = new Node[64];
    int[] next = new int[64];
    Node[] into = new Node[64 * k];
    from[0] = source.root;
    for (int t = 0; t < k; t++) {
      into[t] = owners[t].root;
      into[t].mergeNode(source.root);
    }
    int depth = 0;
    while (depth >= 0) {
      Node f = from[depth];
      int i = next[depth];
      if (i == f.childCount) {
        depth--;
        continue;
      }
      next[depth] = i + 1;
      Node c = f.children[i];
      int parents = depth * k;
      if (++depth == from.length) {
        from = Arrays.copyOf(from, depth * 2);
        next = Arrays.copyOf(next, depth * 2);
        into = Arrays.copyOf(into, depth * 2 * k);
      }
      from[depth] = c;
      next[depth] = 0;
      int level = depth * k;
      for (int t = 0; t < k; t++) {
        Node n = into[parents + t].child(c.frame, owners[t]);
        n.mergeNode(c);
        into[level + t] = n;
      }
    }
  }

  /** An immutable copy, rooted at {@link CallTreeNode#ROOT_FRAME}. */
  CallTreeNode build() {
    CallTreeNode.Builder top = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    ArrayDeque<Node> from = new ArrayDeque<>();
    ArrayDeque<CallTreeNode.Builder> into = new ArrayDeque<>();
    from.push(root);
    into.push(top);
    while (!from.isEmpty()) {
      Node f = from.pop();
      CallTreeNode.Builder b = into.pop();
      for (int i = 0; i < f.typeCount; i++) {
        b.addSelfCount(f.types[i], f.counts[i]);
      }
      b.file(f.file);
      b.lines(f.lines);
      // Create every child first, in order, so that the builder keeps the order.
      for (int i = 0; i < f.childCount; i++) {
        into.push(b.child(f.children[i].frame));
        from.push(f.children[i]);
      }
    }
    return top.build();
  }

  @Override
  public Node root() {
    return root;
  }

  @Override
  public Node child(Node parent, String name) {
    return parent.child(name, this);
  }

  @Override
  public void addSelfCount(Node node, String counterType, long count) {
    node.addCount(counterType, count);
  }

  @Override
  public boolean hasFile(Node node) {
    return node.file != null;
  }

  @Override
  public void file(Node node, String file) {
    node.file = file;
  }

  @Override
  public void widenLines(Node node, LineRange lines) {
    node.mergeSource(null, lines);
  }

  /**
   * The sum of every node's self counts per counter type, in first-seen order.
   *
   * @throws ArithmeticException if a sum overflows a {@code long}
   */
  Map<String, Long> totals() {
    Map<String, Long> totals = new LinkedHashMap<>();
    ArrayDeque<Node> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      for (int i = 0; i < n.typeCount; i++) {
        long c = n.counts[i];
        totals.merge(n.types[i], c, Node::add);
      }
      for (int i = n.childCount - 1; i >= 0; i--) {
        todo.push(n.children[i]);
      }
    }
    return totals;
  }

  static final class Node {
    final String frame;
    String file;
    LineRange lines;
    String[] types;
    long[] counts;
    int typeCount;
    Node[] children;
    int childCount;
    HashMap<String, Node> index;

    Node(String frame) {
      this.frame = frame;
    }

    void addCount(String type, long count) {
      for (int i = 0; i < typeCount; i++) {
        String t = types[i];
        if (t == type || t.equals(type)) {
          counts[i] = add(counts[i], count);
          return;
        }
      }
      if (types == null) {
        types = new String[1];
        counts = new long[1];
      } else if (typeCount == types.length) {
        types = Arrays.copyOf(types, typeCount * 2);
        counts = Arrays.copyOf(counts, typeCount * 2);
      }
      types[typeCount] = type;
      counts[typeCount++] = count;
    }

    /** Adds {@code f}'s own counts, file and lines (not its children). */
    void mergeNode(Node f) {
      for (int i = 0; i < f.typeCount; i++) {
        addCount(f.types[i], f.counts[i]);
      }
      mergeSource(f.file, f.lines);
    }

    void mergeSource(String otherFile, LineRange otherLines) {
      if (file == null) {
        file = otherFile;
      }
      lines = lines == null ? otherLines : lines.widen(otherLines);
    }

    /** The child {@code name}, created (and counted in {@code owner}) on first use. */
    Node child(String name, MergeTree owner) {
      Node c = find(name);
      return c != null ? c : append(name, owner);
    }

    /** The child {@code name}, or null. */
    Node find(String name) {
      if (index != null) {
        return index.get(name);
      }
      for (int i = 0; i < childCount; i++) {
        Node c = children[i];
        if (c.frame.equals(name)) {
          return c;
        }
      }
      return null;
    }

    private Node append(String name, MergeTree owner) {
      owner.nodes++;
      Node c = new Node(name);
      if (children == null) {
        children = new Node[2];
      } else if (childCount == children.length) {
        children = Arrays.copyOf(children, childCount * 2);
      }
      children[childCount++] = c;
      if (index != null) {
        index.put(name, c);
      } else if (childCount > INDEX_FROM) {
        index = new HashMap<>(childCount * 4);
        for (int i = 0; i < childCount; i++) {
          index.put(children[i].frame, children[i]);
        }
      }
      return c;
    }

    static long add(long a, long b) {
      try {
        return Math.addExact(a, b);
      } catch (ArithmeticException e) {
        throw new ArithmeticException("sample count overflows a 64-bit long: " + a + " + " + b);
      }
    }
  }
}

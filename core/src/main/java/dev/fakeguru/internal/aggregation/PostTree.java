package dev.fakeguru.internal.aggregation;

import dev.fakeguru.internal.codec.CallTreeSink;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LineRange;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One posted profile's call tree, as the codec decodes it, on its way into a group's {@link
 * MergeTree}s. It lives for one post, so it is built for speed rather than size: frame names are
 * kept as the decoder's own {@code String}s (for JSON, the parser's canonical field names, whose
 * hash codes are cached and which {@link FrameNames#intern(String)} recognises by identity), in
 * plain arrays numbered in creation order, so a parent comes before its children and siblings are
 * in first-seen order, as in a {@link MergeTree}. A node's counts are a chain of (type, count)
 * entries in first-seen order.
 *
 * <p>Not thread-safe: filled by one decoding thread, then read under the group's lock.
 */
final class PostTree implements CallTreeSink<Integer> {
  /** Counter types found by a linear search (a JVM agent sends six). */
  private static final int LINEAR_TYPES = 16;

  /** The most nodes {@link #forBody} makes room for up front, whatever the body's size. */
  private static final int MOST_PRESIZED_NODES = 1 << 16;

  /** JSON bytes per node of the smallest bodies agents send (a short frame name and one count). */
  private static final int LEAST_BYTES_PER_NODE = 48;

  private int size = 1;
  private String[] nameOf;
  private int[] parentOf;

  /** A node's first count entry, -1 for none. */
  private int[] firstEntry;

  private int entries;
  private int[] entryType;
  private long[] entryCount;

  /** The next entry of the same node, -1 at the end of the chain. */
  private int[] nextEntry;

  private String[] types = new String[8];
  private int typeCount;

  /** The types' indexes, once there are more than a linear search suits; null until then. */
  private Map<String, Integer> typeIndex;

  /** Null until a node has a file or lines. */
  private String[] fileOf;

  private LineRange[] linesOf;

  /**
   * Open addressing, keyed by (parent, name): a node's id, 0 for an empty slot; null once the names
   * collide ({@link #byKey}).
   */
  private int[] slots;

  /**
   * The nodes by (parent, name) once frame names crafted to share a {@link String#hashCode()} would
   * make every lookup walk all of them (a post of 32,768 such names took 2.8 s to decode), as
   * {@link FrameNames} tells them from chance ({@link FrameNames#MAX_PROBES}). A {@link HashMap}
   * keeps colliding keys in a tree ordered by {@link ChildKey#compareTo}, so each lookup costs the
   * logarithm of their number.
   */
  private HashMap<ChildKey, Integer> byKey;

  /** A node's parent and name, for {@link #byKey}. */
  private record ChildKey(int parent, String name) implements Comparable<ChildKey> {
    @Override
    public int compareTo(ChildKey o) {
      return parent != o.parent ? Integer.compare(parent, o.parent) : name.compareTo(o.name);
    }
  }

  PostTree() {
    this(64);
  }

  private PostTree(int capacity) {
    nameOf = new String[capacity];
    parentOf = new int[capacity];
    firstEntry = new int[capacity];
    entryType = new int[capacity];
    entryCount = new long[capacity];
    nextEntry = new int[capacity];
    slots = new int[capacity * 2];
    parentOf[0] = -1;
    firstEntry[0] = -1;
  }

  /**
   * A tree with room for as many nodes as a body of {@code bodyBytes} holds at most (up to {@link
   * #MOST_PRESIZED_NODES}), so that decoding it does not grow the arrays and the table again and
   * again; a compressed body grows it as usual.
   */
  static PostTree forBody(int bodyBytes) {
    int nodes = Math.min(Math.max(bodyBytes / LEAST_BYTES_PER_NODE, 64), MOST_PRESIZED_NODES);
    return new PostTree(Integer.highestOneBit(nodes - 1) << 1);
  }

  /**
   * A tree holding {@code tree}'s frames, counts, files and lines (its root's name ignored). Walks
   * with a stack of its own, not the Java stack, so that trees tens of thousands of frames deep are
   * safe; each node's children are created in order when the node is visited.
   */
  static PostTree of(CallTreeNode tree) {
    PostTree t = new PostTree();
    ArrayDeque<Integer> into = new ArrayDeque<>();
    ArrayDeque<CallTreeNode> from = new ArrayDeque<>();
    into.push(0);
    from.push(tree);
    while (!from.isEmpty()) {
      int node = into.pop();
      CallTreeNode f = from.pop();
      for (Map.Entry<String, Long> e : f.selfCounts().entrySet()) {
        t.addSelfCount(node, e.getKey(), e.getValue());
      }
      f.file().ifPresent(file -> t.file(node, file));
      f.lines().ifPresent(lines -> t.widenLines(node, lines));
      for (CallTreeNode c : f.children()) {
        into.push(t.child(node, c.frame()));
        from.push(c);
      }
    }
    return t;
  }

  /** How many nodes the tree holds, its root included. */
  int size() {
    return size;
  }

  String name(int node) {
    return nameOf[node];
  }

  int parent(int node) {
    return parentOf[node];
  }

  /** The node's first count entry, or -1; the next with {@link #nextEntry(int)}. */
  int firstEntry(int node) {
    return firstEntry[node];
  }

  int nextEntry(int entry) {
    return nextEntry[entry];
  }

  /** The index of the entry's counter type in {@link #type(int)}. */
  int entryType(int entry) {
    return entryType[entry];
  }

  long entryCount(int entry) {
    return entryCount[entry];
  }

  int typeCount() {
    return typeCount;
  }

  String type(int index) {
    return types[index];
  }

  String file(int node) {
    return fileOf == null ? null : fileOf[node];
  }

  LineRange lines(int node) {
    return linesOf == null ? null : linesOf[node];
  }

  /**
   * The sum of the self counts per counter type, in the order a walk of the tree first meets them.
   *
   * @throws ArithmeticException if a sum overflows a {@code long}
   */
  Map<String, Long> totals() {
    long[] sums = new long[typeCount];
    int[] order = new int[typeCount];
    boolean[] seen = new boolean[typeCount];
    int seenCount = 0;
    for (int n = 0; n < size; n++) {
      for (int e = firstEntry[n]; e >= 0; e = nextEntry[e]) {
        int t = entryType[e];
        sums[t] = MergeTree.add(sums[t], entryCount[e]);
        if (!seen[t]) {
          seen[t] = true;
          order[seenCount++] = t;
        }
      }
    }
    Map<String, Long> totals = new LinkedHashMap<>(seenCount * 2);
    for (int i = 0; i < seenCount; i++) {
      totals.put(types[order[i]], sums[order[i]]);
    }
    return totals;
  }

  /** The immutable tree, as {@link MergeTree#build()} gives it. */
  CallTreeNode build() {
    MergeTree t = new MergeTree();
    t.mergeFrom(this);
    return t.build();
  }

  /** Empties the tree (see {@link CallTreeSink#root()}). */
  @Override
  public Integer root() {
    if (size > 1 || entries > 0 || fileOf != null || linesOf != null) {
      clear();
    }
    return 0;
  }

  private void clear() {
    Arrays.fill(nameOf, 0, size, null);
    size = 1;
    firstEntry[0] = -1;
    entries = 0;
    Arrays.fill(types, 0, typeCount, null);
    typeCount = 0;
    typeIndex = null;
    fileOf = null;
    linesOf = null;
    slots = new int[nameOf.length * 2];
    byKey = null;
  }

  @Override
  public Integer child(Integer parent, String name) {
    return child(parent.intValue(), name);
  }

  private int child(int parent, String name) {
    if (byKey != null) {
      return byKey.computeIfAbsent(new ChildKey(parent, name), k -> append(parent, name));
    }
    int mask = slots.length - 1;
    int probes = 0;
    int h = slot(parent, name);
    for (int s = h & mask; ; s = (s + 1) & mask) {
      int n = slots[s];
      if (n == 0) {
        int c = append(parent, name);
        slots[s] = c;
        if (size * 2 > slots.length) {
          rehash();
        }
        return c;
      }
      String other = nameOf[n];
      if (parentOf[n] == parent && (other == name || other.equals(name))) {
        return n;
      }
      if (givesUp(++probes, h)) {
        keyByMap();
        return child(parent, name);
      }
    }
  }

  /** As {@link FrameNames}: whether a lookup hashed {@code h} should give up on hash codes. */
  private boolean givesUp(int probes, int h) {
    if (probes > FrameNames.MAX_PROBES_ANY) {
      return true;
    }
    if (probes != FrameNames.MAX_PROBES) {
      return false;
    }
    int mask = slots.length - 1;
    int same = 0;
    for (int k = 0, s = h & mask; k < FrameNames.MAX_PROBES; k++, s = (s + 1) & mask) {
      int n = slots[s];
      same += slot(parentOf[n], nameOf[n]) == h ? 1 : 0;
    }
    return same >= FrameNames.MAX_PROBES / 2;
  }

  /** Finds the nodes through {@link #byKey} from now on. */
  private void keyByMap() {
    byKey = new HashMap<>(size * 2);
    for (int n = 1; n < size; n++) {
      byKey.put(new ChildKey(parentOf[n], nameOf[n]), n);
    }
    slots = null;
  }

  /** Whether the nodes are found through {@link #byKey} (names collided); for tests. */
  boolean keyedByMap() {
    return byKey != null;
  }

  private int append(int parent, String name) {
    if (size == nameOf.length) {
      int length = size * 2;
      nameOf = Arrays.copyOf(nameOf, length);
      parentOf = Arrays.copyOf(parentOf, length);
      firstEntry = Arrays.copyOf(firstEntry, length);
      if (fileOf != null) {
        fileOf = Arrays.copyOf(fileOf, length);
      }
      if (linesOf != null) {
        linesOf = Arrays.copyOf(linesOf, length);
      }
    }
    int c = size++;
    nameOf[c] = name;
    parentOf[c] = parent;
    firstEntry[c] = -1;
    return c;
  }

  private void rehash() {
    int[] fresh = new int[slots.length * 2];
    int mask = fresh.length - 1;
    for (int n = 1; n < size; n++) {
      int s = slot(parentOf[n], nameOf[n]) & mask;
      while (fresh[s] != 0) {
        s = (s + 1) & mask;
      }
      fresh[s] = n;
    }
    slots = fresh;
  }

  private static int slot(int parent, String name) {
    int h = parent * 0x9E3779B9 + name.hashCode();
    return h ^ (h >>> 16);
  }

  @Override
  public void addSelfCount(Integer node, String counterType, long count) {
    int n = node;
    int t = typeIndex(counterType);
    int last = -1;
    for (int e = firstEntry[n]; e >= 0; e = nextEntry[e]) {
      if (entryType[e] == t) {
        entryCount[e] = MergeTree.add(entryCount[e], count);
        return;
      }
      last = e;
    }
    if (entries == entryType.length) {
      int length = entries * 2;
      entryType = Arrays.copyOf(entryType, length);
      entryCount = Arrays.copyOf(entryCount, length);
      nextEntry = Arrays.copyOf(nextEntry, length);
    }
    int e = entries++;
    entryType[e] = t;
    entryCount[e] = count;
    nextEntry[e] = -1;
    if (last < 0) {
      firstEntry[n] = e;
    } else {
      nextEntry[last] = e;
    }
  }

  private int typeIndex(String type) {
    if (typeIndex != null) {
      Integer known = typeIndex.get(type);
      if (known != null) {
        return known;
      }
    } else {
      for (int i = 0; i < typeCount; i++) {
        String t = types[i];
        if (t == type || t.equals(type)) {
          return i;
        }
      }
    }
    if (typeCount == types.length) {
      types = Arrays.copyOf(types, typeCount * 2);
    }
    types[typeCount] = type;
    if (typeIndex == null && typeCount == LINEAR_TYPES) {
      typeIndex = new HashMap<>();
      for (int i = 0; i < typeCount; i++) {
        typeIndex.put(types[i], i);
      }
    }
    if (typeIndex != null) {
      typeIndex.put(type, typeCount);
    }
    return typeCount++;
  }

  @Override
  public boolean hasFile(Integer node) {
    return fileOf != null && fileOf[node] != null;
  }

  @Override
  public void file(Integer node, String file) {
    if (fileOf == null) {
      fileOf = new String[nameOf.length];
    }
    if (fileOf[node] == null) {
      fileOf[node] = file;
    }
  }

  @Override
  public void widenLines(Integer node, LineRange lines) {
    if (linesOf == null) {
      linesOf = new LineRange[nameOf.length];
    }
    LineRange had = linesOf[node];
    linesOf[node] = had == null ? lines : had.widen(lines);
  }
}

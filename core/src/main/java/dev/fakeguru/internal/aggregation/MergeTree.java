package dev.fakeguru.internal.aggregation;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LineRange;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable call tree made for merging many trees into one: the running aggregate of a bucket, and
 * the sum of the buckets a read combines. Merging follows {@link CallTreeNode.Builder#mergeFrom}
 * exactly (frames matched by name path, counts summed per counter type in first-seen order, the
 * first file kept, line ranges widened, children in first-seen order), and {@link #build()} gives
 * the same tree that builder would.
 *
 * <p>Nodes are ints, stored in columns (about 20 bytes a node instead of about 200 as objects): a
 * node's name id ({@link FrameNames}, shared by a group's trees) and its parent; its first counter
 * type and count (an int until a count needs a long); a child is found through one open-addressing
 * table keyed by (parent, name). Nodes are numbered in creation order, so a parent comes before its
 * children and siblings are in first-seen order: walks are loops over the ids. A node's counter
 * types after the first are a chain of (type, count) entries in side columns (16 bytes an entry,
 * where an object per node cost about 90), and what few nodes have (a file, lines) is kept aside
 * per node ({@link Extra}).
 *
 * <p>Not thread-safe: mutated under the group's write lock; read (merged from, built) under a read
 * lock.
 */
final class MergeTree {
  /** A node's first counter type is kept in a byte column when its index is below this. */
  private static final int COLUMN_TYPES = 255;

  private static final int MAX_NODES = Integer.MAX_VALUE - 16;

  private FrameNames names;
  private int size = 1;
  private final Pages.Ints nameOf = new Pages.Ints();
  private final Pages.Ints parentOf = new Pages.Ints();

  /** The node's first counter type's index + 1, 0 when it has none in this column. */
  private final Pages.Bytes typeOf = new Pages.Bytes();

  /**
   * The count of that type: one of these three columns, the narrowest that holds every count so far
   * (counts are never negative).
   */
  private Pages.Bytes byteCountOf = new Pages.Bytes();

  private Pages.Ints countOf;
  private Pages.Longs wideCountOf;

  /**
   * Open addressing, keyed by (parent, name): a node's id, 0 for an empty slot (0 is the root).
   * Filled to between a half and three quarters: it grows by half, as the columns do.
   */
  private Pages.Ints slots = new Pages.Ints();

  private int slotCount = 16;

  private final List<String> types = new ArrayList<>(4);
  private final Map<String, Integer> typeIndex = new HashMap<>(8);

  /**
   * A node's counter types after the first: its first entry + 1, 0 for none; null until needed. An
   * entry is its type, its count and the next entry + 1 (0 at the end), in first-seen order.
   */
  private Pages.Ints moreOf;

  private int moreEntries;
  private final Pages.Ints moreType = new Pages.Ints();
  private final Pages.Longs moreCount = new Pages.Longs();
  private final Pages.Ints moreNext = new Pages.Ints();

  /**
   * The nodes {@link #buildReusing()} last made, by id; null until it runs. Soft: a tree that was
   * read once must not keep an immutable copy of itself for good (a running bucket lives for days).
   */
  private SoftReference<CallTreeNode[]> lastBuilt;

  /**
   * The nodes changed since {@link #lastBuilt} was made (a count, a file or lines, a new child);
   * null until then.
   */
  private BitSet changedSinceBuilt;

  /** What a node keeps aside: index + 1 into {@link #extras}, 0 for none; null until needed. */
  private Pages.Ints extraOf;

  private final ArrayList<Extra> extras = new ArrayList<>();

  /** A tree with names of its own. */
  MergeTree() {
    this(new FrameNames());
  }

  /** A tree whose names are kept in {@code names} (shared with the other trees of a group). */
  MergeTree(FrameNames names) {
    this.names = names;
    nameOf.ensure(1);
    nameOf.set(0, -1);
    parentOf.ensure(1);
    parentOf.set(0, -1);
    typeOf.ensure(1);
    byteCountOf.ensure(1);
    slots.ensure(slotCount);
  }

  /** How many nodes the tree holds, its root included. */
  long nodes() {
    return size;
  }

  /**
   * How many nodes merging {@code source} into this tree would add: the nodes of {@code source}
   * whose frame-name path this tree does not hold yet.
   */
  long newNodes(PostTree source) {
    long added = 0;
    int[] at = new int[source.size()]; // the source node's node here, -1 if absent
    for (int i = 1; i < source.size(); i++) {
      int p = at[source.parent(i)];
      int found = -1;
      if (p >= 0) {
        int name = names.find(source.name(i));
        found = name < 0 ? -1 : find(p, name);
      }
      if (found < 0) {
        added++;
      }
      at[i] = found;
    }
    return added;
  }

  /**
   * Adds another merge tree, as {@link CallTreeNode.Builder#mergeFrom} would add its built tree.
   */
  void mergeFrom(MergeTree tree) {
    mergeFrom(tree, tree.names == names ? null : new int[tree.names.size()]);
  }

  /**
   * Merges {@code tree}; {@code nameIds} (id + 1 here of each of its names, 0 while not looked up)
   * is null when both trees share their names.
   */
  private void mergeFrom(MergeTree tree, int[] nameIds) {
    int[] typeIds = new int[tree.types.size()];
    for (int t = 0; t < typeIds.length; t++) {
      typeIds[t] = typeIndex(tree.types.get(t));
    }
    int[] at = new int[tree.size];
    mergeNode(0, tree, 0, typeIds);
    for (int i = 1; i < tree.size; i++) {
      int name = tree.nameOf.get(i);
      if (nameIds != null) {
        int known = nameIds[name];
        if (known == 0) {
          known = names.intern(tree.names, name) + 1;
          nameIds[name] = known;
        }
        name = known - 1;
      }
      int n = child(at[tree.parentOf.get(i)], name);
      at[i] = n;
      mergeNode(n, tree, i, typeIds);
    }
  }

  private void mergeNode(int n, MergeTree tree, int i, int[] typeIds) {
    int t = tree.typeOf.get(i) & 0xff;
    if (t != 0) {
      addCount(n, typeIds[t - 1], tree.count(i));
    }
    for (int e = tree.firstMore(i); e != 0; e = tree.moreNext.get(e - 1)) {
      addCount(n, typeIds[tree.moreType.get(e - 1)], tree.moreCount.get(e - 1));
    }
    Extra x = tree.extraAt(i);
    if (x != null) {
      mergeSource(n, x.file, x.lines);
    }
  }

  /**
   * Adds a posted profile's tree, as {@link CallTreeNode.Builder#mergeFrom} would add its built
   * tree.
   */
  void mergeFrom(PostTree tree) {
    mergeFrom(tree, nameIds(tree, names));
  }

  /**
   * Adds {@code source} to every tree of {@code targets} (as {@link #mergeFrom(PostTree)} on each
   * would), looking each name up once for targets that share their names.
   */
  static void mergeInto(PostTree source, List<MergeTree> targets) {
    int[] nameIds = null;
    FrameNames shared = null;
    for (MergeTree t : targets) {
      if (t.names != shared) {
        shared = t.names;
        nameIds = nameIds(source, shared);
      }
      t.mergeFrom(source, nameIds);
    }
  }

  /** The id in {@code names} of each node's frame name (added if new), by node. */
  private static int[] nameIds(PostTree tree, FrameNames names) {
    int[] ids = new int[tree.size()];
    for (int i = 1; i < ids.length; i++) {
      ids[i] = names.intern(tree.name(i));
    }
    return ids;
  }

  /** Merges {@code tree}, whose nodes' names are known here as {@code nameIds}. */
  private void mergeFrom(PostTree tree, int[] nameIds) {
    int typeCount = tree.typeCount();
    int[] typeIds = new int[typeCount];
    for (int t = 0; t < typeCount; t++) {
      typeIds[t] = typeIndex(tree.type(t));
    }
    int size = tree.size();
    int[] at = new int[size];
    for (int i = 0; i < size; i++) {
      int n = i == 0 ? 0 : child(at[tree.parent(i)], nameIds[i]);
      at[i] = n;
      for (int e = tree.firstEntry(i); e >= 0; e = tree.nextEntry(e)) {
        addCount(n, typeIds[tree.entryType(e)], tree.entryCount(e));
      }
      String file = tree.file(i);
      LineRange lines = tree.lines(i);
      if (file != null || lines != null) {
        mergeSource(n, file, lines);
      }
    }
  }

  /** An immutable copy, rooted at {@link CallTreeNode#ROOT_FRAME}; nothing is remembered. */
  CallTreeNode build() {
    return make(null, null)[0];
  }

  /**
   * The tree {@link #build()} gives, reusing the nodes the last call made whose subtrees have not
   * changed since (immutable nodes can be shared): after a few posts are merged into a large tree,
   * only the nodes on their paths, and the ancestors of those, are made again. Synchronized:
   * readers holding only the group's read lock may call it at once; merges, which note what
   * changed, hold the write lock (or, for a remembered combined read, its monitor, under which it
   * is built too).
   */
  synchronized CallTreeNode buildReusing() {
    CallTreeNode[] made = make(lastBuilt == null ? null : lastBuilt.get(), changedSinceBuilt);
    lastBuilt = new SoftReference<>(made);
    changedSinceBuilt = new BitSet();
    return made[0];
  }

  /**
   * The immutable nodes, by id: {@code was}'s node where neither it nor a descendant is in {@code
   * changed} (both null: all made anew).
   */
  private CallTreeNode[] make(CallTreeNode[] was, BitSet changed) {
    int n = size;
    // Each node's children in id order (first-seen order), as lists threaded through two arrays.
    int[] firstChild = new int[n];
    int[] nextSibling = new int[n];
    for (int i = n - 1; i >= 1; i--) {
      int p = parentOf.get(i);
      nextSibling[i] = firstChild[p];
      firstChild[p] = i;
    }
    int reusable = was == null ? 0 : was.length;
    CallTreeNode[] made = new CallTreeNode[n];
    boolean[] childMade = new boolean[n];
    List<CallTreeNode> children = new ArrayList<>();
    // Children have higher ids than their parents: in reverse, every node comes after its children.
    for (int i = n - 1; i >= 0; i--) {
      if (i < reusable && !childMade[i] && !changed.get(i)) {
        made[i] = was[i];
        continue;
      }
      children.clear();
      for (int c = firstChild[i]; c != 0; c = nextSibling[c]) {
        children.add(made[c]);
      }
      Extra x = extraAt(i);
      made[i] =
          CallTreeNode.of(
              i == 0 ? CallTreeNode.ROOT_FRAME : names.name(nameOf.get(i)),
              counts(i),
              x == null ? null : x.file,
              x == null ? null : x.lines,
              children);
      if (i > 0) {
        childMade[parentOf.get(i)] = true;
      }
    }
    return made;
  }

  /** A node's self counts, in first-seen order. */
  private Map<String, Long> counts(int node) {
    Map<String, Long> counts = new LinkedHashMap<>(4);
    int t = typeOf.get(node) & 0xff;
    if (t != 0) {
      counts.put(types.get(t - 1), count(node));
    }
    for (int e = firstMore(node); e != 0; e = moreNext.get(e - 1)) {
      counts.put(types.get(moreType.get(e - 1)), moreCount.get(e - 1));
    }
    return counts;
  }

  private int typeIndex(String type) {
    Integer t = typeIndex.get(type);
    if (t == null) {
      t = types.size();
      types.add(type);
      typeIndex.put(type, t);
    }
    return t;
  }

  private long count(int node) {
    return byteCountOf != null
        ? byteCountOf.get(node) & 0xff
        : countOf != null ? countOf.get(node) : wideCountOf.get(node);
  }

  /** Sets a count, widening the column (byte, int, long) the first time it does not fit. */
  private void setCount(int node, long count) {
    if (byteCountOf != null) {
      if (count <= 0xff) {
        byteCountOf.set(node, (byte) count);
        return;
      }
      countOf = new Pages.Ints();
      countOf.ensure(size);
      for (int i = 0; i < size; i++) {
        countOf.set(i, byteCountOf.get(i) & 0xff);
      }
      byteCountOf = null;
    }
    if (countOf != null) {
      if (count <= Integer.MAX_VALUE) {
        countOf.set(node, (int) count);
        return;
      }
      wideCountOf = new Pages.Longs();
      wideCountOf.ensure(size);
      for (int i = 0; i < size; i++) {
        wideCountOf.set(i, countOf.get(i));
      }
      countOf = null;
    }
    wideCountOf.set(node, count);
  }

  private void addCount(int node, int type, long count) {
    changed(node);
    int column = typeOf.get(node) & 0xff;
    if (column == type + 1) {
      setCount(node, add(count(node), count));
      return;
    }
    int first = firstMore(node);
    if (column == 0 && first == 0 && type < COLUMN_TYPES) {
      typeOf.set(node, (byte) (type + 1));
      setCount(node, count);
      return;
    }
    int last = 0;
    for (int e = first; e != 0; e = moreNext.get(e - 1)) {
      if (moreType.get(e - 1) == type) {
        moreCount.set(e - 1, add(moreCount.get(e - 1), count));
        return;
      }
      last = e;
    }
    int e = moreEntries++;
    moreType.ensure(moreEntries);
    moreCount.ensure(moreEntries);
    moreNext.ensure(moreEntries);
    moreType.set(e, type);
    moreCount.set(e, count);
    if (last != 0) {
      moreNext.set(last - 1, e + 1);
      return;
    }
    if (moreOf == null) {
      moreOf = new Pages.Ints();
      moreOf.ensure(size);
    }
    moreOf.set(node, e + 1);
  }

  /** Notes a change for {@link #buildReusing()}, once it has built. */
  private void changed(int node) {
    if (changedSinceBuilt != null) {
      changedSinceBuilt.set(node);
    }
  }

  /** The node's first entry after its first counter type, + 1; 0 for none. */
  private int firstMore(int node) {
    return moreOf == null ? 0 : moreOf.get(node);
  }

  private void mergeSource(int node, String file, LineRange lines) {
    changed(node);
    Extra x = extraAt(node);
    if (x == null) {
      if (file == null && lines == null) {
        return;
      }
      x = extra(node);
    }
    if (x.file == null) {
      x.file = file;
    }
    x.lines = x.lines == null ? lines : x.lines.widen(lines);
  }

  private Extra extra(int node) {
    if (extraOf == null) {
      extraOf = new Pages.Ints();
      extraOf.ensure(size);
    }
    int i = extraOf.get(node);
    if (i != 0) {
      return extras.get(i - 1);
    }
    Extra x = new Extra();
    extras.add(x);
    extraOf.set(node, extras.size());
    return x;
  }

  private Extra extraAt(int node) {
    if (extraOf == null) {
      return null;
    }
    int i = extraOf.get(node);
    return i == 0 ? null : extras.get(i - 1);
  }

  /** The child {@code name} of {@code parent}, created (and counted) on first use. */
  private int child(int parent, int name) {
    int length = slotCount;
    for (int s = FrameNames.index(slot(parent, name), length); ; s = s + 1 == length ? 0 : s + 1) {
      int n = slots.get(s);
      if (n == 0) {
        int c = append(parent, name);
        changed(parent); // a new child (the child itself is new to the last build)
        slots.set(s, c);
        if (size * 4L > length * 3L) {
          rehash(FrameNames.grown(slotCount));
        }
        return c;
      }
      if (parentOf.get(n) == parent && nameOf.get(n) == name) {
        return n;
      }
    }
  }

  /** The child {@code name} of {@code parent}, or -1. */
  private int find(int parent, int name) {
    int length = slotCount;
    for (int s = FrameNames.index(slot(parent, name), length); ; s = s + 1 == length ? 0 : s + 1) {
      int n = slots.get(s);
      if (n == 0) {
        return -1;
      }
      if (parentOf.get(n) == parent && nameOf.get(n) == name) {
        return n;
      }
    }
  }

  private int append(int parent, int name) {
    if (size >= MAX_NODES) {
      throw new IllegalStateException("a merge tree holds at most " + MAX_NODES + " nodes");
    }
    int c = size++;
    nameOf.ensure(size);
    parentOf.ensure(size);
    typeOf.ensure(size);
    if (extraOf != null) {
      extraOf.ensure(size);
    }
    if (moreOf != null) {
      moreOf.ensure(size);
    }
    if (byteCountOf != null) {
      byteCountOf.ensure(size);
    } else if (countOf != null) {
      countOf.ensure(size);
    } else {
      wideCountOf.ensure(size);
    }
    nameOf.set(c, name);
    parentOf.set(c, parent);
    return c;
  }

  /**
   * Moves this tree's names into {@code to} (when the group rebuilds its name table): every node
   * keeps its name, now known by its id in {@code to}.
   */
  void moveNames(FrameNames to) {
    for (int i = 1; i < size; i++) {
      nameOf.set(i, to.intern(names, nameOf.get(i)));
    }
    names = to;
    rehash(slotCount); // the slots are keyed by (parent, name id)
  }

  private void rehash(int length) {
    Pages.Ints old = slots;
    int oldCount = slotCount;
    slots = new Pages.Ints();
    slots.ensure(length);
    slotCount = length;
    for (int i = 0; i < oldCount; i++) {
      int n = old.get(i);
      if (n != 0) {
        int s = FrameNames.index(slot(parentOf.get(n), nameOf.get(n)), length);
        while (slots.get(s) != 0) {
          s = s + 1 == length ? 0 : s + 1;
        }
        slots.set(s, n);
      }
    }
  }

  private static int slot(int parent, int name) {
    return parent * 0x7FFFFFED + name;
  }

  static long add(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new ArithmeticException("sample count overflows a 64-bit long: " + a + " + " + b);
    }
  }

  /** What few nodes have: a file, lines. */
  private static final class Extra {
    String file;
    LineRange lines;
  }
}

package dev.fakeguru.internal.aggregation;

import java.util.Arrays;

/**
 * Growable columns of primitives in fixed pages of {@link #PAGE} entries, for {@link MergeTree} and
 * {@link FrameNames}. Pages instead of one array: growing copies nothing and leaves at most one
 * page of slack (the first page grows as an array does, so that a small tree stays small), and no
 * page is big enough to be a humongous object for G1 (an array of over half a region, 1 MB or more,
 * takes whole regions). Not thread-safe.
 */
final class Pages {
  static final int SHIFT = 13;
  static final int PAGE = 1 << SHIFT;
  static final int MASK = PAGE - 1;

  private Pages() {}

  /**
   * The next length of the first page, which grows as an array does (by half) up to a full page, so
   * that a small tree stays small.
   */
  static int firstPage(long capacity, long size) {
    long n = Math.max(size, capacity + Math.max(8, capacity >> 1));
    return (int) Math.min(PAGE, n);
  }

  /** A column of ints, zero until set. */
  static final class Ints {
    private int[][] pages = new int[1][];
    private long capacity;

    /** Makes {@code [0, size)} addressable. */
    void ensure(long size) {
      while (capacity < size) {
        if (capacity < PAGE) {
          int n = firstPage(capacity, size);
          pages[0] = pages[0] == null ? new int[n] : Arrays.copyOf(pages[0], n);
          capacity = n;
          continue;
        }
        int p = (int) (capacity >>> SHIFT);
        if (p == pages.length) {
          pages = Arrays.copyOf(pages, p * 2);
        }
        pages[p] = new int[PAGE];
        capacity += PAGE;
      }
    }

    int get(int i) {
      return pages[i >>> SHIFT][i & MASK];
    }

    void set(int i, int v) {
      pages[i >>> SHIFT][i & MASK] = v;
    }
  }

  /** A column of bytes, zero until set. */
  static final class Bytes {
    private byte[][] pages = new byte[1][];
    private long capacity;

    void ensure(long size) {
      while (capacity < size) {
        if (capacity < PAGE) {
          int n = firstPage(capacity, size);
          pages[0] = pages[0] == null ? new byte[n] : Arrays.copyOf(pages[0], n);
          capacity = n;
          continue;
        }
        int p = (int) (capacity >>> SHIFT);
        if (p == pages.length) {
          pages = Arrays.copyOf(pages, p * 2);
        }
        pages[p] = new byte[PAGE];
        capacity += PAGE;
      }
    }

    byte get(int i) {
      return pages[i >>> SHIFT][i & MASK];
    }

    void set(int i, byte v) {
      pages[i >>> SHIFT][i & MASK] = v;
    }
  }

  /** A column of longs, zero until set. */
  static final class Longs {
    private long[][] pages = new long[1][];
    private long capacity;

    void ensure(long size) {
      while (capacity < size) {
        if (capacity < PAGE) {
          int n = firstPage(capacity, size);
          pages[0] = pages[0] == null ? new long[n] : Arrays.copyOf(pages[0], n);
          capacity = n;
          continue;
        }
        int p = (int) (capacity >>> SHIFT);
        if (p == pages.length) {
          pages = Arrays.copyOf(pages, p * 2);
        }
        pages[p] = new long[PAGE];
        capacity += PAGE;
      }
    }

    long get(int i) {
      return pages[i >>> SHIFT][i & MASK];
    }

    void set(int i, long v) {
      pages[i >>> SHIFT][i & MASK] = v;
    }
  }
}

package dev.fakeguru.internal.aggregation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Frame names, each stored once and known by an int id, so that the trees of a group (its hours,
 * days and compacted 5-minute buckets) hold a name as 4 bytes per node instead of a {@code String}
 * per node per tree. The names' characters live in one byte array: one byte per character when
 * every character fits in ISO 8859-1 (nearly every frame name), else two (UTF-16). An
 * open-addressing table finds a name's id by the same hash as {@link String#hashCode()}.
 *
 * <p>Not thread-safe: the group's table is changed under the group's write lock only; trees built
 * under the read lock keep names of their own.
 */
final class FrameNames {
  private byte[] chars = new byte[64];
  private int charsUsed;

  /** Name {@code i} is {@code chars[starts[i]] .. chars[starts[i + 1]]}. */
  private int[] starts = new int[9];

  private int count;

  /** Open addressing, filled to at most three quarters: a name's id + 1, 0 for an empty slot. */
  private int[] table = new int[16];

  /** Names stored as UTF-16 (two bytes a character); null while there is none. */
  private BitSet wide;

  int size() {
    return count;
  }

  /** The id of {@code name}, added if new. */
  int intern(String name) {
    int h = name.hashCode();
    int length = table.length;
    for (int i = index(h, length); ; i = i + 1 == length ? 0 : i + 1) {
      int e = table[i];
      if (e == 0) {
        int id = append(name);
        table[i] = id + 1;
        growTableIfFull();
        return id;
      }
      if (matches(e - 1, name)) {
        return e - 1;
      }
    }
  }

  /** The id of {@code name}, or -1. */
  int find(String name) {
    int h = name.hashCode();
    int length = table.length;
    for (int i = index(h, length); ; i = i + 1 == length ? 0 : i + 1) {
      int e = table[i];
      if (e == 0) {
        return -1;
      }
      if (matches(e - 1, name)) {
        return e - 1;
      }
    }
  }

  /** The id here of name {@code id} of {@code other}, added if new (no {@code String} made). */
  int intern(FrameNames other, int id) {
    int found = find(other, id);
    if (found >= 0) {
      return found;
    }
    int n = count;
    int from = other.starts[id];
    int to = other.starts[id + 1];
    boolean isWide = other.isWide(id);
    ensureChars(to - from);
    System.arraycopy(other.chars, from, chars, charsUsed, to - from);
    charsUsed += to - from;
    finishAppend(isWide);
    insert(other.hash(id), n);
    return n;
  }

  /** The id here of name {@code id} of {@code other}, or -1. */
  int find(FrameNames other, int id) {
    int h = other.hash(id);
    int length = table.length;
    for (int i = index(h, length); ; i = i + 1 == length ? 0 : i + 1) {
      int e = table[i];
      if (e == 0) {
        return -1;
      }
      if (sameName(e - 1, other, id)) {
        return e - 1;
      }
    }
  }

  /** Name {@code id} as a new {@code String}. */
  String name(int id) {
    int from = starts[id];
    int len = starts[id + 1] - from;
    if (!isWide(id)) {
      return new String(chars, from, len, StandardCharsets.ISO_8859_1);
    }
    char[] cs = new char[len / 2];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = (char) (((chars[from + 2 * i] & 0xff) << 8) | (chars[from + 2 * i + 1] & 0xff));
    }
    return new String(cs);
  }

  private boolean isWide(int id) {
    return wide != null && wide.get(id);
  }

  /** {@link String#hashCode()} of name {@code id}. */
  private int hash(int id) {
    int h = 0;
    int from = starts[id];
    int to = starts[id + 1];
    if (!isWide(id)) {
      for (int i = from; i < to; i++) {
        h = 31 * h + (chars[i] & 0xff);
      }
    } else {
      for (int i = from; i < to; i += 2) {
        h = 31 * h + (((chars[i] & 0xff) << 8) | (chars[i + 1] & 0xff));
      }
    }
    return h;
  }

  private boolean matches(int id, String name) {
    int from = starts[id];
    int len = starts[id + 1] - from;
    int n = name.length();
    if (!isWide(id)) {
      if (len != n) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if ((chars[from + i] & 0xff) != name.charAt(i)) {
          return false;
        }
      }
      return true;
    }
    if (len != 2 * n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      int c = ((chars[from + 2 * i] & 0xff) << 8) | (chars[from + 2 * i + 1] & 0xff);
      if (c != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private boolean sameName(int id, FrameNames other, int otherId) {
    if (isWide(id) != other.isWide(otherId)) {
      return false; // a name is stored narrow whenever it can be, so the forms differ
    }
    int from = starts[id];
    int oFrom = other.starts[otherId];
    return Arrays.equals(
        chars, from, starts[id + 1], other.chars, oFrom, other.starts[otherId + 1]);
  }

  private int append(String name) {
    int n = name.length();
    boolean isWide = false;
    for (int i = 0; i < n && !isWide; i++) {
      isWide = name.charAt(i) > 0xff;
    }
    if (!isWide) {
      ensureChars(n);
      for (int i = 0; i < n; i++) {
        chars[charsUsed++] = (byte) name.charAt(i);
      }
    } else {
      ensureChars(2 * n);
      for (int i = 0; i < n; i++) {
        char c = name.charAt(i);
        chars[charsUsed++] = (byte) (c >>> 8);
        chars[charsUsed++] = (byte) c;
      }
    }
    int id = count;
    finishAppend(isWide);
    return id;
  }

  private void finishAppend(boolean isWide) {
    if (isWide) {
      if (wide == null) {
        wide = new BitSet();
      }
      wide.set(count);
    }
    if (count + 2 > starts.length) {
      starts = Arrays.copyOf(starts, grown(starts.length));
    }
    starts[++count] = charsUsed;
  }

  private void ensureChars(int more) {
    if (charsUsed + more > chars.length) {
      long want = Math.max((long) charsUsed + more, grown(chars.length));
      if (want > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("frame names over 2 GB");
      }
      chars = Arrays.copyOf(chars, (int) want);
    }
  }

  private void insert(int hash, int id) {
    int length = table.length;
    int i = index(hash, length);
    while (table[i] != 0) {
      i = i + 1 == length ? 0 : i + 1;
    }
    table[i] = id + 1;
    growTableIfFull();
  }

  private void growTableIfFull() {
    if (count * 4L <= table.length * 3L) {
      return;
    }
    int[] old = table;
    int length = grown(old.length);
    table = new int[length];
    for (int e : old) {
      if (e != 0) {
        int i = index(hash(e - 1), length);
        while (table[i] != 0) {
          i = i + 1 == length ? 0 : i + 1;
        }
        table[i] = e;
      }
    }
  }

  /**
   * Growth by half, by a quarter past a million: the arrays' slack is part of what a group retains
   * (the copies are garbage at once).
   */
  static int grown(int length) {
    return length + Math.max(8, length < (1 << 20) ? length >> 1 : length >> 2);
  }

  /** A slot in {@code [0, length)} for a hash: scrambled, then scaled (no power of two needed). */
  static int index(int hash, int length) {
    int h = hash * 0x9E3779B9;
    h ^= h >>> 16;
    return (int) (((h & 0xFFFFFFFFL) * length) >>> 32);
  }
}

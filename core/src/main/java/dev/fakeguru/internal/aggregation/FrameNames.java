package dev.fakeguru.internal.aggregation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;

/**
 * Frame names, each stored once and known by an int id, so that the trees of a group (its hours,
 * days and compacted 5-minute buckets) hold a name as 4 bytes per node instead of a {@code String}
 * per node per tree. The names' characters live in one byte array: one byte per character when
 * every character fits in ISO 8859-1 (nearly every frame name), else two (UTF-16). An
 * open-addressing table finds a name's id by the same hash as {@link String#hashCode()}, until
 * names crafted to share a hash code would make every lookup walk all of them (see {@link
 * #MAX_PROBES}): from then on the names are found through a {@link HashMap}, whose bins of
 * colliding strings are trees ordered by {@link String#compareTo}.
 *
 * <p>Not thread-safe: the group's table is changed under the group's write lock only; trees built
 * under the read lock keep names of their own.
 */
final class FrameNames {
  private static final int CHAR_PAGE = 1 << 16;

  /** The names' bytes; a name never spans two pages (one longer than a page has its own). */
  private byte[][] pages = {new byte[64]};

  private int page;
  private int used;

  /** Where name {@code id} starts: its page << 16 | its offset in the page. */
  private final Pages.Ints at = new Pages.Ints();

  private int count;

  /** Open addressing, filled to at most three quarters: a name's id + 1, 0 for an empty slot. */
  private Pages.Ints table = new Pages.Ints();

  private int tableLength = 16;

  /**
   * A lookup that has probed this many slots looks at the names it walked: if half of them share
   * its hash code (crafted, not chance: chance gives distinct hash codes), the table gives up on
   * hash codes. A run this long happens by chance in a table filled to three quarters, so it alone
   * is no proof.
   */
  static final int MAX_PROBES = 64;

  /** A lookup that has probed this many slots gives up on hash codes whatever it walked. */
  static final int MAX_PROBES_ANY = 1024;

  /** Every name and its id, once a lookup probed too long; null until then. */
  private HashMap<String, Integer> byName;

  /** The most names {@link #remember} keeps a {@code String} of (a power of two). */
  static final int MAX_RECENT = 1 << 12;

  /** A cache by {@link String#hashCode()}: strings last looked up and their ids, in pairs. */
  private String[] recentNames = new String[16];

  private int[] recentIds = new int[16];

  FrameNames() {
    table.ensure(tableLength);
  }

  int size() {
    return count;
  }

  /** The id of {@code name}, added if new. */
  int intern(String name) {
    int h = name.hashCode();
    int known = recent(name, h);
    if (known >= 0) {
      return known;
    }
    if (byName != null) {
      Integer id = byName.get(name);
      if (id == null) {
        id = append(name);
        byName.put(name, id);
      }
      remember(name, id);
      return id;
    }
    int length = tableLength;
    int probes = 0;
    for (int i = index(h, length); ; i = i + 1 == length ? 0 : i + 1) {
      int e = table.get(i);
      if (e == 0) {
        int id = append(name);
        table.set(i, id + 1);
        growTableIfFull();
        remember(name, id);
        return id;
      }
      if (matches(e - 1, name)) {
        remember(name, e - 1);
        return e - 1;
      }
      if (givesUp(++probes, h, length)) {
        findByMap();
        return intern(name);
      }
    }
  }

  /**
   * Whether a lookup of a name hashed {@code h} that has probed {@code probes} slots should give up
   * on hash codes: at {@link #MAX_PROBES} if half the names it walked share {@code h}, and at
   * {@link #MAX_PROBES_ANY} in any case.
   */
  private boolean givesUp(int probes, int h, int length) {
    if (probes > MAX_PROBES_ANY) {
      return true;
    }
    if (probes != MAX_PROBES) {
      return false;
    }
    int same = 0;
    int i = index(h, length);
    for (int k = 0; k < MAX_PROBES; k++, i = i + 1 == length ? 0 : i + 1) {
      same += hash(table.get(i) - 1) == h ? 1 : 0;
    }
    return same >= MAX_PROBES / 2;
  }

  /** Finds the names through {@link #byName} from now on. */
  private void findByMap() {
    byName = new HashMap<>(count * 2);
    for (int id = 0; id < count; id++) {
      byName.put(name(id), id);
    }
    table = null;
  }

  /** Whether names are found through {@link #byName} (their hash codes collided); for tests. */
  boolean foundByMap() {
    return byName != null;
  }

  /**
   * Remembers the {@code String} a name was last looked up by. A JSON parser hands out one
   * canonical {@code String} per field name (and frame names are field names), so the next post of
   * the same frames finds each by identity, without comparing characters. Two ways per set (the
   * newest first), sized to about four sets per name as the table grows, up to {@link #MAX_RECENT}
   * strings: a group holds on to at most that many (about 0.3 MB of frame names) that it would not
   * otherwise keep.
   */
  private void remember(String name, int id) {
    if (recentNames.length < MAX_RECENT && count * 8L > recentNames.length) {
      int length = (int) Math.min(MAX_RECENT, Integer.highestOneBit(count) * 16L);
      recentNames = new String[length];
      recentIds = new int[length];
    }
    int c = name.hashCode() & (recentNames.length - 2);
    recentNames[c + 1] = recentNames[c];
    recentIds[c + 1] = recentIds[c];
    recentNames[c] = name;
    recentIds[c] = id;
  }

  /** The id {@code name} (this very instance) was last found with, or -1. */
  private int recent(String name, int hash) {
    int c = hash & (recentNames.length - 2);
    if (recentNames[c] == name) {
      return recentIds[c];
    }
    return recentNames[c + 1] == name ? recentIds[c + 1] : -1;
  }

  /** The id of {@code name}, or -1. */
  int find(String name) {
    int h = name.hashCode();
    int known = recent(name, h);
    if (known >= 0) {
      return known;
    }
    if (byName != null) {
      return byName.getOrDefault(name, -1);
    }
    int length = tableLength;
    int probes = 0;
    for (int i = index(h, length); ; i = i + 1 == length ? 0 : i + 1) {
      int e = table.get(i);
      if (e == 0) {
        return -1;
      }
      if (matches(e - 1, name)) {
        return e - 1;
      }
      if (givesUp(++probes, h, length)) {
        findByMap();
        return find(name);
      }
    }
  }

  /**
   * The id here of name {@code id} of {@code other}, added if new (no {@code String} made, unless
   * names are found through {@link #byName}).
   */
  int intern(FrameNames other, int id) {
    if (byName != null) {
      return intern(other.name(id));
    }
    int found = find(other, id);
    if (byName != null) {
      return intern(other.name(id)); // the lookup gave up on hash codes
    }
    if (found >= 0) {
      return found;
    }
    int a = other.at.get(id);
    byte[] from = other.pages[a >>> 16];
    int p = a & 0xFFFF;
    int header = header(from, p);
    int total = varLength(header) + (header >>> 1);
    byte[] to = reserve(total);
    System.arraycopy(from, p, to, used, total);
    int n = added(total);
    insert(other.hash(id), n);
    return n;
  }

  /** The id here of name {@code id} of {@code other}, or -1. */
  int find(FrameNames other, int id) {
    if (byName != null) {
      return byName.getOrDefault(other.name(id), -1);
    }
    int h = other.hash(id);
    int length = tableLength;
    int probes = 0;
    for (int i = index(h, length); ; i = i + 1 == length ? 0 : i + 1) {
      int e = table.get(i);
      if (e == 0) {
        return -1;
      }
      if (sameName(e - 1, other, id)) {
        return e - 1;
      }
      if (givesUp(++probes, h, length)) {
        findByMap();
        return find(other, id);
      }
    }
  }

  /** Name {@code id} as a new {@code String}. */
  String name(int id) {
    int a = at.get(id);
    byte[] bytes = pages[a >>> 16];
    int p = a & 0xFFFF;
    int header = header(bytes, p);
    int from = p + varLength(header);
    int len = header >>> 1;
    if ((header & 1) == 0) {
      return new String(bytes, from, len, StandardCharsets.ISO_8859_1);
    }
    char[] cs = new char[len / 2];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = (char) (((bytes[from + 2 * i] & 0xff) << 8) | (bytes[from + 2 * i + 1] & 0xff));
    }
    return new String(cs);
  }

  /** {@link String#hashCode()} of name {@code id}. */
  private int hash(int id) {
    int a = at.get(id);
    byte[] bytes = pages[a >>> 16];
    int p = a & 0xFFFF;
    int header = header(bytes, p);
    int from = p + varLength(header);
    int to = from + (header >>> 1);
    int h = 0;
    if ((header & 1) == 0) {
      for (int i = from; i < to; i++) {
        h = 31 * h + (bytes[i] & 0xff);
      }
    } else {
      for (int i = from; i < to; i += 2) {
        h = 31 * h + (((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff));
      }
    }
    return h;
  }

  private boolean matches(int id, String name) {
    int a = at.get(id);
    byte[] bytes = pages[a >>> 16];
    int p = a & 0xFFFF;
    int header = header(bytes, p);
    int from = p + varLength(header);
    int len = header >>> 1;
    int n = name.length();
    if ((header & 1) == 0) {
      if (len != n) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if ((bytes[from + i] & 0xff) != name.charAt(i)) {
          return false;
        }
      }
      return true;
    }
    if (len != 2 * n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      int c = ((bytes[from + 2 * i] & 0xff) << 8) | (bytes[from + 2 * i + 1] & 0xff);
      if (c != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Same header (length and form: a name is stored narrow whenever it can be) and same bytes. */
  private boolean sameName(int id, FrameNames other, int otherId) {
    int a = at.get(id);
    byte[] bytes = pages[a >>> 16];
    int p = a & 0xFFFF;
    int b = other.at.get(otherId);
    byte[] otherBytes = other.pages[b >>> 16];
    int q = b & 0xFFFF;
    int header = header(bytes, p);
    if (header != header(otherBytes, q)) {
      return false;
    }
    int total = varLength(header) + (header >>> 1);
    return Arrays.equals(bytes, p, p + total, otherBytes, q, q + total);
  }

  private int append(String name) {
    int n = name.length();
    boolean isWide = false;
    for (int i = 0; i < n && !isWide; i++) {
      isWide = name.charAt(i) > 0xff;
    }
    long len = isWide ? 2L * n : n;
    if (len > (Integer.MAX_VALUE >>> 2)) {
      throw new IllegalStateException("a frame name of " + n + " characters");
    }
    int header = (int) len << 1 | (isWide ? 1 : 0);
    int total = varLength(header) + (int) len;
    byte[] to = reserve(total);
    int p = used;
    for (int h = header; ; h >>>= 7) {
      if (h < 0x80) {
        to[p++] = (byte) h;
        break;
      }
      to[p++] = (byte) (h & 0x7f | 0x80);
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (isWide) {
        to[p++] = (byte) (c >>> 8);
      }
      to[p++] = (byte) c;
    }
    return added(total);
  }

  /** The page to write {@code total} bytes at {@link #used} in (a new page if needed). */
  private byte[] reserve(int total) {
    byte[] current = pages[page];
    if (used + total <= current.length) {
      return current;
    }
    if (page == 0 && used + total <= CHAR_PAGE) {
      // The first page grows as an array does, so that a small group stays small.
      int n = (int) Math.min(CHAR_PAGE, Math.max(used + total, (long) grown(current.length)));
      pages[0] = Arrays.copyOf(current, n);
      return pages[0];
    }
    if (page + 1 == pages.length) {
      if (pages.length >= CHAR_PAGE) {
        throw new IllegalStateException("frame names over " + CHAR_PAGE + " pages");
      }
      pages = Arrays.copyOf(pages, pages.length * 2);
    }
    pages[++page] = new byte[Math.max(CHAR_PAGE, total)];
    used = 0;
    return pages[page];
  }

  /** Records the name just written at {@link #used}; returns its id. */
  private int added(int total) {
    int id = count++;
    at.ensure(count);
    at.set(id, page << 16 | used);
    used += total;
    return id;
  }

  private static int header(byte[] bytes, int p) {
    int h = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = bytes[p++];
      h |= (b & 0x7f) << shift;
      if (b >= 0) {
        return h;
      }
    }
  }

  private static int varLength(int header) {
    int n = 1;
    while ((header >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private void insert(int hash, int id) {
    int length = tableLength;
    int i = index(hash, length);
    while (table.get(i) != 0) {
      i = i + 1 == length ? 0 : i + 1;
    }
    table.set(i, id + 1);
    growTableIfFull();
  }

  private void growTableIfFull() {
    if (count * 4L <= tableLength * 3L) {
      return;
    }
    Pages.Ints old = table;
    int oldLength = tableLength;
    int length = grown(oldLength);
    table = new Pages.Ints();
    table.ensure(length);
    tableLength = length;
    for (int k = 0; k < oldLength; k++) {
      int e = old.get(k);
      if (e != 0) {
        int i = index(hash(e - 1), length);
        while (table.get(i) != 0) {
          i = i + 1 == length ? 0 : i + 1;
        }
        table.set(i, e);
      }
    }
  }

  /** Growth by half (tables; the columns grow by pages). */
  static int grown(int length) {
    return length + Math.max(8, length >> 1);
  }

  /** A slot in {@code [0, length)} for a hash: scrambled, then scaled (no power of two needed). */
  static int index(int hash, int length) {
    int h = hash * 0x9E3779B9;
    h ^= h >>> 16;
    return (int) (((h & 0xFFFFFFFFL) * length) >>> 32);
  }
}

package dev.fakeguru.internal.codec;

import dev.fakeguru.internal.codec.TokenStreams.Source;
import dev.fakeguru.internal.codec.TokenStreams.Token;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Tokens of a JSON body in one pass over its bytes, for the bodies agents send: printable ASCII
 * strings without escapes, integers of at most 18 digits, numbers with a fraction or an exponent of
 * at most 64 characters, {@code true}, {@code false} and {@code null}, one object at the root. On
 * anything else, well-formed or not, it {@linkplain NotPlain gives up}, and the body is read again
 * by Jackson ({@link TokenStreams.JsonSource}), which then decides (its tokens, or its error). So
 * whatever this source reads to the end, Jackson reads as the same tokens with the same values, and
 * the decoder accepts exactly what Jackson accepts; the test {@code PlainJsonSourceTest} checks
 * that on generated and mutated bodies.
 *
 * <p>Why it exists: tokenising a JVM agent's 140 KB body through Jackson cost more than half of the
 * fake's own work per post (issue 21). Field names, frame names among them, come from {@link
 * NameCache}: the same name gives the same {@code String} instance post after post, as Jackson's
 * canonical names do, so the group's name table finds them by identity.
 *
 * <p>Not thread-safe: one source reads one body. Internal.
 */
final class PlainJsonSource implements Source {
  /** Thrown when the body leaves the plain subset; carries no stack (it is not an error). */
  static final class NotPlain extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final NotPlain INSTANCE = new NotPlain();

    private NotPlain() {
      super("not plain JSON", null, false, false);
    }
  }

  /**
   * Strings longer than this are left to Jackson, whose limits on names and values (well above
   * this) then apply.
   */
  static final int MAX_STRING = 16 * 1024;

  /** Digits in a long for sure: 18 (19-digit numbers may overflow). */
  private static final int MAX_DIGITS = 18;

  /** Longer numbers with a fraction or an exponent are left to Jackson (and its limit, 1,000). */
  private static final int MAX_NUMBER = 64;

  private static final byte IN_OBJECT = 1;
  private static final byte IN_ARRAY = 2;

  /** What the next token may be. */
  private enum Expect {
    ROOT,
    /** After '{': a name or '}'. */
    FIRST_NAME,
    /** After '[': a value or ']'. */
    FIRST_VALUE,
    /** After a name: ':' and a value. */
    COLON,
    /** After a value: ',' or the end of the container (or of the body, at the root). */
    AFTER_VALUE,
    DONE
  }

  private final byte[] in;
  private final int maxNesting;
  private int pos;
  private byte[] containers = new byte[32];
  private int depth;
  private Expect expect = Expect.ROOT;

  private String text;
  private long number;

  /** Where the current fraction or exponent number starts; it ends at {@link #pos}. */
  private int numberFrom;

  private boolean bool;

  /**
   * @param maxNesting the nesting Jackson is told to allow; deeper bodies are left to it
   */
  PlainJsonSource(byte[] body, int maxNesting) {
    this.in = body;
    this.maxNesting = maxNesting;
  }

  @Override
  public Token next() {
    int c = skipWhitespace();
    switch (expect) {
      case ROOT:
        if (c != '{') {
          throw NotPlain.INSTANCE;
        }
        return value(c);
      case FIRST_NAME:
        if (c == '}') {
          return close(IN_OBJECT);
        }
        return name(c);
      case FIRST_VALUE:
        if (c == ']') {
          return close(IN_ARRAY);
        }
        return value(c);
      case COLON:
        if (c != ':') {
          throw NotPlain.INSTANCE;
        }
        pos++;
        return value(skipWhitespace());
      case AFTER_VALUE:
        if (depth == 0) {
          if (c >= 0) {
            throw NotPlain.INSTANCE;
          }
          expect = Expect.DONE;
          return Token.END;
        }
        byte open = containers[depth - 1];
        if (c == ',') {
          pos++;
          c = skipWhitespace();
          return open == IN_OBJECT ? name(c) : value(c);
        }
        if (c == '}' && open == IN_OBJECT) {
          return close(IN_OBJECT);
        }
        if (c == ']' && open == IN_ARRAY) {
          return close(IN_ARRAY);
        }
        throw NotPlain.INSTANCE;
      default:
        return Token.END;
    }
  }

  /** The byte (0 to 255) at the first non-whitespace position, or -1 at the end. */
  private int skipWhitespace() {
    byte[] b = in;
    int p = pos;
    while (p < b.length) {
      byte c = b[p];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        pos = p;
        return c & 0xFF; // not negative: -1 means the end
      }
      p++;
    }
    pos = p;
    return -1;
  }

  private Token close(byte kind) {
    pos++;
    depth--;
    expect = Expect.AFTER_VALUE;
    return kind == IN_OBJECT ? Token.END_OBJECT : Token.END_ARRAY;
  }

  private Token name(int c) {
    if (c != '"') {
      throw NotPlain.INSTANCE;
    }
    int start = pos + 1;
    int end = stringEnd(start);
    text = NameCache.name(in, start, end - start, hash);
    pos = end + 1;
    expect = Expect.COLON;
    return Token.FIELD_NAME;
  }

  /** A hash of the string {@link #stringEnd} last scanned, for {@link NameCache}. */
  private long hash;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * ' ';
  private static final long MIX = 0x9E3779B97F4A7C15L;

  /**
   * The index of the closing quote of a string starting at {@code start}; sets {@link #hash}. Eight
   * bytes at a time: a word without a quote, a backslash, a control character or a byte from 0x80
   * on (each found with the carry trick, exact for the lowest such byte) is hashed whole.
   */
  private int stringEnd(int start) {
    byte[] b = in;
    int limit = Math.min(b.length, start + MAX_STRING + 1);
    long h = 0;
    int p = start;
    while (p + 8 <= limit) {
      long w = (long) LONGS.get(b, p);
      long q = w ^ QUOTES;
      long bs = w ^ BACKSLASHES;
      long special = ((q - ONES) & ~q | (bs - ONES) & ~bs | (w - SPACES) & ~w | w) & HIGHS;
      if (special != 0) {
        int k = Long.numberOfTrailingZeros(special) >>> 3;
        if (b[p + k] != '"') {
          throw NotPlain.INSTANCE;
        }
        hash = finish(k == 0 ? h : (h ^ (w & (-1L >>> (64 - 8 * k)))) * MIX, p + k - start);
        return p + k;
      }
      h = (h ^ w) * MIX;
      p += 8;
    }
    long w = 0;
    for (int k = 0; p + k < limit; k++) {
      byte c = b[p + k];
      if (c == '"') {
        hash = finish(k == 0 ? h : (h ^ w) * MIX, p + k - start);
        return p + k;
      }
      // Bytes from 0x80 on are negative: left to Jackson (UTF-8), as are escapes and controls.
      if (c < 0x20 || c == '\\') {
        throw NotPlain.INSTANCE;
      }
      w |= (c & 0xFFL) << (8 * k);
    }
    throw NotPlain.INSTANCE;
  }

  private static long finish(long h, int length) {
    h = (h ^ length) * MIX;
    return h ^ (h >>> 29);
  }

  private Token value(int c) {
    expect = Expect.AFTER_VALUE;
    switch (c) {
      case '{':
        open(IN_OBJECT);
        expect = Expect.FIRST_NAME;
        return Token.START_OBJECT;
      case '[':
        open(IN_ARRAY);
        expect = Expect.FIRST_VALUE;
        return Token.START_ARRAY;
      case '"':
        int start = pos + 1;
        int end = stringEnd(start);
        text = new String(in, start, end - start, StandardCharsets.ISO_8859_1);
        pos = end + 1;
        return Token.STRING;
      case 't':
        literal("true");
        bool = true;
        return Token.BOOLEAN;
      case 'f':
        literal("false");
        bool = false;
        return Token.BOOLEAN;
      case 'n':
        literal("null");
        return Token.NULL;
      default:
        if ((c >= '0' && c <= '9') || c == '-') {
          return number();
        }
        throw NotPlain.INSTANCE;
    }
  }

  private void open(byte kind) {
    // Jackson refuses a body nested deeper than its limit: such a body is left to it.
    if (depth + 1 >= maxNesting) {
      throw NotPlain.INSTANCE;
    }
    if (depth == containers.length) {
      containers = Arrays.copyOf(containers, depth * 2);
    }
    containers[depth++] = kind;
    pos++;
  }

  private void literal(String word) {
    int end = pos + word.length();
    if (end > in.length) {
      throw NotPlain.INSTANCE;
    }
    for (int i = 0; i < word.length(); i++) {
      if (in[pos + i] != word.charAt(i)) {
        throw NotPlain.INSTANCE;
      }
    }
    pos = end;
    requireDelimiter();
  }

  private Token number() {
    byte[] b = in;
    int start = pos;
    int p = start;
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    int digitsFrom = p;
    long v = 0;
    while (p < b.length && b[p] >= '0' && b[p] <= '9') {
      v = v * 10 + (b[p] - '0');
      p++;
    }
    int digits = p - digitsFrom;
    if (digits == 0 || (digits > 1 && b[digitsFrom] == '0')) {
      throw NotPlain.INSTANCE; // no digits, or a leading zero: Jackson refuses both
    }
    if (p < b.length && (b[p] == '.' || b[p] == 'e' || b[p] == 'E')) {
      return fraction(start, p);
    }
    if (digits > MAX_DIGITS) {
      throw NotPlain.INSTANCE;
    }
    pos = p;
    requireDelimiter();
    number = negative ? -v : v;
    return Token.INTEGER;
  }

  /**
   * A number with a fraction or an exponent, from {@code start}; {@code p} is at the '.', 'e' or
   * 'E'. Its value is parsed when asked for, by {@link Double#parseDouble}, which rounds correctly,
   * as Jackson's does.
   */
  private Token fraction(int start, int p) {
    byte[] b = in;
    if (b[p] == '.') {
      p = digits(p + 1);
    }
    if (p < b.length && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < b.length && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      p = digits(p);
    }
    if (p - start > MAX_NUMBER) {
      throw NotPlain.INSTANCE;
    }
    pos = p;
    requireDelimiter();
    numberFrom = start;
    return Token.FLOAT;
  }

  /** The index after one or more digits from {@code p}. */
  private int digits(int p) {
    int from = p;
    while (p < in.length && in[p] >= '0' && in[p] <= '9') {
      p++;
    }
    if (p == from) {
      throw NotPlain.INSTANCE;
    }
    return p;
  }

  /**
   * A literal or number must end at whitespace, a separator or the end: anything else ({@code .},
   * {@code e}, a letter) is a fraction, an exponent or an error, all left to Jackson.
   */
  private void requireDelimiter() {
    if (pos == in.length) {
      return;
    }
    byte c = in[pos];
    if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      throw NotPlain.INSTANCE;
    }
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public BigInteger integer() {
    return BigInteger.valueOf(number);
  }

  @Override
  public boolean fitsLong() {
    return true;
  }

  @Override
  public long longValue() {
    return number;
  }

  @Override
  public double floating() {
    return Double.parseDouble(
        new String(in, numberFrom, pos - numberFrom, StandardCharsets.ISO_8859_1));
  }

  @Override
  public BigDecimal decimal() {
    throw new IllegalStateException("JSON has no decimal type");
  }

  @Override
  public boolean bool() {
    return bool;
  }

  @Override
  public Instant timestamp() {
    throw new IllegalStateException("JSON has no timestamps");
  }

  @Override
  public String location() {
    return "byte " + pos;
  }

  @Override
  public void close() {}

  /**
   * Field names, one {@code String} per name across bodies and threads, found by their bytes: a
   * direct-mapped table of 16,384 names (a JVM agent's profile has about 2,000), an entry replaced
   * when another name maps to its slot. Racy but safe: a slot holds an immutable entry or null, and
   * a lost write costs one {@code String}.
   */
  static final class NameCache {
    private NameCache() {}

    private static final int SLOTS = 1 << 14;

    /** Longer names are not kept: the table must not hold large strings alive. */
    private static final int KEEP_UP_TO = 512;

    private static final Entry[] TABLE = new Entry[SLOTS];

    private record Entry(byte[] bytes, String name) {}

    /** The name of the ASCII bytes {@code in[start, start + length)}, whose hash is given. */
    static String name(byte[] in, int start, int length, long hash) {
      int slot = (int) (hash >>> 40) & (SLOTS - 1);
      Entry e = TABLE[slot];
      if (e != null
          && e.bytes.length == length
          && Arrays.equals(e.bytes, 0, length, in, start, start + length)) {
        return e.name;
      }
      String name = new String(in, start, length, StandardCharsets.ISO_8859_1);
      if (length <= KEEP_UP_TO) {
        TABLE[slot] = new Entry(Arrays.copyOfRange(in, start, start + length), name);
      }
      return name;
    }
  }
}

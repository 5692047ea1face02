package dev.fakeguru.internal.codec;

/**
 * Whether a string read from a body is valid Unicode. JSON can spell a lone surrogate ({@code
 * "\ud800"}), which no Ion writer and no strict JSON reader accepts: a profile holding one could be
 * stored but never served, so the reader refuses it. Internal.
 */
final class UnicodeText {
  private UnicodeText() {}

  /**
   * Strings found valid before, by identity. Jackson hands out one canonical instance per field
   * name (frame names are field names), so a frame name recurring within a post or across posts is
   * checked once, not scanned again. Racy but safe: a slot holds an immutable string or null, and a
   * lost write only costs a scan.
   */
  private static final String[] KNOWN_VALID = new String[4096];

  /** Longer strings are not remembered: the cache must not keep large values alive. */
  private static final int REMEMBER_UP_TO = 512;

  /**
   * Whether {@code s} is valid Unicode, remembering it (by identity) if so: the next call with the
   * same instance skips the scan. Only for strings that recur as the same instance (field names):
   * for others, the hash costs as much as the scan it saves.
   */
  static boolean isKnownValid(String s) {
    int slot = s.hashCode() & (KNOWN_VALID.length - 1);
    if (KNOWN_VALID[slot] == s) {
      return true;
    }
    if (unpairedSurrogate(s) >= 0) {
      return false;
    }
    if (s.length() <= REMEMBER_UP_TO) {
      KNOWN_VALID[slot] = s;
    }
    return true;
  }

  /** The index of the first surrogate that is not half of a pair, or -1 if there is none. */
  static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      return i;
    }
    return -1;
  }

  /** {@code s} with every unpaired surrogate spelled {@code \\uXXXX}, so a message can show it. */
  static String printable(String s) {
    int at = unpairedSurrogate(s);
    if (at < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}

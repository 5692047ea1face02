package dev.fakeguru.internal.codec;

/**
 * Whether a string read from a body is valid Unicode. JSON can spell a lone surrogate ({@code
 * "\ud800"}), which no Ion writer and no strict JSON reader accepts: a profile holding one could be
 * stored but never served, so the reader refuses it. Internal.
 */
final class UnicodeText {
  private UnicodeText() {}

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

package dev.fakeguru.flamegraph;

/**
 * The colours of frames. A plain flame graph colours a frame by a hash of its name, in warm tones,
 * so the same function has the same colour everywhere. A differential graph colours by the change
 * in share, from blue (shrank) through near-white (no change) to red (grew). {@code flamegraph.js}
 * repeats the differential scale for counter views switched to in the browser.
 */
final class Palette {
  private Palette() {}

  /** The colour of the synthetic root frame. */
  static final String ROOT = "#d9d9d9";

  private static final int[] NEUTRAL = {245, 245, 245};
  private static final int[] GREW = {215, 48, 39};
  private static final int[] SHRANK = {49, 130, 189};

  /** Changes below this many percentage points never reach full colour. */
  static final double MIN_SCALE_POINTS = 1.0;

  /** A warm colour derived from an FNV-1a hash of the name: stable across runs and machines. */
  static String warm(String name) {
    int h = 0x811c9dc5;
    for (int i = 0; i < name.length(); i++) {
      h ^= name.charAt(i);
      h *= 16777619;
    }
    int r = 205 + (int) Math.round(50 * ((h >>> 16) & 0xff) / 255.0);
    int g = (int) Math.round(230 * (h & 0xff) / 255.0);
    int b = (int) Math.round(55 * ((h >>> 8) & 0xff) / 255.0);
    return hex(r, g, b);
  }

  /** The colour of a change of {@code points} on a scale whose ends are ±{@code scalePoints}. */
  static String change(double points, double scalePoints) {
    double t = Math.min(1.0, Math.abs(points) / scalePoints);
    int[] end = points >= 0 ? GREW : SHRANK;
    return hex(mix(NEUTRAL[0], end[0], t), mix(NEUTRAL[1], end[1], t), mix(NEUTRAL[2], end[2], t));
  }

  private static int mix(int from, int to, double t) {
    return (int) Math.round(from + (to - from) * t);
  }

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private static String hex(int r, int g, int b) {
    return new String(
        new char[] {
          '#',
          DIGITS[r >> 4],
          DIGITS[r & 15],
          DIGITS[g >> 4],
          DIGITS[g & 15],
          DIGITS[b >> 4],
          DIGITS[b & 15]
        });
  }
}

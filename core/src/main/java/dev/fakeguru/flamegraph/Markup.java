package dev.fakeguru.flamegraph;

/**
 * Writing text into HTML and SVG: escaping, and the fixed-point numbers of coordinates and shares.
 * Everything is written into a caller's {@link StringBuilder}, so rendering stays one pass.
 */
final class Markup {
  private Markup() {}

  /**
   * Appends {@code s} escaped for XML and HTML text and attribute values alike. Characters XML
   * cannot hold (control characters, lone surrogates, U+FFFE and U+FFFF) become U+FFFD, so the SVG
   * stays well-formed whatever an agent named its frames.
   */
  static StringBuilder escape(StringBuilder out, String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < n
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out;
  }

  /** {@code s} escaped, as a string. */
  static String escape(String s) {
    return escape(new StringBuilder(s.length() + 16), s).toString();
  }

  /**
   * Appends {@code value} rounded to two decimals without trailing zeros ({@code 12}, {@code 12.5},
   * {@code 12.34}); locale-free, so output is the same on every machine.
   */
  static StringBuilder fixed2(StringBuilder out, double value) {
    long hundredths = Math.round(value * 100.0);
    if (hundredths < 0) {
      out.append('-');
      hundredths = -hundredths;
    }
    out.append(hundredths / 100);
    long frac = hundredths % 100;
    if (frac != 0) {
      out.append('.').append(frac / 10);
      if (frac % 10 != 0) {
        out.append(frac % 10);
      }
    }
    return out;
  }

  /** Appends {@code part / whole} as a percentage with two decimals, e.g. {@code 12.50%}. */
  static StringBuilder percent(StringBuilder out, long part, long whole) {
    if (whole == 0) {
      return out.append("0.00%");
    }
    long basisPoints = Math.round(part * 10000.0 / whole);
    return out.append(basisPoints / 100)
        .append('.')
        .append(basisPoints % 100 / 10)
        .append(basisPoints % 10)
        .append('%');
  }

  /** Appends a change in percentage points with a sign and two decimals, e.g. {@code +1.25 pp}. */
  static StringBuilder points(StringBuilder out, double points) {
    long hundredths = Math.round(points * 100.0);
    out.append(hundredths < 0 ? '-' : '+');
    hundredths = Math.abs(hundredths);
    return out.append(hundredths / 100)
        .append('.')
        .append(hundredths % 100 / 10)
        .append(hundredths % 10)
        .append(" pp");
  }

  /** A count with thousands separators ({@code 12,345}), locale-free. */
  static String count(long n) {
    String digits = Long.toString(Math.abs(n));
    StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3 + 1);
    if (n < 0) {
      sb.append('-');
    }
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    sb.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      sb.append(',').append(digits, i, i + 3);
    }
    return sb.toString();
  }

  /** A JSON array of strings, for a data attribute (then attribute-escaped by the caller). */
  static String jsonArray(Iterable<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (String v : values) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('"');
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (c < 0x20) {
          sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
      sb.append('"');
    }
    return sb.append(']').toString();
  }
}

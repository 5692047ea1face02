package dev.fakeguru.flamegraph;

/**
 * Writes a {@link FrameTable} as one SVG document: a header, one {@code <g class="f">} per frame (a
 * tooltip {@code <title>}, a {@code <rect>} whose width is the frame's total, and its name cut to
 * fit), laid out as a flame graph (root at the bottom) in the first counter view, and for a
 * differential graph a legend. Each frame also carries what {@code flamegraph.js} needs to lay it
 * out again (parent index, counts in every view), so the same SVG is a static picture and the
 * canvas of the interactive one. One pass, linear in the frames.
 */
final class SvgWriter {
  static final int WIDTH = 1200;
  static final int FRAME_HEIGHT = 16;
  static final int TOP = 38;
  static final int LEGEND_HEIGHT = 40;
  static final double CHAR_WIDTH = 6.6;
  static final int TEXT_PADDING = 3;
  static final String FONT = "Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

  private final FrameTable table;
  private final String title;
  private final String search;
  private final StringBuilder out;

  private SvgWriter(FrameTable table, String title, String search) {
    this.table = table;
    this.title = title;
    this.search = search;
    this.out = new StringBuilder(4096 + table.size() * 320);
  }

  static String write(FrameTable table, String title, String search) {
    return new SvgWriter(table, title, search).svg().toString();
  }

  private StringBuilder svg() {
    int height =
        TOP + (table.maxDepth + 1) * FRAME_HEIGHT + (table.isDiff() ? LEGEND_HEIGHT : 0) + 4;
    out.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fg-svg\" version=\"1.1\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" font-family=\"")
        .append(FONT)
        .append("\" font-size=\"11\" data-kind=\"")
        .append(table.isDiff() ? "diff" : "flame")
        .append("\" data-views=\"");
    Markup.escape(out, Markup.jsonArray(table.views.stream().map(CounterView::key).toList()));
    out.append("\" data-labels=\"");
    Markup.escape(out, Markup.jsonArray(table.views.stream().map(CounterView::label).toList()));
    out.append("\" data-top=\"")
        .append(TOP)
        .append("\" data-frame-height=\"")
        .append(FRAME_HEIGHT)
        .append("\" data-max-depth=\"")
        .append(table.maxDepth)
        .append('"');
    if (search != null) {
      out.append(" data-search=\"");
      Markup.escape(out, search).append('"');
    }
    if (table.isDiff()) {
      out.append(" data-vanished=\"");
      joinCounts(table.vanishedTotals);
      out.append("\" data-vanished-frames=\"").append(table.vanishedFrames).append('"');
    }
    out.append(">\n<title>");
    Markup.escape(out, title).append("</title>\n");
    out.append("<rect class=\"fg-bg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" fill=\"#fdfdfd\"/>\n");
    out.append("<text class=\"fg-title\" x=\"4\" y=\"16\" font-size=\"13\" font-weight=\"bold\">");
    Markup.escape(out, title).append("</text>\n");
    out.append("<text class=\"fg-info\" x=\"4\" y=\"31\">");
    Markup.escape(out, summary()).append("</text>\n");
    frames();
    if (table.isDiff()) {
      legend(TOP + (table.maxDepth + 1) * FRAME_HEIGHT + 6);
    }
    return out.append("</svg>\n");
  }

  private String summary() {
    long total = table.totals[0][0];
    String view = table.views.get(0).label();
    String frames = Markup.count(table.size() - 1L) + (table.size() == 2 ? " frame" : " frames");
    if (!table.isDiff()) {
      return view + " · " + Markup.count(total) + " samples · " + frames;
    }
    return view
        + " · width: current, "
        + Markup.count(total)
        + " samples, "
        + frames
        + " · colour: change in share from the baseline, "
        + Markup.count(table.baselineTotals[0][0])
        + " samples";
  }

  private void frames() {
    int n = table.size();
    long[] totals = table.totals[0];
    long rootTotal = totals[0];
    double[] x = new double[n];
    double[] cursor = new double[n];
    double scale = table.isDiff() ? diffScale(0) : 0;
    out.append("<g class=\"fg-frames\">\n");
    for (int i = 0; i < n; i++) {
      int parent = table.parents[i];
      double width = rootTotal == 0 ? 0 : (double) totals[i] * WIDTH / rootTotal;
      if (parent >= 0) {
        x[i] = cursor[parent];
        cursor[parent] += width;
      }
      cursor[i] = x[i];
      double y = TOP + (double) (table.maxDepth - table.depths[i]) * FRAME_HEIGHT;
      out.append("<g class=\"f\" data-p=\"").append(parent).append("\" data-v=\"");
      joinPairs(table.totals, table.selves, i);
      out.append('"');
      if (table.isDiff()) {
        out.append(" data-b=\"");
        joinPairs(table.baselineTotals, table.baselineSelves, i);
        out.append('"');
      }
      if (table.sources[i] != null) {
        out.append(" data-src=\"");
        Markup.escape(out, table.sources[i]).append('"');
      }
      if (totals[i] == 0 && i > 0) {
        out.append(" display=\"none\"");
      }
      out.append("><title>");
      tooltip(i);
      out.append("</title><rect x=\"");
      Markup.fixed2(out, x[i]).append("\" y=\"");
      Markup.fixed2(out, y).append("\" width=\"");
      Markup.fixed2(out, width)
          .append("\" height=\"")
          .append(FRAME_HEIGHT - 1)
          .append("\" fill=\"")
          .append(fill(i, scale))
          .append("\"/><text x=\"");
      Markup.fixed2(out, x[i] + TEXT_PADDING).append("\" y=\"");
      Markup.fixed2(out, y + 11).append("\">");
      Markup.escape(out, label(table.names[i], width)).append("</text></g>\n");
    }
    out.append("</g>\n");
  }

  private String fill(int i, double scale) {
    if (table.isDiff()) {
      return Palette.change(changeInPoints(0, i), scale);
    }
    return i == 0 ? Palette.ROOT : Palette.warm(table.names[i]);
  }

  private void tooltip(int i) {
    long[] totals = table.totals[0];
    Markup.escape(out, table.names[i]).append("\ntotal ").append(Markup.count(totals[i]));
    out.append(" of ").append(Markup.count(totals[0])).append(" (");
    Markup.percent(out, totals[i], totals[0])
        .append(") · self ")
        .append(Markup.count(table.selves[0][i]));
    if (table.isDiff()) {
      long[] base = table.baselineTotals[0];
      out.append("\nbaseline ").append(Markup.count(base[i])).append(" of ");
      out.append(Markup.count(base[0])).append(" (");
      Markup.percent(out, base[i], base[0]).append(") · change ");
      Markup.points(out, changeInPoints(0, i));
    }
    if (table.sources[i] != null) {
      out.append('\n');
      Markup.escape(out, table.sources[i]);
    }
  }

  /** The frame's share in the current tree minus its share in the baseline, in points. */
  private double changeInPoints(int view, int i) {
    return share(table.totals[view], i) - share(table.baselineTotals[view], i);
  }

  private static double share(long[] totals, int i) {
    return totals[0] == 0 ? 0.0 : 100.0 * totals[i] / totals[0];
  }

  /** The largest change of any frame in the view, at least {@link Palette#MIN_SCALE_POINTS}. */
  private double diffScale(int view) {
    double max = Palette.MIN_SCALE_POINTS;
    for (int i = 1; i < table.size(); i++) {
      max = Math.max(max, Math.abs(changeInPoints(view, i)));
    }
    return max;
  }

  /**
   * The name, cut with {@code ..} to fit {@code width}; empty when not even three characters fit.
   */
  static String label(String name, double width) {
    int fits = (int) Math.floor((width - 2 * TEXT_PADDING) / CHAR_WIDTH);
    if (name.length() <= fits) {
      return name;
    }
    if (fits < 3) {
      return "";
    }
    int cut = fits - 2;
    if (Character.isHighSurrogate(name.charAt(cut - 1))) {
      cut--;
    }
    return name.substring(0, cut) + "..";
  }

  private void legend(int y) {
    double scale = diffScale(0);
    out.append("<g class=\"fg-legend\" transform=\"translate(4,").append(y).append(")\">\n");
    out.append("<text x=\"0\" y=\"11\">Change in share:</text>\n");
    int steps = 21;
    int x0 = 120;
    int step = 14;
    for (int k = 0; k < steps; k++) {
      double points = scale * (k - steps / 2) / (steps / 2);
      out.append("<rect class=\"fg-legend-step\" x=\"")
          .append(x0 + k * step)
          .append("\" y=\"1\" width=\"")
          .append(step)
          .append("\" height=\"12\" fill=\"")
          .append(Palette.change(points, scale))
          .append("\"/>\n");
    }
    out.append("<text class=\"fg-legend-min\" x=\"").append(x0).append("\" y=\"27\">");
    Markup.points(out, -scale).append(" (shrank)</text>\n");
    out.append("<text x=\"")
        .append(x0 + steps * step / 2)
        .append("\" y=\"27\" text-anchor=\"middle\">0</text>\n");
    out.append("<text class=\"fg-legend-max\" x=\"")
        .append(x0 + steps * step)
        .append("\" y=\"27\" text-anchor=\"end\">");
    Markup.points(out, scale).append(" (grew)</text>\n");
    out.append("<text class=\"fg-legend-gone\" x=\"")
        .append(x0 + steps * step + 20)
        .append("\" y=\"11\">");
    Markup.escape(
        out,
        vanishedNote(table.vanishedFrames, table.vanishedTotals[0], table.baselineTotals[0][0]));
    out.append("</text>\n</g>\n");
  }

  static String vanishedNote(long frames, long samples, long baselineTotal) {
    if (frames == 0) {
      return "Every baseline frame is still there.";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(Markup.count(frames))
        .append(frames == 1 ? " frame" : " frames")
        .append(" only in the baseline (");
    Markup.percent(sb, samples, baselineTotal);
    return sb.append(" of its samples) not drawn.").toString();
  }

  private void joinPairs(long[][] totals, long[][] selves, int i) {
    for (int v = 0; v < totals.length; v++) {
      if (v > 0) {
        out.append('|');
      }
      out.append(totals[v][i]).append(' ').append(selves[v][i]);
    }
  }

  private void joinCounts(long[] counts) {
    for (int v = 0; v < counts.length; v++) {
      if (v > 0) {
        out.append('|');
      }
      out.append(counts[v]);
    }
  }
}

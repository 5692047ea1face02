package dev.fakeguru.flamegraph;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A flame graph of a {@link Profile}, or a differential flame graph of two, rendered as one
 * self-contained HTML file or as a plain SVG.
 *
 * <p><b>What it shows.</b> Every frame of the call tree is a rectangle whose width is its total
 * (self plus descendants) in the selected counter view, children side by side above their parent
 * (or below it, after the icicle toggle), ordered by name. The views are the profile's counter
 * types ({@link CounterTypes#WALL_TIME}, the JVM thread states) and, when several thread states are
 * present, CPU (RUNNABLE, BLOCKED, NATIVE) and latency (every state but IDLE). A plain graph
 * colours frames by a hash of their name; a {@linkplain #differential differential} graph draws the
 * current profile's widths and colours each frame by the change of its share since the baseline
 * (red grew, blue shrank, with a legend), and says how many baseline frames no longer exist.
 *
 * <p><b>The HTML</b> holds the SVG, a small inline script and its stylesheet: hover a frame for its
 * self and total counts, share and source file and lines; click to zoom into it; search to
 * highlight the frames whose name contains a text and sum their samples (nested matches counted
 * once); switch the counter view; flip between flame (root at the bottom) and icicle (root at the
 * top). It loads nothing from the network, and its Content-Security-Policy allows only its own
 * script and style, so it can be opened from disk or attached to a test report. <b>The SVG</b> is
 * the same picture without the script, for embedding; each frame has a tooltip.
 *
 * <p><b>Output is deterministic</b>: equal profiles give the same bytes (children are ordered by
 * name, numbers are formatted without locale, nothing depends on the time of rendering). Frame
 * names are text, never markup: {@code <}, {@code &} and quotes are escaped, characters XML cannot
 * hold become U+FFFD. Rendering is one pass over the frames (plus sorting each node's children):
 * about 270 bytes of HTML and 5 to 15 microseconds per frame of a JVM profile, about 11 times the
 * cost of encoding the same profile as agent JSON (benchmarks/README.md).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Profile profile = fake.storedProfiles("checkout").get(0).profile().orElseThrow();
 * FlameGraph.of(profile).writeHtml(Path.of("target/checkout.html"));
 *
 * String svg = FlameGraph.differential(baseline, current)
 *     .withCounterType(CounterTypes.RUNNABLE)
 *     .withHighlight("queryDb")
 *     .toSvg();
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FlameGraph {
  private final Profile baseline;
  private final Profile profile;
  private final String title;
  private final String counterType;
  private final String highlight;

  private FlameGraph(
      Profile baseline, Profile profile, String title, String counterType, String highlight) {
    this.baseline = baseline;
    this.profile = profile;
    this.title = title;
    this.counterType = counterType;
    this.highlight = highlight;
  }

  /**
   * A flame graph of {@code profile}.
   *
   * @param profile the profile to draw
   * @return the flame graph
   */
  public static FlameGraph of(Profile profile) {
    return new FlameGraph(null, Objects.requireNonNull(profile, "profile"), null, null, null);
  }

  /**
   * A differential flame graph: the frames of {@code current} with their widths, coloured by how
   * each frame's share (its total over the whole profile's, per counter view) changed from the
   * frame at the same path in {@code baseline}.
   *
   * @param baseline the profile compared with, e.g. last week's
   * @param current the profile drawn, e.g. today's
   * @return the differential flame graph
   */
  public static FlameGraph differential(Profile baseline, Profile current) {
    return new FlameGraph(
        Objects.requireNonNull(baseline, "baseline"),
        Objects.requireNonNull(current, "current"),
        null,
        null,
        null);
  }

  /**
   * The same graph with another title (shown in the header and as the page title).
   *
   * @param title the title; by default it says what is drawn and the profiles' time spans
   * @return a new flame graph
   */
  public FlameGraph withTitle(String title) {
    return new FlameGraph(
        baseline, profile, Objects.requireNonNull(title, "title"), counterType, highlight);
  }

  /**
   * The same graph, first shown in another counter view.
   *
   * @param counterType a counter type such as {@link CounterTypes#RUNNABLE}, or {@code CPU} or
   *     {@code LATENCY}; by default {@link CounterTypes#WALL_TIME} if present. A counter type the
   *     profile does not have is shown as an empty view, so the page says there are no such samples
   * @return a new flame graph
   */
  public FlameGraph withCounterType(String counterType) {
    return new FlameGraph(
        baseline, profile, title, Objects.requireNonNull(counterType, "counterType"), highlight);
  }

  /**
   * The same graph with its search already filled in: the HTML highlights the frames whose name
   * contains {@code searchTerm} (ignoring case) when it opens.
   *
   * @param searchTerm the text to search for
   * @return a new flame graph
   */
  public FlameGraph withHighlight(String searchTerm) {
    return new FlameGraph(
        baseline, profile, title, counterType, Objects.requireNonNull(searchTerm, "searchTerm"));
  }

  /**
   * Whether this is a differential graph.
   *
   * @return true for {@link #differential(Profile, Profile)}
   */
  public boolean isDifferential() {
    return baseline != null;
  }

  /**
   * The graph as an SVG document (no script; each frame has a tooltip).
   *
   * @return the SVG, UTF-8 text
   */
  public String toSvg() {
    return SvgWriter.write(table(), title(), highlight);
  }

  /**
   * The graph as a self-contained HTML page.
   *
   * @return the HTML, UTF-8 text
   */
  public String toHtml() {
    String t = title();
    return HtmlPage.write(t, SvgWriter.write(table(), t, highlight));
  }

  /**
   * Writes {@link #toHtml()} to {@code file} (UTF-8), creating its parent directories.
   *
   * @param file where to write, e.g. {@code target/checkout.html}
   * @return {@code file}
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path writeHtml(Path file) {
    return write(file, toHtml());
  }

  /**
   * Writes {@link #toSvg()} to {@code file} (UTF-8), creating its parent directories.
   *
   * @param file where to write, e.g. {@code target/checkout.svg}
   * @return {@code file}
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path writeSvg(Path file) {
    return write(file, toSvg());
  }

  private FrameTable table() {
    return baseline == null
        ? FrameTable.of(profile.callTree(), "all", counterType)
        : FrameTable.diff(baseline.callTree(), profile.callTree(), "all", counterType);
  }

  private String title() {
    if (title != null) {
      return title;
    }
    if (baseline == null) {
      return "Flame graph · " + span(profile);
    }
    return "Differential flame graph · baseline " + span(baseline) + " · current " + span(profile);
  }

  private static String span(Profile p) {
    return p.start() + " – " + p.end();
  }

  private static Path write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the flame graph to " + file, e);
    }
  }

  /**
   * A one-line description, e.g. {@code FlameGraph[differential, 12 frames]}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    CallTreeNode tree = profile.callTree();
    return "FlameGraph["
        + (baseline == null ? "" : "differential, ")
        + (tree.size() - 1)
        + " frames]";
  }
}

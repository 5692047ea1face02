package dev.fakeguru.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fakeguru.flamegraph.FlameGraph;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.LineRange;
import dev.fakeguru.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The renderer's HTML file opened from disk in headless Chromium: it runs without console errors
 * under its own Content-Security-Policy, draws one rectangle per frame with widths proportional to
 * the counts, highlights and sums search matches, zooms on click, flips to an icicle, and shows a
 * hostile frame name as text. Each view is saved as a screenshot under target/screenshots.
 */
@Timeout(120)
class FlameGraphBrowserTest {
  static final Instant START = Instant.parse("2024-01-02T03:00:00Z");
  static final Instant END = START.plusSeconds(300);
  static final String HOSTILE = "<img src=x onerror=\"document.title='owned'\">";

  static Chromium chromium;
  static Path pages;

  @BeforeAll
  static void start() throws Exception {
    chromium = Chromium.start();
    pages = Files.createDirectories(Path.of("target", "flamegraphs"));
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  /**
   * main 45 (handle 40 (queryDb 30), render 5), idle 55: 100 WALL_TIME samples; handle has a
   * source.
   */
  static Profile webApp() {
    return webApp(30, 55);
  }

  /** main (handle (queryDb {@code query}, self 10), render 5), idle {@code sleep}. */
  static Profile webApp(long query, long sleep) {
    Profile.Builder b =
        Profile.builder(START, START.plusSeconds(300))
            .stack(
                query,
                "com.example.Main.main",
                "com.example.Handler.handle",
                "com.example.Db.query")
            .stack(10, "com.example.Main.main", "com.example.Handler.handle")
            .stack(5, "com.example.Main.main", "com.example.View.render")
            .stack(sleep, "java.lang.Thread.sleep");
    b.root()
        .child("com.example.Main.main")
        .child("com.example.Handler.handle")
        .file("com/example/Handler.java")
        .lines(LineRange.of(54, 57));
    return b.build();
  }

  void open(String name, FlameGraph graph) {
    Path file = graph.writeHtml(pages.resolve(name + ".html"));
    chromium.driver.get(file.toAbsolutePath().toUri().toString());
    chromium.waiting().until(d -> !d.findElements(By.cssSelector("div.fg-toolbar")).isEmpty());
  }

  /** The visible frames by name, in document order. */
  Map<String, WebElement> frames() {
    Map<String, WebElement> frames = new LinkedHashMap<>();
    for (WebElement g : chromium.driver.findElements(By.cssSelector("svg.fg-svg g.f"))) {
      if (g.isDisplayed()) {
        frames.put(name(g), g);
      }
    }
    return frames;
  }

  String name(WebElement frame) {
    return (String)
        chromium.script(
            "return arguments[0].querySelector('title').textContent.split('\\n')[0];", frame);
  }

  double renderedWidth(WebElement frame) {
    return ((Number)
            chromium.script(
                "return arguments[0].querySelector('rect').getBoundingClientRect().width;", frame))
        .doubleValue();
  }

  @Test
  void every_frame_is_one_rectangle_as_wide_as_its_share_of_the_samples() {
    open("web-app", FlameGraph.of(webApp()).withTitle("web-app"));

    Map<String, WebElement> frames = frames();
    assertThat(frames.keySet())
        .containsExactlyInAnyOrder(
            "all",
            "com.example.Main.main",
            "com.example.Handler.handle",
            "com.example.Db.query",
            "com.example.View.render",
            "java.lang.Thread.sleep");
    assertThat(chromium.driver.findElements(By.cssSelector("svg.fg-svg g.f rect"))).hasSize(6);
    double all = renderedWidth(frames.get("all"));
    assertThat(all).isGreaterThan(500);
    Map<String, Integer> totals =
        Map.of(
            "com.example.Main.main", 45,
            "com.example.Handler.handle", 40,
            "com.example.Db.query", 30,
            "com.example.View.render", 5,
            "java.lang.Thread.sleep", 55);
    totals.forEach(
        (name, total) ->
            assertThat(renderedWidth(frames.get(name)))
                .as(name)
                .isCloseTo(all * total / 100.0, within(1.0)));
    chromium.screenshot("flame-graph");
  }

  @Test
  void hovering_a_frame_shows_its_self_total_share_and_source() {
    open("web-app-hover", FlameGraph.of(webApp()));

    WebElement handle = frames().get("com.example.Handler.handle");
    new org.openqa.selenium.interactions.Actions(chromium.driver)
        .moveToElement(handle.findElement(By.tagName("rect")))
        .perform();

    String details = chromium.driver.findElement(By.cssSelector("div.fg-details")).getText();
    assertThat(details)
        .contains("com.example.Handler.handle")
        .contains("total 40 of 100 (40.00%)")
        .contains("self 10")
        .contains("com/example/Handler.java:54-57");
    chromium.screenshot("flame-graph-hover");
  }

  @Test
  void search_highlights_the_matching_frames_and_sums_their_samples() {
    open("web-app-search", FlameGraph.of(webApp()));

    WebElement box = chromium.driver.findElement(By.cssSelector("input.fg-search"));
    box.sendKeys("example.");

    List<String> highlighted =
        chromium.driver.findElements(By.cssSelector("svg.fg-svg g.f.fg-match")).stream()
            .map(this::name)
            .toList();
    assertThat(highlighted)
        .containsExactlyInAnyOrder(
            "com.example.Main.main",
            "com.example.Handler.handle",
            "com.example.Db.query",
            "com.example.View.render");
    // Nested matches count once: main's 45 hold the others.
    assertThat(chromium.driver.findElement(By.cssSelector("span.fg-matched")).getText())
        .isEqualTo("Matched 4 frames: 45 of 100 samples (45.00%)");
    chromium.screenshot("flame-graph-search");

    box.clear();
    box.sendKeys("query");
    assertThat(chromium.driver.findElements(By.cssSelector("svg.fg-svg g.f.fg-match")))
        .singleElement()
        .satisfies(g -> assertThat(name(g)).isEqualTo("com.example.Db.query"));
  }

  @Test
  void clicking_a_frame_zooms_into_it_and_reset_zooms_out() {
    open("web-app-zoom", FlameGraph.of(webApp()));
    double all = renderedWidth(frames().get("all"));

    frames().get("com.example.Handler.handle").findElement(By.tagName("rect")).click();

    Map<String, WebElement> zoomed = frames();
    assertThat(zoomed.keySet())
        .containsExactlyInAnyOrder(
            "all", "com.example.Main.main", "com.example.Handler.handle", "com.example.Db.query");
    assertThat(renderedWidth(zoomed.get("com.example.Handler.handle"))).isCloseTo(all, within(1.0));
    assertThat(renderedWidth(zoomed.get("com.example.Db.query")))
        .isCloseTo(all * 30 / 40, within(1.0));
    chromium.screenshot("flame-graph-zoomed");

    chromium.driver.findElement(By.cssSelector("button.fg-reset")).click();
    assertThat(frames()).hasSize(6);
  }

  @Test
  void the_icicle_toggle_puts_the_root_at_the_top() {
    open("web-app-icicle", FlameGraph.of(webApp()));
    WebElement root = frames().get("all").findElement(By.tagName("rect"));
    WebElement leaf = frames().get("com.example.Db.query").findElement(By.tagName("rect"));
    assertThat(root.getRect().getY()).isGreaterThan(leaf.getRect().getY());

    chromium.driver.findElement(By.cssSelector("button.fg-flip")).click();

    assertThat(root.getRect().getY()).isLessThan(leaf.getRect().getY());
    chromium.screenshot("flame-graph-icicle");
  }

  @Test
  void the_counter_switch_redraws_the_widths_in_the_chosen_view() {
    Profile jvm =
        Profile.builder(START, END)
            .stack(CounterTypes.RUNNABLE, 30, "main", "compute")
            .stack(CounterTypes.BLOCKED, 10, "main", "lock")
            .stack(CounterTypes.WAITING, 60, "main", "read")
            .build();
    open("jvm-views", FlameGraph.of(jvm).withTitle("thread states"));
    Select view = new Select(chromium.driver.findElement(By.cssSelector("select.fg-view")));
    assertThat(view.getOptions())
        .extracting(WebElement::getText)
        .containsExactly(
            "CPU (RUNNABLE+BLOCKED)",
            "Latency (RUNNABLE+BLOCKED+WAITING)",
            "RUNNABLE",
            "BLOCKED",
            "WAITING");
    double all = renderedWidth(frames().get("all"));
    // CPU: 40 samples, compute 30 of them; read has none and is not drawn.
    assertThat(renderedWidth(frames().get("compute"))).isCloseTo(all * 30 / 40, within(1.0));
    assertThat(frames()).doesNotContainKey("read");

    view.selectByVisibleText("Latency (RUNNABLE+BLOCKED+WAITING)");

    assertThat(renderedWidth(frames().get("read"))).isCloseTo(all * 60 / 100, within(1.0));
    assertThat(renderedWidth(frames().get("compute"))).isCloseTo(all * 30 / 100, within(1.0));
    chromium.screenshot("flame-graph-latency-view");

    view.selectByVisibleText("WAITING");
    assertThat(frames().keySet()).containsExactly("all", "main", "read");
  }

  @Test
  void a_frame_named_like_markup_is_shown_as_text_and_runs_nothing() {
    Profile hostile =
        Profile.builder(START, END)
            .stack(3, "main", HOSTILE)
            .stack(2, "main", "</script><script>document.title='owned'</script>")
            .build();
    open("hostile", FlameGraph.of(hostile).withTitle("hostile"));
    WebElement frame = frames().get(HOSTILE);
    new org.openqa.selenium.interactions.Actions(chromium.driver)
        .moveToElement(frame.findElement(By.tagName("rect")))
        .perform();
    chromium.driver.findElement(By.cssSelector("input.fg-search")).sendKeys("img");

    assertThat(chromium.driver.findElements(By.tagName("img"))).isEmpty();
    assertThat(chromium.driver.getTitle()).isNotEqualTo("owned");
    assertThat(frame.findElement(By.tagName("text")).getText()).isEqualTo(HOSTILE);
    assertThat(chromium.driver.findElement(By.cssSelector("div.fg-details")).getText())
        .startsWith(HOSTILE + "\n");
    assertThat(chromium.driver.findElements(By.cssSelector("svg.fg-svg g.f.fg-match"))).hasSize(1);
    chromium.screenshot("flame-graph-hostile");
  }

  @Test
  void a_differential_graph_colours_growth_red_and_shrinkage_blue_with_a_legend() {
    Profile baseline = webApp();
    Profile current = webApp(60, 25);
    open("diff", FlameGraph.differential(baseline, current).withTitle("regression"));

    Map<String, WebElement> frames = frames();
    String grew = fill(frames.get("com.example.Db.query"));
    String shrank = fill(frames.get("java.lang.Thread.sleep"));
    assertThat(red(grew)).isGreaterThan(blue(grew));
    assertThat(blue(shrank)).isGreaterThan(red(shrank));
    assertThat(renderedWidth(frames.get("com.example.Db.query")))
        .isCloseTo(renderedWidth(frames.get("all")) * 0.60, within(1.0));
    assertThat(chromium.driver.findElement(By.cssSelector("text.fg-legend-max")).getText())
        .contains("grew");
    chromium.screenshotForDocs("flame-graph-differential");
  }

  String fill(WebElement frame) {
    return frame.findElement(By.tagName("rect")).getDomAttribute("fill");
  }

  static int red(String hex) {
    return Integer.parseInt(hex.substring(1, 3), 16);
  }

  static int blue(String hex) {
    return Integer.parseInt(hex.substring(5, 7), 16);
  }
}

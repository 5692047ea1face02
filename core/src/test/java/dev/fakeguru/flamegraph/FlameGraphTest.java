package dev.fakeguru.flamegraph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Fixtures;
import dev.fakeguru.profile.LineRange;
import dev.fakeguru.profile.Profile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The renderer checked without a browser: the SVG parsed as XML, one rectangle per frame with
 * widths proportional to totals, escaping, determinism, the differential colours and legend, the
 * counter views, and the HTML page's Content-Security-Policy against its own inline script.
 */
class FlameGraphTest {
  static final Instant START = Instant.parse("2024-01-02T03:00:00Z");
  static final Instant END = START.plusSeconds(300);

  /** main 45 (handle 40 (queryDb 30), render 5), idle 55: 100 WALL_TIME samples. */
  static Profile webApp() {
    return Profile.builder(START, START.plusSeconds(300))
        .stack(30, "main", "handle", "queryDb")
        .stack(10, "main", "handle")
        .stack(5, "main", "render")
        .stack(55, "idle")
        .build();
  }

  @Test
  void every_frame_is_one_rectangle_whose_width_is_its_total_share_of_the_width() throws Exception {
    Document svg = parse(FlameGraph.of(webApp()).toSvg());

    Map<String, Element> frames = framesByName(svg);
    assertThat(frames.keySet())
        .containsExactly("all", "idle", "main", "handle", "queryDb", "render"); // by name, DFS
    assertThat(width(frames.get("all"))).isEqualTo(1200.0);
    assertThat(width(frames.get("idle"))).isEqualTo(660.0);
    assertThat(width(frames.get("main"))).isEqualTo(540.0);
    assertThat(width(frames.get("handle"))).isEqualTo(480.0);
    assertThat(width(frames.get("queryDb"))).isEqualTo(360.0);
    assertThat(width(frames.get("render"))).isEqualTo(60.0);
    // Children sit side by side on their parent, ordered by name: idle, then main.
    assertThat(x(frames.get("idle"))).isEqualTo(0.0);
    assertThat(x(frames.get("main"))).isEqualTo(660.0);
    assertThat(x(frames.get("render"))).isEqualTo(660.0 + 480.0);
    // Flame orientation: the root at the bottom, each level 16 px above its parent.
    assertThat(y(frames.get("main"))).isEqualTo(y(frames.get("all")) - 16);
    assertThat(y(frames.get("queryDb"))).isEqualTo(y(frames.get("all")) - 48);
  }

  @Test
  void frames_carry_their_parent_and_counts_and_a_tooltip_with_self_total_share_and_source()
      throws Exception {
    Profile.Builder b = webApp().toBuilder();
    b.root().child("main").child("handle").file("app/handlers.py").lines(LineRange.of(54, 57));
    Document svg = parse(FlameGraph.of(b.build()).toSvg());

    Element handle = framesByName(svg).get("handle");
    assertThat(handle.getAttribute("data-p")).isEqualTo("2"); // all=0, idle=1, main=2
    assertThat(handle.getAttribute("data-v")).isEqualTo("40 10");
    assertThat(handle.getAttribute("data-src")).isEqualTo("app/handlers.py:54-57");
    assertThat(child(handle, "title").getTextContent())
        .isEqualTo("handle\ntotal 40 of 100 (40.00%) · self 10\napp/handlers.py:54-57");
    assertThat(child(handle, "text").getTextContent()).isEqualTo("handle");
  }

  @Test
  void names_too_long_for_their_rectangle_are_cut_and_tiny_frames_have_no_label() {
    assertThat(SvgWriter.label("com.example.Service.handle", 1200))
        .isEqualTo("com.example.Service.handle");
    assertThat(SvgWriter.label("com.example.Service.handle", 60))
        .isEqualTo("com.ex.."); // (60 - 2 * 3) / 6.6 = 8 characters
    assertThat(SvgWriter.label("com.example.Service.handle", 20)).isEmpty();
  }

  @Test
  void frame_names_are_text_never_markup() throws Exception {
    String img = "<img src=x onerror=alert(1)>";
    String script = "</script><script>alert(2)</script>";
    String quotes = "\"q\" & 'a' ]]>";
    Profile hostile =
        Profile.builder(START, END)
            .stack(3, "main", img)
            .stack(2, "main", script)
            .stack(1, "main", quotes)
            .build();

    String html = FlameGraph.of(hostile).withHighlight("\"><script>alert(3)</script>").toHtml();

    assertThat(html).doesNotContain("<img").doesNotContain("<script>alert");
    assertThat(count(html, "<script")).isEqualTo(1); // the viewer's own
    assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;");
    Document svg = parse(FlameGraph.of(hostile).toSvg());
    assertThat(framesByName(svg)).containsKeys(img, script, quotes);
    assertThat(svg.getElementsByTagNameNS("*", "img").getLength()).isZero();
    assertThat(svg.getElementsByTagNameNS("*", "script").getLength()).isZero();
  }

  @Test
  void characters_xml_cannot_hold_become_replacement_characters() throws Exception {
    String lone = "a\uD800b";
    String control = "tab\tnul\u0000";
    Profile p =
        Profile.builder(START, END)
            .stack(1, lone)
            .stack(1, control)
            .stack(1, "pair \uD83D\uDE00")
            .build();

    Map<String, Element> frames = framesByName(parse(FlameGraph.of(p).toSvg()));

    assertThat(frames).containsKeys("a\uFFFDb", "tab\uFFFDnul\uFFFD", "pair \uD83D\uDE00");
  }

  @Test
  void equal_profiles_give_the_same_bytes_whatever_order_their_frames_were_added_in() {
    Profile forwards = webApp();
    Profile backwards =
        Profile.builder(START, START.plusSeconds(300))
            .stack(55, "idle")
            .stack(5, "main", "render")
            .stack(10, "main", "handle")
            .stack(30, "main", "handle", "queryDb")
            .build();
    assertThat(backwards).isEqualTo(forwards);

    assertThat(FlameGraph.of(backwards).toHtml()).isEqualTo(FlameGraph.of(forwards).toHtml());
    assertThat(FlameGraph.of(forwards).toSvg()).isEqualTo(FlameGraph.of(forwards).toSvg());
  }

  @Test
  void the_page_allows_exactly_its_own_script_and_style_and_loads_nothing() throws Exception {
    String html = FlameGraph.of(webApp()).toHtml();

    String policy = group(html, "http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"");
    String script = group(html, "(?s)<script>(.*?)</script>");
    String style = group(html, "(?s)<style>(.*?)</style>");
    assertThat(policy)
        .startsWith("default-src 'none'; ")
        .contains("script-src '" + sha256(script) + "'")
        .contains("style-src '" + sha256(style) + "'")
        .doesNotContain("unsafe");
    // No URL other than the SVG namespace, and nothing that would load one.
    assertThat(html.replace("http://www.w3.org/2000/svg", ""))
        .doesNotContain("http:")
        .doesNotContain("https:")
        .doesNotContain(" src=")
        .doesNotContain(" href=");
  }

  @Test
  void a_differential_graph_draws_the_current_widths_coloured_by_the_change_in_share()
      throws Exception {
    Profile baseline =
        Profile.builder(START, END)
            .stack(20, "main", "queryDb")
            .stack(70, "main", "render")
            .stack(10, "main", "cache")
            .build();
    Profile current =
        Profile.builder(START, END)
            .stack(50, "main", "queryDb")
            .stack(50, "main", "render")
            .build();

    Document svg = parse(FlameGraph.differential(baseline, current).toSvg());

    Map<String, Element> frames = framesByName(svg);
    assertThat(frames.keySet()).containsExactly("all", "main", "queryDb", "render"); // no cache
    assertThat(width(frames.get("queryDb"))).isEqualTo(600.0);
    assertThat(frames.get("queryDb").getAttribute("data-b")).isEqualTo("20 20");
    // queryDb grew by 30 points (the largest change: full red), render shrank by 20 (blue).
    assertThat(fill(frames.get("queryDb"))).isEqualTo("#d73027");
    int[] render = rgb(fill(frames.get("render")));
    assertThat(render[2]).isGreaterThan(render[0]);
    assertThat(fill(frames.get("main"))).isEqualTo("#f5f5f5"); // 100% in both
    assertThat(child(frames.get("queryDb"), "title").getTextContent())
        .contains("baseline 20 of 100 (20.00%) · change +30.00 pp");
    assertThat(legendText(svg, "fg-legend-max")).isEqualTo("+30.00 pp (grew)");
    assertThat(legendText(svg, "fg-legend-gone"))
        .isEqualTo("1 frame only in the baseline (10.00% of its samples) not drawn.");
    assertThat(svg.getDocumentElement().getAttribute("data-kind")).isEqualTo("diff");
  }

  @Test
  void jvm_thread_states_get_cpu_and_latency_views_and_the_requested_view_comes_first()
      throws Exception {
    Profile jvm =
        Profile.builder(START, END)
            .stack(CounterTypes.RUNNABLE, 30, "main", "work")
            .stack(CounterTypes.BLOCKED, 10, "main", "lock")
            .stack(CounterTypes.WAITING, 50, "main", "park")
            .stack(CounterTypes.IDLE, 10, "pool", "idle")
            .build();

    Element root = parse(FlameGraph.of(jvm).toSvg()).getDocumentElement();
    assertThat(root.getAttribute("data-views"))
        .isEqualTo("[\"CPU\",\"LATENCY\",\"RUNNABLE\",\"BLOCKED\",\"WAITING\",\"IDLE\"]");
    assertThat(root.getAttribute("data-labels"))
        .startsWith(
            "[\"CPU (RUNNABLE+BLOCKED)\",\"Latency (RUNNABLE+BLOCKED+WAITING)\",\"RUNNABLE\"");

    Document idleFirst = parse(FlameGraph.of(jvm).withCounterType(CounterTypes.IDLE).toSvg());
    Map<String, Element> frames = framesByName(idleFirst);
    assertThat(idleFirst.getDocumentElement().getAttribute("data-views")).startsWith("[\"IDLE\"");
    assertThat(width(frames.get("pool"))).isEqualTo(1200.0);
    assertThat(frames.get("main").getAttribute("display")).isEqualTo("none"); // no IDLE samples
    assertThat(frames.get("main").getAttribute("data-v")).startsWith("0 0|40 0|");
  }

  @Test
  void a_profile_tens_of_thousands_of_frames_deep_renders_without_recursion() throws Exception {
    List<String> stack = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      stack.add("f" + i);
    }
    Profile deep = Profile.builder(START, END).stack(CounterTypes.WALL_TIME, 1, stack).build();

    String svg = FlameGraph.of(deep).toSvg();

    assertThat(count(svg, "<g class=\"f\"")).isEqualTo(20_001);
  }

  @Test
  void the_python_agent_fixture_renders_every_frame() throws Exception {
    Profile python = ProfileCodec.defaults().decode(Fixtures.body(Fixtures.PROFILE_1), null, null);

    Document svg = parse(FlameGraph.of(python).toSvg());

    assertThat(svg.getElementsByTagNameNS("*", "rect").getLength() - 1) // minus the background
        .isEqualTo(python.callTree().size());
    Element root = framesByName(svg).get("all");
    assertThat(root.getAttribute("data-v"))
        .isEqualTo(python.totalCount(CounterTypes.WALL_TIME) + " 0");
  }

  // ------------------------------------------------------------------ helpers

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** Frame groups by name (the first line of their tooltip), in document order. */
  static Map<String, Element> framesByName(Document svg) {
    Map<String, Element> frames = new LinkedHashMap<>();
    NodeList groups = svg.getElementsByTagNameNS("*", "g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("class").equals("f")) {
        frames.put(child(g, "title").getTextContent().split("\n")[0], g);
      }
    }
    return frames;
  }

  static Element child(Element g, String tag) {
    return (Element) g.getElementsByTagNameNS("*", tag).item(0);
  }

  static double width(Element frame) {
    return Double.parseDouble(child(frame, "rect").getAttribute("width"));
  }

  static double x(Element frame) {
    return Double.parseDouble(child(frame, "rect").getAttribute("x"));
  }

  static double y(Element frame) {
    return Double.parseDouble(child(frame, "rect").getAttribute("y"));
  }

  static String fill(Element frame) {
    return child(frame, "rect").getAttribute("fill");
  }

  static int[] rgb(String hex) {
    return new int[] {
      Integer.parseInt(hex.substring(1, 3), 16),
      Integer.parseInt(hex.substring(3, 5), 16),
      Integer.parseInt(hex.substring(5, 7), 16)
    };
  }

  static String legendText(Document svg, String cls) {
    NodeList texts = svg.getElementsByTagNameNS("*", "text");
    for (int i = 0; i < texts.getLength(); i++) {
      Element t = (Element) texts.item(i);
      if (t.getAttribute("class").equals(cls)) {
        return t.getTextContent();
      }
    }
    throw new AssertionError("no text of class " + cls);
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in the page", regex).isTrue();
    return m.group(1);
  }

  static String sha256(String text) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return "sha256-" + Base64.getEncoder().encodeToString(d);
  }
}

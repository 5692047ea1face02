package dev.fakeguru.internal.admin;

import static dev.fakeguru.internal.admin.AdminApiTest.call;
import static dev.fakeguru.internal.admin.AdminApiTest.profileAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.flamegraph.FlameGraph;
import dev.fakeguru.internal.admin.AdminApiTest.Answer;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import dev.fakeguru.time.SettableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ThrottlingException;
import software.amazon.awssdk.services.codeguruprofiler.model.ValidationException;

/**
 * The admin API's web page over real HTTP: the page and its files, the data endpoint, the flame
 * graphs of posts and of aggregated ranges, the security headers on every answer, the admin token
 * and the refusal of requests other sites make browsers send. (The page itself runs in a browser in
 * the browser-tests module.)
 */
@Timeout(60)
class AdminWebPageTest {
  private static final Instant START = Instant.parse("2024-01-02T03:00:00Z");
  private static final Instant END = START.plusSeconds(300);

  static final Instant T0 = AdminApiTest.T0;
  static final String GROUP = "web-app";

  static FakeCodeGuruProfiler fake;
  static CodeGuruProfilerClient client;

  @BeforeAll
  static void start() {
    fake =
        FakeCodeGuruProfiler.builder()
            .clock(SettableClock.at(T0.plusSeconds(3600)))
            .profilingGroup(GROUP)
            .adminApi(true)
            .start();
    client = AdminApiTest.sdk(fake);
  }

  @AfterAll
  static void stop() {
    client.close();
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  static Answer get(String path, String... headers) {
    return call(fake, "GET", path, null, headers);
  }

  static String header(Answer a, String name) {
    return a.raw().headers().firstValue(name).orElse(null);
  }

  static String text(Answer a) {
    return new String(a.raw().body(), StandardCharsets.UTF_8);
  }

  static void assertSecured(Answer a) {
    assertThat(header(a, "X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(header(a, "Content-Security-Policy")).startsWith("default-src 'none'");
    assertThat(header(a, "Cross-Origin-Resource-Policy")).isEqualTo("same-origin");
    assertThat(header(a, "X-Frame-Options")).isEqualTo("DENY");
    assertThat(header(a, "Cache-Control")).isEqualTo("no-store");
  }

  void post(String group, Profile p) {
    client.postAgentProfile(
        r ->
            r.profilingGroupName(group)
                .contentType("application/json")
                .agentProfile(SdkBytes.fromByteArray(AdminApiTest.json(p))));
  }

  @Test
  void the_page_and_its_files_are_served_with_a_strict_policy() {
    Answer page = get("ui/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(header(page, "Content-Type")).startsWith("text/html");
    assertSecured(page);
    assertThat(header(page, "Content-Security-Policy"))
        .contains("script-src 'self'")
        .contains("connect-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe");
    assertThat(text(page)).contains("<script src=\"/__fakeguru/ui/app.js\" defer></script>");
    assertThat(get("ui").status()).isEqualTo(200);

    Answer script = get("ui/flamegraph.js");
    assertThat(header(script, "Content-Type")).startsWith("text/javascript");
    assertSecured(script);
    // The page's viewer is the very script every rendered flame graph carries inline.
    assertThat(FlameGraph.of(Profile.builder(START, END).stack(1, "main").build()).toHtml())
        .contains(text(script));
    assertThat(header(get("ui/app.css"), "Content-Type")).startsWith("text/css");

    Answer missing = get("ui/nothing.js");
    assertThat(missing.status()).isEqualTo(404);
    assertSecured(missing);
  }

  @Test
  void the_data_lists_groups_recent_posts_and_calls_faults_and_scripts() {
    post(GROUP, profileAt(1, 3, "main", "work"));
    fake.injectFault(ProfilerFault.throttling(), Operation.POST_AGENT_PROFILE, 1);
    try {
      post(GROUP, profileAt(2, 5, "main"));
    } catch (ThrottlingException expected) {
      // the fault answered this post
    }
    fake.injectFault(ProfilerFault.internalError(), Operation.GET_PROFILE, 2);
    fake.enqueueGetProfile(GROUP, ScriptedProfileResponse.of(profileAt(3, 1, "main")));

    Answer a = get("ui/data");

    assertThat(a.status()).isEqualTo(200);
    assertSecured(a);
    JsonNode data = a.json();
    assertThat(data.path("now").asText()).isEqualTo(T0.plusSeconds(3600).toString());
    assertThat(data.path("groups").get(0).path("name").asText()).isEqualTo(GROUP);
    assertThat(data.path("groups").get(0).path("posts").asInt()).isEqualTo(2);
    JsonNode posts = data.path("posts");
    assertThat(posts).hasSize(2);
    JsonNode newest = posts.get(0); // newest first
    assertThat(newest.path("faultInjected").asBoolean()).isTrue();
    assertThat(newest.path("status").asInt()).isEqualTo(429);
    assertThat(newest.path("stored").asBoolean()).isFalse();
    JsonNode oldest = posts.get(1);
    assertThat(oldest.path("faultInjected").asBoolean()).isFalse();
    assertThat(oldest.path("status").asInt()).isEqualTo(204);
    assertThat(oldest.path("stored").asBoolean()).isTrue();
    assertThat(oldest.path("contentType").asText()).isEqualTo("application/json");
    assertThat(oldest.path("size").asInt()).isPositive();
    assertThat(oldest.path("receivedAt").asText()).isEqualTo(T0.plusSeconds(3600).toString());
    assertThat(data.path("calls").get(0).path("operation").asText()).isEqualTo("PostAgentProfile");
    assertThat(data.path("calls").get(0).path("errorType").asText())
        .isEqualTo("ThrottlingException");
    assertThat(data.path("faults")).hasSize(1);
    assertThat(data.path("faults").get(0).path("description").asText()).contains("GetProfile");
    assertThat(data.path("scripts")).hasSize(1);
  }

  @Test
  void a_post_is_drawn_as_an_svg_flame_graph_of_its_decoded_profile() throws Exception {
    post(GROUP, profileAt(1, 30, "main", "handle", "queryDb"));
    long sequence = fake.profilePosts().get(0).sequence();

    Answer a = get("ui/flame/posts/" + sequence);

    assertThat(a.status()).isEqualTo(200);
    assertThat(header(a, "Content-Type")).isEqualTo("image/svg+xml; charset=utf-8");
    assertSecured(a);
    assertThat(header(a, "Content-Security-Policy")).contains("sandbox");
    assertThat(frameNames(text(a))).containsExactly("all", "main", "handle", "queryDb");
    assertThat(text(a)).contains("Post #" + sequence + " · " + GROUP);
  }

  @Test
  void a_post_that_did_not_decode_or_does_not_exist_is_said_so() {
    try {
      client.postAgentProfile(
          r ->
              r.profilingGroupName(GROUP)
                  .contentType("application/json")
                  .agentProfile(SdkBytes.fromUtf8String("{not json")));
    } catch (ValidationException expected) {
      // the fake refuses it, and records the post with its decode failure
    }
    long sequence = fake.profilePosts().get(0).sequence();

    Answer undecodable = get("ui/flame/posts/" + sequence);
    assertThat(undecodable.status()).isEqualTo(422);
    assertThat(undecodable.message()).contains("could not be decoded");
    assertSecured(undecodable);
    Answer unknown = get("ui/flame/posts/999");
    assertThat(unknown.status()).isEqualTo(404);
    assertSecured(unknown);
    assertThat(get("ui/flame/posts/x").status()).isEqualTo(400);
  }

  @Test
  void an_aggregated_range_is_drawn_and_bad_ranges_are_refused_naming_the_parameter()
      throws Exception {
    post(GROUP, profileAt(1, 3, "main", "a"));
    post(GROUP, profileAt(2, 5, "main", "b"));
    String range = "group=" + GROUP + "&start=" + T0 + "&end=" + T0.plusSeconds(3600);

    Answer a = get("ui/flame/aggregated?" + range);

    assertThat(a.status()).isEqualTo(200);
    assertSecured(a);
    assertThat(frameNames(text(a))).containsExactly("all", "main", "a", "b");
    assertThat(text(a)).contains("WALL_TIME · 8 samples");
    Answer bad = get("ui/flame/aggregated?group=" + GROUP + "&start=yesterday&end=" + T0);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.message()).contains("start must be an ISO-8601 instant");
    assertSecured(bad);
    Answer empty =
        get("ui/flame/aggregated?group=" + GROUP + "&start=2020-01-01T00:00:00Z&end=" + T0);
    assertThat(empty.status()).isEqualTo(404);
    assertThat(
            get("ui/flame/aggregated?group=nope&start=" + T0 + "&end=" + T0.plusSeconds(9))
                .status())
        .isEqualTo(404);
  }

  @Test
  void data_requests_a_browser_makes_for_other_sites_are_refused() {
    assertThat(get("ui/data", "Sec-Fetch-Site", "same-origin").status()).isEqualTo(200);
    Answer crossSite = get("ui/data", "Sec-Fetch-Site", "cross-site");
    assertThat(crossSite.status()).isEqualTo(403);
    assertSecured(crossSite);
    assertThat(get("ui/flame/posts/1", "Sec-Fetch-Site", "same-site").status()).isEqualTo(403);
    // A request carrying Origin (every browser POST, and cross-origin fetches) meets the guard.
    assertThat(get("ui/data", "Origin", "http://evil.example").status()).isEqualTo(403);
    assertThat(call(fake, "POST", "reset", null, "Origin", "http://localhost").status())
        .isEqualTo(403);
  }

  @Test
  void with_an_admin_token_the_page_loads_but_its_data_needs_the_token() {
    try (FakeCodeGuruProfiler guarded =
        FakeCodeGuruProfiler.builder().adminApi(true).adminToken("s3cret").start()) {
      assertThat(call(guarded, "GET", "ui/", null).status()).isEqualTo(200);
      assertThat(call(guarded, "GET", "ui/app.js", null).status()).isEqualTo(200);
      assertThat(call(guarded, "GET", "ui/data", null).status()).isEqualTo(401);
      assertThat(call(guarded, "GET", "ui/flame/posts/1", null).status()).isEqualTo(401);
      assertThat(call(guarded, "GET", "ui/data", null, "Authorization", "Bearer wrong").status())
          .isEqualTo(401);
      assertThat(call(guarded, "GET", "ui/data", null, "Authorization", "Bearer s3cret").status())
          .isEqualTo(200);
      // The open files are the page's own: every other admin path still needs the token.
      assertThat(call(guarded, "GET", "status", null).status()).isEqualTo(401);
    }
  }

  @Test
  void without_the_admin_api_there_is_no_page() {
    try (FakeCodeGuruProfiler plain = FakeCodeGuruProfiler.builder().start()) {
      Answer a = call(plain, "GET", "ui/", null);
      assertThat(a.status()).isEqualTo(404);
      assertThat(a.json().path("__type").asText()).isEqualTo("UnknownOperationException");
    }
  }

  static List<String> frameNames(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    NodeList groups =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
            .getElementsByTagNameNS("*", "g");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("class").equals("f")) {
        names.add(g.getElementsByTagNameNS("*", "title").item(0).getTextContent().split("\n")[0]);
      }
    }
    return names;
  }
}

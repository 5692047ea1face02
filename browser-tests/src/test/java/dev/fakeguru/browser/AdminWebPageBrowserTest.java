package dev.fakeguru.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ThrottlingException;

/**
 * The admin web page ({@code /__fakeguru/ui/}) in headless Chromium, against a fake that requires
 * an admin token and received posts from the real AWS SDK: the page asks for the token, then lists
 * groups, posts, calls and faults, draws the flame graph of a post and of an aggregated range, with
 * no console errors under its Content-Security-Policy; and a script on the page cannot change the
 * fake.
 */
@Timeout(120)
class AdminWebPageBrowserTest {
  static final Instant NOW = Instant.parse("2024-01-02T04:00:00Z");
  static final String TOKEN = "s3cret-token";
  static final String GROUP = "checkout";

  static FakeCodeGuruProfiler fake;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    fake =
        FakeCodeGuruProfiler.builder()
            .clock(SettableClock.at(NOW))
            .profilingGroup(GROUP)
            .profilingGroup("search")
            .adminApi(true)
            .adminToken(TOKEN)
            .start();
    try (CodeGuruProfilerClient client =
        CodeGuruProfilerClient.builder()
            .endpointOverride(fake.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(10)))
            .build()) {
      post(client, GROUP, profile(20, 30, 10));
      post(client, GROUP, profile(10, 40, 5));
      fake.injectFault(ProfilerFault.throttling(), Operation.POST_AGENT_PROFILE, 1);
      try {
        client.postAgentProfile(
            r ->
                r.profilingGroupName("search")
                    .contentType("application/json")
                    .agentProfile(SdkBytes.fromUtf8String("{}")));
      } catch (ThrottlingException expected) {
        // shown as a failed call with an injected fault
      }
      fake.injectFault(ProfilerFault.internalError(), Operation.GET_PROFILE, 3);
    }
    chromium = Chromium.start();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  /** The failed loads a test provokes on purpose, e.g. {@code status of 401}. */
  String expectedFailedLoad = null;

  @AfterEach
  void noConsoleErrors() {
    List<String> errors = chromium.consoleErrors();
    if (expectedFailedLoad != null) {
      String expected = expectedFailedLoad;
      errors = errors.stream().filter(m -> !m.contains(expected)).toList();
    }
    assertThat(errors).isEmpty();
  }

  /** main (query q, render r) and idle i, in a 5-minute window ending {@code minutesAgo} ago. */
  static Profile profile(int minutesAgo, long q, long r) {
    Instant start = NOW.minusSeconds(60L * minutesAgo + 300);
    return Profile.builder(start, start.plusSeconds(300))
        .stack(q, "com.shop.Checkout.main", "com.shop.Db.query")
        .stack(r, "com.shop.Checkout.main", "com.shop.View.render")
        .stack(50, "java.lang.Thread.sleep")
        .build();
  }

  static void post(CodeGuruProfilerClient client, String group, Profile p) {
    client.postAgentProfile(
        r ->
            r.profilingGroupName(group)
                .contentType("application/json")
                .agentProfile(
                    SdkBytes.fromByteArray(ProfileCodec.defaults().encode(p, ProfileFormat.JSON))));
  }

  String page() {
    return fake.endpoint() + "/__fakeguru/ui/";
  }

  void openWithToken() {
    chromium.driver.get(page() + "#token=" + TOKEN);
    chromium.waiting().until(d -> d.findElements(By.cssSelector("#posts tbody tr")).size() >= 3);
  }

  List<String> column(String table, int index) {
    return chromium.driver.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
        .map(tr -> tr.findElements(By.tagName("td")).get(index).getText())
        .toList();
  }

  @Test
  void without_the_token_the_page_asks_for_it_and_shows_no_data() {
    expectedFailedLoad = "responded with a status of 401";
    chromium.driver.get(page());
    chromium.script("window.sessionStorage.clear();");
    chromium.driver.navigate().refresh();
    chromium.waiting().until(d -> d.findElement(By.id("auth")).isDisplayed());

    assertThat(chromium.driver.findElement(By.id("main")).isDisplayed()).isFalse();
    assertThat(chromium.driver.findElement(By.id("status")).getText()).contains("token");
    chromium.screenshot("admin-page-token");

    chromium.driver.findElement(By.id("auth-token")).sendKeys(TOKEN);
    chromium.driver.findElement(By.cssSelector("#auth-form button")).click();
    chromium.waiting().until(d -> d.findElement(By.id("main")).isDisplayed());
    assertThat(column("groups", 0)).contains(GROUP, "search");
    chromium.script("window.sessionStorage.clear();");
  }

  @Test
  void the_page_lists_groups_posts_calls_and_faults() {
    openWithToken();

    assertThat(column("groups", 0)).containsExactlyInAnyOrder(GROUP, "search");
    // Newest first: the throttled post, then the two stored ones.
    assertThat(column("posts", 2)).containsExactly("search", GROUP, GROUP);
    assertThat(column("posts", 5)).containsExactly("429", "204", "204");
    assertThat(column("posts", 6)).containsExactly("no", "yes", "yes");
    assertThat(column("posts", 7)).containsExactly("yes", "no", "no");
    assertThat(column("posts", 4)).allMatch(t -> t.startsWith("application/json"));
    assertThat(column("calls", 2)).contains("PostAgentProfile");
    assertThat(chromium.driver.findElement(By.id("faults")).getText())
        .contains("[GetProfile] at most 3 times");
    assertThat(chromium.driver.findElement(By.id("clock")).getText())
        .contains("2024-01-02T04:00:00Z");
    chromium.screenshot("admin-page");
  }

  @Test
  void a_post_and_an_aggregated_range_are_drawn_as_flame_graphs() {
    openWithToken();

    // Newest first: the first stored post of the group is the one with 40 query samples of 95.
    chromium.driver.findElements(By.cssSelector("#posts tbody tr")).stream()
        .filter(tr -> tr.findElements(By.tagName("td")).get(2).getText().equals(GROUP))
        .findFirst()
        .orElseThrow()
        .findElement(By.cssSelector("button.show-post"))
        .click();
    chromium.waiting().until(d -> !d.findElements(By.cssSelector("#flame g.f")).isEmpty());
    assertThat(frameWidthShare("com.shop.Db.query")).isCloseTo(40.0 / 95, within(0.01));
    chromium.screenshot("admin-page-post");

    chromium.driver.findElement(By.cssSelector("button.preset[data-seconds='3600']")).click();
    chromium
        .waiting()
        .until(d -> !d.findElement(By.id("flame-note")).getText().startsWith("loading"));
    assertThat(chromium.driver.findElement(By.id("flame-note")).getText()).isEmpty();
    assertThat(chromium.driver.findElement(By.id("range-start")).getDomProperty("value"))
        .isEqualTo("2024-01-02T03:00:00.000Z");
    assertThat(frameWidthShare("com.shop.Db.query")).isCloseTo(70.0 / 185, within(0.01));
    assertThat(chromium.driver.findElement(By.id("range-group")).getDomProperty("value"))
        .isEqualTo(GROUP);

    // The viewer works inside the page: search highlights, click zooms.
    chromium.driver.findElement(By.cssSelector("#flame input.fg-search")).sendKeys("Db");
    assertThat(chromium.driver.findElements(By.cssSelector("#flame g.f.fg-match"))).hasSize(1);
    chromium.screenshotForDocs("admin-page-aggregate");
    frame("com.shop.Checkout.main").findElement(By.tagName("rect")).click();
    assertThat(frameWidthShare("com.shop.Db.query")).isCloseTo(70.0 / 85, within(0.01));
  }

  @Test
  void a_script_on_the_page_cannot_change_the_fake() {
    openWithToken();
    expectedFailedLoad = "responded with a status of 403";

    Object status =
        chromium.driver.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "fetch('/__fakeguru/reset', {method: 'POST', headers: {Authorization: 'Bearer "
                + TOKEN
                + "'}}).then(r => done(r.status), e => done(String(e)));");

    assertThat(status).isEqualTo(403L);
    assertThat(fake.profilePosts()).hasSize(3);
  }

  WebElement frame(String name) {
    return chromium.driver.findElements(By.cssSelector("#flame g.f")).stream()
        .filter(
            g -> g.findElement(By.tagName("title")).getDomProperty("textContent").startsWith(name))
        .findFirst()
        .orElseThrow();
  }

  double frameWidthShare(String name) {
    return ((Number)
            chromium.script(
                "var gs = document.querySelectorAll('#flame g.f'); var all = 0, w = -1;"
                    + "for (var g of gs) { var n = g.querySelector('title').textContent.split('\\n')[0];"
                    + " var width = g.getAttribute('display') === 'none' ? 0 :"
                    + " g.querySelector('rect').getBoundingClientRect().width;"
                    + " if (n === 'all') all = width; if (n === arguments[0]) w = width; }"
                    + "return all === 0 ? -1 : w / all;",
                name))
        .doubleValue();
  }
}

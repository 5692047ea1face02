package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.FakeCodeGuruProfiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a web page can make a browser do to the fake: requests from pages (they carry {@code
 * Origin}) are refused unless their origin was allowed, allowed origins get correct CORS answers
 * (preflights included), the admin API refuses every page, and a {@code Host} that is not loopback
 * (DNS rebinding) is refused on every path.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrowserRequestsTest {
  static final String ALLOWED = "http://localhost:9876";
  static FakeCodeGuruProfiler fake;

  @BeforeAll
  static void start() {
    fake =
        FakeCodeGuruProfiler.builder()
            .profilingGroup("g")
            .adminApi(true)
            .allowOrigin(ALLOWED)
            .start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  private static RawHttp.Response send(
      String method, String target, String body, String... headerPairs) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    return RawHttp.send(
        fake.port(),
        Duration.ofSeconds(10),
        method,
        target,
        headers,
        body.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://evil.example", "null", "http://localhost:9877", "file://"})
  void a_page_of_another_origin_cannot_create_a_group_with_a_simple_post(String origin)
      throws IOException {
    RawHttp.Response r =
        send(
            "POST",
            "/profilingGroups?clientToken=page",
            "{\"profilingGroupName\":\"pwned\"}",
            "Content-Type",
            "text/plain",
            "Origin",
            origin);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("x-amzn-errortype")).isEqualTo("AccessDeniedException");
    assertThat(r.bodyText()).contains("Requests from web pages").contains("allowOrigin");
    assertThat(r.header("access-control-allow-origin")).isNull();
    assertThat(fake.profilingGroupNames()).containsExactly("g");
  }

  @Test
  void a_page_of_another_origin_cannot_post_a_profile() throws IOException {
    RawHttp.Response r =
        send(
            "POST",
            "/profilingGroups/g/agentProfile",
            "{\"start\":1,\"end\":2,\"callgraph\":{}}",
            "Content-Type",
            "application/json",
            "Origin",
            "https://evil.example");

    assertThat(r.status()).isEqualTo(403);
    assertThat(fake.storedProfiles()).isEmpty();
  }

  @Test
  void an_allowed_origin_gets_a_preflight_answer() throws IOException {
    RawHttp.Response r =
        send(
            "OPTIONS",
            "/profilingGroups/g/agentProfile",
            "",
            "Origin",
            ALLOWED,
            "Access-Control-Request-Method",
            "POST",
            "Access-Control-Request-Headers",
            "authorization,content-type,x-amz-date,amz-sdk-invocation-id");

    assertThat(r.status()).isEqualTo(204);
    assertThat(r.header("access-control-allow-origin")).isEqualTo(ALLOWED);
    assertThat(r.header("access-control-allow-methods")).contains("POST");
    assertThat(r.header("access-control-allow-headers"))
        .isEqualTo("authorization,content-type,x-amz-date,amz-sdk-invocation-id");
    assertThat(r.header("access-control-max-age")).isEqualTo("600");
    assertThat(r.header("vary")).isEqualTo("Origin");
    assertThat(fake.recordedCalls()).as("a preflight is not an operation").isEmpty();
  }

  @Test
  void a_preflight_from_another_origin_is_refused() throws IOException {
    RawHttp.Response r =
        send(
            "OPTIONS",
            "/profilingGroups",
            "",
            "Origin",
            "https://evil.example",
            "Access-Control-Request-Method",
            "POST");

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("access-control-allow-origin")).isNull();
  }

  @Test
  void an_allowed_origin_reads_answers_and_errors_through_cors() throws IOException {
    RawHttp.Response ok = send("GET", "/profilingGroups/g", "", "Origin", ALLOWED);
    RawHttp.Response missing = send("GET", "/profilingGroups/nope", "", "Origin", ALLOWED);

    for (RawHttp.Response r : new RawHttp.Response[] {ok, missing}) {
      assertThat(r.header("access-control-allow-origin")).isEqualTo(ALLOWED);
      assertThat(r.header("access-control-expose-headers"))
          .contains("x-amzn-RequestId")
          .contains("x-amzn-ErrorType");
      assertThat(r.header("vary")).isEqualTo("Origin");
    }
    assertThat(ok.status()).isEqualTo(200);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(send("GET", "/profilingGroups/g", "").header("access-control-allow-origin"))
        .as("no CORS headers for programs")
        .isNull();
  }

  @Test
  void the_admin_api_refuses_every_page_even_an_allowed_origin() throws IOException {
    RawHttp.Response r = send("POST", "/__fakeguru/reset", "", "Origin", ALLOWED);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("access-control-allow-origin")).isNull();
  }

  private static RawHttp.Response withHost(String host, String target) throws IOException {
    return RawHttp.exchange(
            fake.port(),
            Duration.ofSeconds(10),
            ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1))
        .response();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "evil.example",
        "evil.example:PORT",
        "127.0.0.1.evil.example:PORT",
        "localhost.evil.example",
        "10.0.0.1:PORT",
        "[2001:db8::1]:PORT"
      })
  void a_host_that_is_not_loopback_is_refused_on_every_path(String host) throws IOException {
    String h = host.replace("PORT", String.valueOf(fake.port()));
    for (String target : new String[] {"/profilingGroups/g", "/__fakeguru/status"}) {
      RawHttp.Response r = withHost(h, target);
      assertThat(r.status()).as(target).isEqualTo(403);
      assertThat(r.header("x-amzn-errortype")).isEqualTo("AccessDeniedException");
      assertThat(r.bodyText()).contains("is not this fake's address");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"127.0.0.1:PORT", "localhost:PORT", "LOCALHOST", "127.0.0.2:PORT", "[::1]:PORT"})
  void loopback_hosts_are_served(String host) throws IOException {
    RawHttp.Response r =
        withHost(host.replace("PORT", String.valueOf(fake.port())), "/profilingGroups/g");
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void an_origin_must_be_scheme_host_and_port() {
    for (String bad : new String[] {"localhost:9876", "http://localhost:9876/app", "*", ""}) {
      assertThatThrownBy(() -> FakeCodeGuruProfiler.builder().allowOrigin(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("scheme://host[:port]");
    }
  }
}

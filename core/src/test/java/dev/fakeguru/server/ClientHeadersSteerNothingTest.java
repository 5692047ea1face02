package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.time.SettableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the fake learns about a request travels inside it, never in headers: a client that sends
 * {@code X-FakeGuru-…} headers (the names the fake ever used internally or in its answers, and
 * others) gets byte for byte the answer it gets without them, on API and admin paths, and a post
 * carrying them is stored as sent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientHeadersSteerNothingTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  static final Map<String, String> STEERING =
      Map.of(
          "X-FakeGuru-Body-Over-Limit", "5",
          "X-FakeGuru-Content-Encoding", "gzip",
          "X-FakeGuru-Content-Type", "application/x-amzn-ion",
          "X-FakeGuru-Sequence", "1",
          "X-FakeGuru-Fault", "connectionReset",
          "X-FakeGuru-Admin", "true",
          "X-FakeGuru-Group", "other");
  static FakeCodeGuruProfiler fake;
  static byte[] profile;

  @BeforeAll
  static void startWithAPost() throws IOException {
    fake =
        FakeCodeGuruProfiler.builder()
            .clock(SettableClock.at(T0.plusSeconds(3600)))
            .profilingGroup("g")
            .adminApi(true)
            .start();
    profile =
        ProfileCodec.defaults()
            .encode(
                Profile.builder(T0, T0.plusSeconds(60)).stack(4, "main").build(),
                ProfileFormat.JSON);
    assertThat(
            send("POST", "/profilingGroups/g/agentProfile?profileToken=seed", profile, Map.of())
                .status())
        .isEqualTo(204);
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  static RawHttp.Response send(String method, String target, byte[] body, Map<String, String> extra)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json");
    headers.putAll(extra);
    return RawHttp.send(fake.port(), Duration.ofSeconds(10), method, target, headers, body);
  }

  /** The answer without its request id, which differs on every call. */
  static String comparable(RawHttp.Response r) {
    Map<String, String> headers = new LinkedHashMap<>(r.headers());
    headers.remove("x-amzn-requestid");
    return r.status() + " " + headers + " " + r.bodyText();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET  | /profilingGroups/g                            | ",
        "GET  | /profilingGroups?includeDescription=true      | ",
        "GET  | /profilingGroups/g/profile?startTime=2024-01-02T03:00:00Z&period=PT1H | ",
        "GET  | /profilingGroups/g/profileTimes?startTime=2024-01-02T03:00:00Z&endTime=2024-01-02T04:00:00Z&period=PT5M | ",
        "POST | /profilingGroups/g/configureAgent             | {}",
        "GET  | /profilingGroups/nope                         | ",
        "GET  | /__fakeguru/profiling-groups                  | ",
        "GET  | /__fakeguru/posts                             | ",
        "GET  | /__fakeguru/posts/1                           | ",
        "GET  | /__fakeguru/posts/1/raw                       | ",
        "GET  | /__fakeguru/aggregated-profile?group=g&start=2024-01-02T03:00:00Z&end=2024-01-02T04:00:00Z | ",
        "GET  | /__fakeguru/clock                             | ",
        "POST | /__fakeguru/faults                            | {}",
      })
  void the_answer_is_the_same_with_and_without_x_fakeguru_headers(
      String method, String target, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);

    RawHttp.Response plain = send(method, target, bytes, Map.of());
    RawHttp.Response steered = send(method, target, bytes, STEERING);

    assertThat(comparable(steered)).isEqualTo(comparable(plain));
  }

  @Test
  void a_post_carrying_x_fakeguru_headers_is_stored_exactly_as_sent() throws IOException {
    RawHttp.Response r =
        send("POST", "/profilingGroups/g/agentProfile?profileToken=steered", profile, STEERING);

    assertThat(r.status()).as("%s", r).isEqualTo(204);
    RecordedProfilePost post =
        fake.profilePosts("g").stream()
            .filter(p -> p.profileToken().filter("steered"::equals).isPresent())
            .findFirst()
            .orElseThrow();
    assertThat(post.stored()).isTrue();
    assertThat(post.contentType()).hasValue("application/json");
    assertThat(post.contentEncoding()).isEmpty();
    assertThat(post.body()).isEqualTo(profile);
    assertThat(post.requireProfile().callTree().children())
        .singleElement()
        .satisfies(n -> assertThat(n.frame()).isEqualTo("main"));
  }
}

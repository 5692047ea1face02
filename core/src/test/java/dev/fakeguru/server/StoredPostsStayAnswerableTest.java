package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.time.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a post stores, every answer can show: a post whose values no answer format could carry
 * (an unpaired surrogate anywhere, a start or end outside years 0001 to 9999, an end before the
 * start) is refused at post time with a 400 naming the field, and changes nothing; every post that
 * is stored is then served by every answer that shows it (GetProfile in JSON and Ion, the latest
 * aggregates, ListProfileTimes, DescribeProfilingGroup, ListProfilingGroups, the admin API's
 * profiles, the Java API's stored profile in every format) without a 500 or a timestamp no SDK
 * parses.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoredPostsStayAnswerableTest {
  static final Instant NOW = Instant.parse("2024-01-02T04:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The timestamp form every SDK parses: four-digit year, UTC. */
  static final Pattern SDK_TIMESTAMP =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

  static FakeCodeGuruProfiler fake;

  @BeforeAll
  static void start() {
    fake =
        FakeCodeGuruProfiler.builder()
            .clock(SettableClock.at(NOW))
            .profilingGroup("g")
            .adminApi(true)
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

  /**
   * A posted body, and the field a refusal must name (null when it must be stored).
   *
   * @param start where the answers look for it
   */
  record Post(String name, String body, Instant start, String refusedField) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final long T = NOW.minusSeconds(1800).toEpochMilli();

  private static Post stored(String name, long start, long end, String inside) {
    return new Post(name, profile(start, end, inside), Instant.ofEpochMilli(start), null);
  }

  private static Post refused(String name, long start, long end, String inside, String field) {
    return new Post(name, profile(start, end, inside), Instant.ofEpochMilli(start), field);
  }

  private static String profile(long start, long end, String inside) {
    return "{\"start\":" + start + ",\"end\":" + end + "," + inside + "}";
  }

  private static final String ONE_FRAME =
      "\"callgraph\":{\"children\":{\"main\":{\"counts\":{\"WALL_TIME\":3}}}}";

  private static String frame(String name) {
    return "\"callgraph\":{\"children\":{\"" + name + "\":{\"counts\":{\"WALL_TIME\":3}}}}";
  }

  static Stream<Post> posts() {
    long first = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
    long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    List<Post> p = new ArrayList<>();
    // Refused: no answer format could carry them.
    p.add(refused("lone high surrogate in a frame", T, T + 60_000, frame("\\ud800"), "children"));
    p.add(refused("lone low surrogate in a frame", T, T + 60_000, frame("a\\udc00b"), "children"));
    p.add(
        refused(
            "reversed surrogate pair in a frame",
            T,
            T + 60_000,
            frame("\\udc00\\ud800"),
            "children"));
    p.add(
        refused(
            "lone surrogate in a file",
            T,
            T + 60_000,
            "\"callgraph\":{\"children\":{\"a\":{\"file\":\"\\ud800\",\"counts\":{\"WALL_TIME\":1}}}}",
            "$.callgraph.children[\"a\"].file"));
    p.add(
        refused(
            "lone surrogate in a counter type",
            T,
            T + 60_000,
            "\"callgraph\":{\"children\":{\"a\":{\"counts\":{\"\\ud800\":1}}}}",
            "$.callgraph.children[\"a\"].counts"));
    p.add(
        refused(
            "lone surrogate in agent metadata",
            T,
            T + 60_000,
            "\"agentMetadata\":{\"agentInfo\":{\"type\":\"\\ud800\"}}," + ONE_FRAME,
            "$.agentMetadata.agentInfo.type"));
    p.add(
        refused(
            "lone surrogate in a metadata key",
            T,
            T + 60_000,
            "\"agentMetadata\":{\"\\ud800\":1}," + ONE_FRAME,
            "$.agentMetadata"));
    p.add(refused("start in year 10000", 253402300800000L, 253402300860000L, ONE_FRAME, "$.start"));
    p.add(refused("end in year 10000", last - 1000, 253402300860000L, ONE_FRAME, "$.end"));
    p.add(
        refused(
            "start near Long.MAX_VALUE",
            Long.MAX_VALUE - 807,
            Long.MAX_VALUE,
            ONE_FRAME,
            "$.start"));
    p.add(refused("start in year 0", first - 1, first + 60_000, ONE_FRAME, "$.start"));
    p.add(refused("end before start", T, T - 1, ONE_FRAME, "$.end"));
    // Stored: at the edges of what answers carry.
    p.add(stored("an ordinary profile", T, T + 60_000, ONE_FRAME));
    p.add(stored("a surrogate pair (an emoji) in a frame", T, T + 60_000, frame("\\ud83d\\ude00")));
    p.add(stored("a NUL in a frame", T, T + 60_000, frame("a\\u0000b")));
    p.add(stored("end equal to start", T, T, ONE_FRAME));
    p.add(stored("the first instant of year 0001", first, first + 60_000, ONE_FRAME));
    p.add(stored("the last millisecond of year 9999", last - 60_000, last, ONE_FRAME));
    p.add(
        refused(
            "a metadata number beyond a double",
            T,
            T + 60_000,
            "\"agentMetadata\":{\"x\":1,\"y\":-1e400}," + ONE_FRAME,
            "$.agentMetadata.y"));
    p.add(
        stored(
            "metadata numbers at the edges of a double",
            T,
            T + 60_000,
            "\"agentMetadata\":{\"x\":1.7e308,\"y\":-4.9e-324,\"n\":123456789012345678901234567890},"
                + ONE_FRAME));
    return p.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("posts")
  void a_post_is_refused_naming_the_field_or_every_answer_shows_it(Post post) throws Exception {
    String before = everyAnswer(post.start());

    HttpResponse<String> r =
        call(
            "POST",
            "/profilingGroups/g/agentProfile?profileToken=t1",
            post.body(),
            "Content-Type",
            "application/json");

    if (post.refusedField() != null) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
      assertThat(JSON.readTree(r.body()).path("message").asText())
          .startsWith("Invalid agentProfile: ")
          .contains(post.refusedField());
      assertThat(everyAnswer(post.start())).as("answers after the refusal").isEqualTo(before);
      assertThat(fake.storedProfiles()).isEmpty();
    } else {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
      assertThat(fake.storedProfiles()).hasSize(1);
      everyAnswer(post.start());
      RecordedProfilePost stored = fake.storedProfiles().get(0);
      for (ProfileFormat format : ProfileFormat.values()) {
        byte[] encoded = ProfileCodec.defaults().encode(stored.requireProfile(), format);
        assertThat(ProfileCodec.defaults().decode(encoded, format))
            .isEqualTo(stored.requireProfile());
      }
    }
  }

  /**
   * Every answer that can show a profile starting at {@code start}, each checked to be a 200 (or a
   * 404 for no data) with SDK-parsable timestamps; returned as one text to compare states.
   */
  private static String everyAnswer(Instant start) throws Exception {
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    Instant lastHour = Instant.parse("9999-12-31T23:00:00Z");
    Instant from = start.minusSeconds(1800);
    from = from.isBefore(first) ? first : from.isAfter(lastHour) ? lastHour : from;
    Instant to = from.plusSeconds(3600).minusMillis(1);
    String range = "startTime=" + from + "&endTime=" + to;
    List<String> paths = new ArrayList<>();
    paths.add("/profilingGroups/g/profile?" + range + "|application/json");
    paths.add("/profilingGroups/g/profile?" + range + "|application/x-amzn-ion");
    paths.add("/profilingGroups/g/profile?" + range + "|");
    for (String period : List.of("PT5M", "PT1H", "P1D")) {
      paths.add("/profilingGroups/g/profile?period=" + period + "|");
      paths.add("/profilingGroups/g/profile?period=" + period + "|application/json");
      paths.add("/profilingGroups/g/profileTimes?" + range + "&period=" + period + "|");
    }
    paths.add("/profilingGroups/g|");
    paths.add("/profilingGroups?includeDescription=true|");
    paths.add("/__fakeguru/profiling-groups|");
    paths.add("/__fakeguru/aggregated-profile?group=g&start=" + from + "&end=" + to + "|");
    StringBuilder all = new StringBuilder();
    for (String p : paths) {
      String[] parts = p.split("\\|", -1);
      HttpResponse<String> r =
          parts[1].isEmpty()
              ? call("GET", parts[0], null)
              : call("GET", parts[0], null, "Accept", parts[1]);
      assertThat(r.statusCode()).as(p + ": " + r.body()).isIn(200, 404);
      if (r.statusCode() == 200
          && r.headers().firstValue("Content-Type").orElse("").contains("json")) {
        JsonNode body = JSON.readTree(r.body());
        assertSdkTimestamps(p, body);
      }
      all.append(p).append(" -> ").append(r.statusCode()).append(' ').append(r.body()).append('\n');
    }
    return all.toString();
  }

  /** Every string that looks like a timestamp (has a T and a colon after a date) parses. */
  private static void assertSdkTimestamps(String where, JsonNode node) {
    if (node.isObject() || node.isArray()) {
      node.forEach(child -> assertSdkTimestamps(where, child));
    } else if (node.isTextual() && node.asText().matches(".*\\d-\\d\\d-\\d\\dT\\d.*")) {
      assertThat(node.asText()).as(where).matches(SDK_TIMESTAMP);
    }
  }

  private static HttpResponse<String> call(
      String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(fake.endpoint() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
  }
}

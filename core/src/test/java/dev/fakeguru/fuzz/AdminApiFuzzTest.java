package dev.fakeguru.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.profile.ProfileFormatException;
import dev.fakeguru.server.RawHttp.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the admin API ({@code /__fakeguru/}) of one running fake with JSON bodies and query
 * strings. Every input meets the same state ({@link SeededFake}: reset, so the clock is back at its
 * start and no fault, script or extra group is left from an earlier input). The property: every
 * answer is a 2xx that did what it says (a fault, group or script is in force, the clock reads what
 * the answer says, an aggregate decodes and holds only stored samples, lists hold only what
 * exists), or a 4xx whose body is a JSON object with a {@code message} and which changed nothing;
 * never a 5xx, a hang or a dropped connection, and {@code GET status} still answers afterwards.
 *
 * <p>An input's first byte picks the endpoint (other bytes pick one by value), the rest is the body
 * or query string:
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>first byte</th><th>request</th><th>rest of the input</th></tr>
 *   <tr><td>{@code F}</td><td>POST {@code faults}</td><td>JSON body</td></tr>
 *   <tr><td>{@code G}</td><td>POST {@code profiling-groups}</td><td>JSON body</td></tr>
 *   <tr><td>{@code S}</td><td>POST {@code scripts/get-profile}</td><td>JSON body</td></tr>
 *   <tr><td>{@code A}</td><td>POST {@code scripts/configure-agent}</td><td>JSON body</td></tr>
 *   <tr><td>{@code C}</td><td>PUT {@code clock}</td><td>JSON body</td></tr>
 *   <tr><td>{@code V}</td><td>POST {@code clock/advance}</td><td>JSON body</td></tr>
 *   <tr><td>{@code Q}</td><td>GET {@code aggregated-profile}</td><td>query string</td></tr>
 *   <tr><td>{@code R}</td><td>GET {@code posts}</td><td>query string</td></tr>
 *   <tr><td>{@code K}</td><td>GET {@code calls}</td><td>query string</td></tr>
 * </table>
 *
 * <p>Fuzzing: {@code JAZZER_FUZZ=1 mvn -B -pl core -am test -Dtest=AdminApiFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=5m}.
 */
class AdminApiFuzzTest {
  private static final String ENDPOINTS = "FGSACVQRK";
  private static final String ADMIN = "/__fakeguru/";

  private static SeededFake seeded;

  @BeforeAll
  static void startFake() {
    seeded =
        new SeededFake(
            FakeCodeGuruProfiler.builder()
                .adminApi(true)
                .maxRecordedCalls(100)
                .maxRecordedProfilePosts(20)
                .profilingGroupQuota(50));
  }

  @AfterAll
  static void stopFake() {
    seeded.close();
  }

  @FuzzTest(maxDuration = "2m")
  void request(byte[] input) {
    FuzzHttp.withConnectionsTo(seeded::port, () -> send(input));
  }

  private static void send(byte[] input) {
    seeded.resetAndSeed();
    FuzzInput in = FuzzInput.of(input, ENDPOINTS);
    byte[] rest = in.rest();
    switch (in.letter()) {
      case 'F' -> check("POST", "faults", rest).ifPresent(AdminApiFuzzTest::faultInForce);
      case 'G' -> check("POST", "profiling-groups", rest).ifPresent(a -> groupCreated(a, rest));
      case 'S' -> check("POST", "scripts/get-profile", rest).ifPresent(a -> scripted(a, rest));
      case 'A' -> check("POST", "scripts/configure-agent", rest).ifPresent(a -> scripted(a, rest));
      case 'C' -> check("PUT", "clock", rest).ifPresent(a -> clockSet(a, rest));
      case 'V' -> check("POST", "clock/advance", rest).ifPresent(a -> clockAdvanced(a, rest));
      case 'Q' ->
          check("GET", "aggregated-profile?" + FuzzHttp.target(rest), new byte[0])
              .ifPresent(AdminApiFuzzTest::storedSamplesOnly);
      case 'R' ->
          check("GET", "posts?" + FuzzHttp.target(rest), new byte[0])
              .ifPresent(a -> atMost(a, "posts", seeded.fake.profilePosts().size()));
      default ->
          check("GET", "calls?" + FuzzHttp.target(rest), new byte[0])
              .ifPresent(a -> atMost(a, "calls", seeded.fake.recordedCalls().size()));
    }
    Response status = FuzzHttp.send(seeded.port(), "GET", ADMIN + "status", Map.of(), new byte[0]);
    assertThat(status.status()).as("GET status after the input: %s", status).isEqualTo(200);
  }

  /** An answer to check against its endpoint's contract: the request, the answer and its JSON. */
  private record Answer(String request, Response response, JsonNode json) {}

  /**
   * Sends the request; a 4xx must carry a message and change nothing. Returns the 2xx answer for
   * its endpoint's own check.
   */
  private static Optional<Answer> check(String method, String path, byte[] body) {
    Map<String, String> headers =
        body.length == 0 ? Map.of() : Map.of("Content-Type", "application/json");
    Response r = FuzzHttp.send(seeded.port(), method, ADMIN + path, headers, body);
    String request = method + " " + ADMIN + path;
    assertThat(r.status() / 100).as("status class of %s, answer %s", request, r).isIn(2, 4);
    if (r.status() >= 400) {
      assertThat(FuzzHttp.message(r)).as("error message of %s, answer %s", request, r).isNotBlank();
      assertNothingChanged(request);
      return Optional.empty();
    }
    return Optional.of(new Answer(request, r, ApiContracts.json(r, request)));
  }

  private static void assertNothingChanged(String request) {
    seeded.assertSeedsIntact(request);
    FakeCodeGuruProfiler fake = seeded.fake;
    assertThat(fake.profilingGroupNames()).as("groups after %s", request).hasSize(1);
    assertThat(fake.activeFaults()).as("faults after %s", request).isEmpty();
    assertThat(fake.unconsumedScripts()).as("scripts after %s", request).isEmpty();
    assertThat(fake.clock().instant()).as("clock after %s", request).isEqualTo(SeededFake.NOW);
  }

  /** POST faults: the rule is in force under the id the answer gives. */
  private static void faultInForce(Answer a) {
    assertThat(a.response().status()).as("status of %s", a.request()).isEqualTo(201);
    long id = a.json().path("id").asLong(-1);
    assertThat(seeded.fake.activeFaults())
        .as("faults in force after %s answered %s", a.request(), a.response())
        .singleElement()
        .satisfies(f -> assertThat(f.id()).isEqualTo(id));
    assertThat(a.json().path("description").asText()).as("description").isNotBlank();
  }

  /** POST profiling-groups: the group exists, as the body named it and as the answer says. */
  private static void groupCreated(Answer a, byte[] body) {
    assertThat(a.response().status()).as("status of %s", a.request()).isEqualTo(201);
    String name = a.json().path("name").asText();
    assertThat(seeded.fake.profilingGroupNames()).as("groups after %s", a.request()).contains(name);
    ApiContracts.requestJson(body)
        .map(b -> b.path("name"))
        .filter(JsonNode::isTextual)
        .ifPresent(
            n -> assertThat(name).as("name created by %s", a.request()).isEqualTo(n.asText()));
    assertThat(a.json().path("arn").asText()).isEqualTo(seeded.fake.profilingGroupArn(name));
  }

  /**
   * POST scripts/…: a queued answer is waiting (range and fallback answers are not queued and so
   * never listed as unconsumed).
   */
  private static void scripted(Answer a, byte[] body) {
    assertThat(a.response().status()).as("status of %s", a.request()).isEqualTo(201);
    assertThat(a.json().path("description").asText()).as("description").isNotBlank();
    boolean queued =
        ApiContracts.requestJson(body)
            .map(b -> !b.has("start") && !b.path("fallback").asBoolean(false))
            .orElse(true);
    assertThat(seeded.fake.unconsumedScripts())
        .as("unconsumed scripts after %s", a.request())
        .hasSize(queued ? 1 : 0);
  }

  /** PUT clock: the clock reads what the answer and the body say. */
  private static void clockSet(Answer a, byte[] body) {
    Instant now = clockReads(a);
    ApiContracts.requestJson(body)
        .flatMap(b -> parse(b.path("now").asText(), Instant::parse))
        .ifPresent(asked -> assertThat(now).as("clock set by %s", a.request()).isEqualTo(asked));
  }

  /** POST clock/advance: the clock moved by what the body says, and reads what the answer says. */
  private static void clockAdvanced(Answer a, byte[] body) {
    Instant now = clockReads(a);
    ApiContracts.requestJson(body)
        .flatMap(b -> parse(b.path("by").asText(), Duration::parse))
        .ifPresent(
            by ->
                assertThat(now)
                    .as("clock advanced by %s", a.request())
                    .isEqualTo(SeededFake.NOW.plus(by)));
  }

  private static Instant clockReads(Answer a) {
    assertThat(a.response().status()).as("status of %s", a.request()).isEqualTo(200);
    Instant answered = Instant.parse(a.json().path("now").asText());
    assertThat(seeded.fake.clock().instant()).as("clock after %s", a.request()).isEqualTo(answered);
    return answered;
  }

  /** GET aggregated-profile: agent-format JSON holding only the stored samples, at most all. */
  private static void storedSamplesOnly(Answer a) {
    Profile p;
    try {
      p = ProfileCodec.defaults().decode(a.response().body(), ProfileFormat.JSON);
    } catch (ProfileFormatException e) {
      throw new AssertionError(a.request() + " answered a profile that does not decode", e);
    }
    Map<String, Long> stored = SeededFake.seededTotals();
    p.totalCounts()
        .forEach(
            (type, total) ->
                assertThat(total)
                    .as("%s samples of %s", type, a.request())
                    .isBetween(0L, stored.getOrDefault(type, 0L)));
  }

  /** GET posts / calls: a list of at most what the fake holds. */
  private static void atMost(Answer a, String member, int held) {
    JsonNode list = a.json().path(member);
    assertThat(list.isArray()).as("%s of %s: %s", member, a.request(), a.response()).isTrue();
    assertThat(list.size()).as("%s listed by %s", member, a.request()).isLessThanOrEqualTo(held);
  }

  private static <T> Optional<T> parse(String text, java.util.function.Function<String, T> parser) {
    try {
      return Optional.of(parser.apply(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

package dev.fakeguru.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.server.RawHttp;
import dev.fakeguru.server.RawHttp.Response;
import dev.fakeguru.time.SettableClock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the real API operations of one running fake with query strings and bodies. The property:
 * every answer is a 2xx or a 4xx in the AWS error form ({@code x-amzn-ErrorType} and a JSON {@code
 * message}), never a 5xx or a dropped connection, and the fake still answers a normal request
 * afterwards.
 *
 * <p>An input's first byte picks the request (other bytes pick one by value), the rest is the part
 * the fuzzer controls:
 *
 * <table>
 *   <caption>Requests</caption>
 *   <tr><th>first byte</th><th>request</th><th>rest of the input</th></tr>
 *   <tr><td>{@code G}</td><td>GetProfile of {@code my-app}</td><td>query string</td></tr>
 *   <tr><td>{@code L}</td><td>ListProfileTimes of {@code my-app}</td><td>query string</td></tr>
 *   <tr><td>{@code l}</td><td>ListProfilingGroups</td><td>query string</td></tr>
 *   <tr><td>{@code C}</td><td>CreateProfilingGroup (a fresh clientToken)</td><td>JSON body</td></tr>
 *   <tr><td>{@code U}</td><td>UpdateProfilingGroup {@code my-app}</td><td>JSON body</td></tr>
 *   <tr><td>{@code A}</td><td>ConfigureAgent of {@code my-app}</td><td>JSON body</td></tr>
 *   <tr><td>{@code P}</td><td>PostAgentProfile to {@code my-app}, {@code application/json}</td><td>body</td></tr>
 *   <tr><td>{@code I}</td><td>PostAgentProfile, {@code application/x-amzn-ion}</td><td>body</td></tr>
 *   <tr><td>{@code Z}</td><td>PostAgentProfile, gzipped by the harness</td><td>body before gzip</td></tr>
 *   <tr><td>{@code Q}</td><td>GET of any path under the API</td><td>path and query</td></tr>
 * </table>
 *
 * <p>Query strings and paths are sent as written, except that bytes HTTP does not allow raw are
 * percent-encoded (see {@link FuzzHttp#target}), so the server decodes exactly the fuzzer's bytes.
 * The fake is reset every {@value #RESET_EVERY} inputs, so a long run cannot grow its state.
 *
 * <p>Fuzzing: {@code JAZZER_FUZZ=1 mvn -B -pl core -am test -Dtest=ServerRequestFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=5m}.
 */
class ServerRequestFuzzTest {
  private static final String OPS = "GLlCUAPIZQ";
  private static final String GROUP = "my-app";
  private static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  private static final int RESET_EVERY = 500;

  private static FakeCodeGuruProfiler fake;
  private static final AtomicLong inputs = new AtomicLong();

  @BeforeAll
  static void startFake() {
    fake =
        FakeCodeGuruProfiler.builder()
            .clock(SettableClock.at(T0.plusSeconds(7200)))
            .profilingGroup(GROUP)
            .codecLimits(
                CodecLimits.builder()
                    .maxCompressedBytes(64 * 1024)
                    .maxDecompressedBytes(256 * 1024)
                    .maxDepth(64)
                    .maxNodes(5_000)
                    .build())
            .maxRecordedCalls(200)
            .maxRecordedProfilePosts(50)
            .profilingGroupQuota(50)
            .start();
    seedProfiles();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  /**
   * Two posted minutes, so that GetProfile and ListProfileTimes have data to aggregate and page.
   */
  private static void seedProfiles() {
    for (int minute = 0; minute < 2; minute++) {
      Instant start = T0.plusSeconds(60L * minute);
      Profile p =
          Profile.builder(start, start.plusSeconds(60))
              .stack(3, "main", "work")
              .stack(1, "main", "idle")
              .build();
      Response r =
          FuzzHttp.send(
              fake.port(),
              "POST",
              "/profilingGroups/" + GROUP + "/agentProfile",
              Map.of("Content-Type", "application/json"),
              ProfileCodec.defaults().encode(p, ProfileFormat.JSON));
      assertThat(r.status()).as("seed post %s", r).isEqualTo(204);
    }
  }

  @FuzzTest(maxDuration = "2m")
  void request(byte[] input) {
    FuzzHttp.withConnectionsTo(fake::port, () -> send(input));
  }

  private static void send(byte[] input) {
    if (inputs.incrementAndGet() % RESET_EVERY == 0) {
      fake.reset();
      seedProfiles();
    }
    FuzzInput in = FuzzInput.of(input, OPS);
    byte[] rest = in.rest();
    String base = "/profilingGroups/" + GROUP;
    String json = "application/json";
    switch (in.letter()) {
      case 'G' -> check("GET", base + "/profile?" + FuzzHttp.target(rest), Map.of(), new byte[0]);
      case 'L' ->
          check("GET", base + "/profileTimes?" + FuzzHttp.target(rest), Map.of(), new byte[0]);
      case 'l' -> check("GET", "/profilingGroups?" + FuzzHttp.target(rest), Map.of(), new byte[0]);
      case 'C' ->
          check(
              "POST",
              "/profilingGroups?clientToken=fuzz-" + inputs.get(),
              Map.of("Content-Type", json),
              rest);
      case 'U' -> check("PUT", base, Map.of("Content-Type", json), rest);
      case 'A' -> check("POST", base + "/configureAgent", Map.of("Content-Type", json), rest);
      case 'P' -> check("POST", base + "/agentProfile", Map.of("Content-Type", json), rest);
      case 'I' ->
          check(
              "POST",
              base + "/agentProfile",
              Map.of("Content-Type", "application/x-amzn-ion"),
              rest);
      case 'Z' ->
          check(
              "POST",
              base + "/agentProfile",
              Map.of("Content-Type", json, "Content-Encoding", "gzip"),
              RawHttp.gzip(rest));
      default -> checkPath("/" + FuzzHttp.target(rest));
    }
    // The fake still serves an ordinary request.
    Response normal = FuzzHttp.send(fake.port(), "GET", base, Map.of(), new byte[0]);
    assertThat(normal.status())
        .as("DescribeProfilingGroup after the input: %s", normal)
        .isEqualTo(200);
  }

  private static void check(
      String method, String target, Map<String, String> headers, byte[] body) {
    Response r = FuzzHttp.send(fake.port(), method, target, headers, body);
    FuzzHttp.assertWellFormedAwsAnswer(r, method + " " + target);
  }

  /**
   * As {@link #check} for a GET of any path, except that Jetty refuses an encoded NUL ({@code %00})
   * in the path with its own HTML 400 before the fake sees the request; that answer is accepted for
   * such paths only (reported as a finding: it is not in the AWS error form).
   */
  private static void checkPath(String target) {
    Response r = FuzzHttp.send(fake.port(), "GET", target, Map.of(), new byte[0]);
    int query = target.indexOf('?');
    boolean nulInPath = (query < 0 ? target : target.substring(0, query)).contains("%00");
    if (nulInPath && r.status() == 400 && r.bodyText().startsWith("<h1>Bad Message 400</h1>")) {
      return;
    }
    FuzzHttp.assertWellFormedAwsAnswer(r, "GET " + target);
  }
}

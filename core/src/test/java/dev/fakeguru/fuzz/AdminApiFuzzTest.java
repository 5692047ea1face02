package dev.fakeguru.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.server.RawHttp.Response;
import dev.fakeguru.time.SettableClock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the admin API ({@code /__fakeguru/}) of one running fake with JSON bodies and query
 * strings. The property: every answer is a 2xx, or a 4xx whose body is a JSON object with a {@code
 * message}; never a 5xx, a hang or a dropped connection, and {@code GET status} still answers
 * afterwards.
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
 * <p>Injected faults only act on API operations, which this test never calls, so they cannot hide
 * an admin answer. The fake is reset every {@value #RESET_EVERY} inputs, so a long run cannot grow
 * its state (faults, scripts, groups).
 *
 * <p>Fuzzing: {@code JAZZER_FUZZ=1 mvn -B -pl core -am test -Dtest=AdminApiFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=5m}.
 */
class AdminApiFuzzTest {
  private static final String ENDPOINTS = "FGSACVQRK";
  private static final String ADMIN = "/__fakeguru/";
  private static final int RESET_EVERY = 200;

  private static FakeCodeGuruProfiler fake;
  private static final AtomicLong inputs = new AtomicLong();

  @BeforeAll
  static void startFake() {
    fake =
        FakeCodeGuruProfiler.builder()
            .clock(SettableClock.at(Instant.parse("2024-01-02T04:00:00Z")))
            .profilingGroup("my-app")
            .adminApi(true)
            .maxRecordedCalls(100)
            .maxRecordedProfilePosts(20)
            .profilingGroupQuota(50)
            .start();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @FuzzTest(maxDuration = "2m")
  void request(byte[] input) {
    FuzzHttp.withConnectionsTo(fake::port, () -> send(input));
  }

  private static void send(byte[] input) {
    if (inputs.incrementAndGet() % RESET_EVERY == 0) {
      fake.reset();
    }
    FuzzInput in = FuzzInput.of(input, ENDPOINTS);
    byte[] rest = in.rest();
    switch (in.letter()) {
      case 'F' -> check("POST", "faults", rest);
      case 'G' -> check("POST", "profiling-groups", rest);
      case 'S' -> check("POST", "scripts/get-profile", rest);
      case 'A' -> check("POST", "scripts/configure-agent", rest);
      case 'C' -> check("PUT", "clock", rest);
      case 'V' -> check("POST", "clock/advance", rest);
      case 'Q' -> check("GET", "aggregated-profile?" + FuzzHttp.target(rest), new byte[0]);
      case 'R' -> check("GET", "posts?" + FuzzHttp.target(rest), new byte[0]);
      default -> check("GET", "calls?" + FuzzHttp.target(rest), new byte[0]);
    }
    Response status = FuzzHttp.send(fake.port(), "GET", ADMIN + "status", Map.of(), new byte[0]);
    assertThat(status.status()).as("GET status after the input: %s", status).isEqualTo(200);
  }

  private static void check(String method, String path, byte[] body) {
    Map<String, String> headers =
        body.length == 0 ? Map.of() : Map.of("Content-Type", "application/json");
    Response r = FuzzHttp.send(fake.port(), method, ADMIN + path, headers, body);
    String request = method + " " + ADMIN + path;
    assertThat(r.status() / 100).as("status class of %s, answer %s", request, r).isIn(2, 4);
    if (r.status() >= 400) {
      assertThat(FuzzHttp.message(r)).as("error message of %s, answer %s", request, r).isNotBlank();
    }
  }
}

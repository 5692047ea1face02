package dev.fakeguru.server;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.time.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * One fake per test class, reset before each test, driven by the real AWS SDK v2 client with
 * retries off (so each call is exactly one request), plus raw HTTP for byte-exact checks.
 */
abstract class FakeServerTestBase {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  static final String GROUP = "my-app";

  static SettableClock clock;
  static FakeCodeGuruProfiler fake;
  static CodeGuruProfilerClient client;
  static final HttpClient http = TestClients.HTTP;

  @BeforeAll
  static void startFake() {
    clock = SettableClock.at(T0.plusSeconds(3600));
    fake = FakeCodeGuruProfiler.builder().clock(clock).profilingGroup(GROUP).start();
    client = sdkClient(fake);
  }

  @AfterAll
  static void stopFake() {
    client.close();
    fake.close();
  }

  @BeforeEach
  void resetFake() {
    fake.reset();
  }

  static CodeGuruProfilerClient sdkClient(FakeCodeGuruProfiler f) {
    return TestClients.sdk(f);
  }

  static byte[] json(Profile p) {
    return ProfileCodec.defaults().encode(p, ProfileFormat.JSON);
  }

  static void post(String group, Profile p) {
    TestClients.post(client, group, p);
  }

  /** A profile starting {@code minutesAfterT0} after T0, lasting one minute, with one stack. */
  static Profile profileAt(int minutesAfterT0, long count, String... frames) {
    Instant start = T0.plusSeconds(60L * minutesAfterT0);
    return Profile.builder(start, start.plusSeconds(60)).stack(count, frames).build();
  }

  static HttpResponse<byte[]> raw(
      String method, String pathAndQuery, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(fake.endpoint() + pathAndQuery))
            .timeout(TestClients.REQUEST_TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** What a fake with the admin API reported about its data directory (its status). */
  static java.util.List<String> dataDirectoryProblems(FakeCodeGuruProfiler f) {
    HttpResponse<byte[]> status;
    try {
      status =
          http.send(
              HttpRequest.newBuilder(URI.create(f.endpoint() + "/__fakeguru/status")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      java.util.List<String> problems = new java.util.ArrayList<>();
      new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(status.body())
          .path("dataDirectoryProblems")
          .forEach(p -> problems.add(p.asText()));
      return problems;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}

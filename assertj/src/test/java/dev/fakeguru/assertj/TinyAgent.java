package dev.fakeguru.assertj;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.time.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A minimal profiling agent over plain HTTP (this module does not depend on the AWS SDK), on a fake
 * whose clock stands at {@link #T0} until the agent moves it: it calls ConfigureAgent and posts
 * well-formed profiles with a User-Agent and a SigV4-shaped Authorization header (the fake does not
 * verify signatures here, so their form is what is judged). The fake answers {@code
 * fastReporting(60)}: report every 60 s, no sooner than 60 s, sample every 100 ms.
 */
final class TinyAgent implements AutoCloseable {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final SettableClock clock = SettableClock.at(T0);
  final FakeCodeGuruProfiler fake =
      FakeCodeGuruProfiler.builder()
          .clock(clock)
          .profilingGroup("g")
          .defaultAgentConfiguration(AgentConfiguration.fastReporting(60))
          .start();
  private Instant profileStart = T0;
  private int tokens;

  /** Waits {@code seconds} on the fake's clock. */
  TinyAgent sleep(int seconds) {
    clock.advance(Duration.ofSeconds(seconds));
    return this;
  }

  TinyAgent configureAgent() {
    send("configureAgent", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Posts the profile sampled since the previous post (or the start), one sample per 100 ms. */
  TinyAgent post() {
    Instant end = clock.instant().minusMillis(100);
    long millis = Duration.between(profileStart, end).toMillis();
    Profile profile =
        Profile.builder()
            .start(profileStart)
            .end(end)
            .agentMetadata(
                Map.of(
                    "sampleWeights", Map.of("WALL_TIME", 9.0),
                    "durationInMs", millis,
                    "numTimesSampled", millis * 9 / 1000,
                    "agentInfo", Map.of("type", "tiny", "version", "1.0"),
                    "fleetInfo", Map.of("id", "host-1")))
            .stack(millis * 9 / 1000, "main", "work")
            .build();
    send(
        "agentProfile?profileToken=t" + (++tokens),
        "application/json",
        ProfileCodec.defaults().encode(profile, ProfileFormat.JSON));
    profileStart = clock.instant();
    return this;
  }

  private void send(String path, String contentType, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(fake.endpoint() + "/profilingGroups/g/" + path))
            .header("Content-Type", contentType)
            .header("User-Agent", "tiny-agent/1.0")
            .header("X-Amz-Date", "20240102T030000Z")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDTEST/20240102/us-east-1/codeguru-profiler/aws4_request,"
                    + " SignedHeaders=host;x-amz-date, Signature="
                    + "0".repeat(64))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 300) {
        throw new IllegalStateException(path + " answered " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    fake.close();
  }
}

package dev.fakeguru.assertj;

import dev.fakeguru.ProfilerFake;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Talks to a real started fake over HTTP, as an agent would (without the AWS SDK, which this module
 * does not depend on).
 */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** A fake that stops answering fails the test instead of hanging the build. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private Http() {}

  /** The agent-format JSON body of {@code profile}. */
  static byte[] json(Profile profile) {
    return ProfileCodec.defaults().encode(profile, ProfileFormat.JSON);
  }

  /**
   * Posts {@code profile} as JSON with {@code profileToken=token}; returns the status (204 when
   * accepted).
   */
  static int postProfile(ProfilerFake fake, String group, String token, Profile profile) {
    return post(fake, group, token, "application/json", null, json(profile));
  }

  /** Posts raw bytes to PostAgentProfile; {@code token} and {@code contentEncoding} may be null. */
  static int post(
      ProfilerFake fake,
      String group,
      String token,
      String contentType,
      String contentEncoding,
      byte[] body) {
    HttpRequest.Builder request =
        request(
                fake,
                "/profilingGroups/"
                    + group
                    + "/agentProfile"
                    + (token == null ? "" : "?profileToken=" + token))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentEncoding != null) {
      request.header("Content-Encoding", contentEncoding);
    }
    return send(request.build());
  }

  /** Calls ConfigureAgent for {@code group}; returns the status. */
  static int configureAgent(ProfilerFake fake, String group) {
    return send(
        request(fake, "/profilingGroups/" + group + "/configureAgent")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8))
            .build());
  }

  /** Calls SubmitFeedback on an anomaly instance of {@code group}; returns the status. */
  static int submitFeedback(ProfilerFake fake, String group, String instanceId, String type) {
    return send(
        request(
                fake,
                "/internal/profilingGroups/" + group + "/anomalies/" + instanceId + "/feedback")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"type\":\"" + type + "\"}", StandardCharsets.UTF_8))
            .build());
  }

  /** Calls AddNotificationChannels with one AnomalyDetection channel; returns the status. */
  static int addChannel(ProfilerFake fake, String group, String uri) {
    return send(
        request(fake, "/profilingGroups/" + group + "/notificationConfiguration")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"channels\":[{\"uri\":\""
                        + uri
                        + "\",\"eventPublishers\":[\"AnomalyDetection\"]}]}",
                    StandardCharsets.UTF_8))
            .build());
  }

  /** A GET, e.g. {@code /profilingGroups/g} for DescribeProfilingGroup; returns the status. */
  static int get(ProfilerFake fake, String path) {
    return send(request(fake, path).GET().build());
  }

  private static HttpRequest.Builder request(ProfilerFake fake, String pathAndQuery) {
    return HttpRequest.newBuilder(
            URI.create(fake.endpoint().toString().replaceAll("/$", "") + pathAndQuery))
        .timeout(REQUEST_TIMEOUT);
  }

  private static int send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package dev.fakeguru.benchmarks;

import java.time.Instant;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileRequest;
import software.amazon.awssdk.services.codeguruprofiler.model.PostAgentProfileRequest;

/**
 * A typical test's traffic, the same for the fake's reset benchmark and its WireMock baseline: 10
 * posts of the Python agent fixture to {@code bench-app} and one GetProfile of the hour around
 * them.
 */
final class TestTraffic {
  static final String GROUP = "bench-app";

  private static final Instant FIXTURE_START = Instant.ofEpochMilli(1795345114008L);

  private final PostAgentProfileRequest post =
      PostAgentProfileRequest.builder()
          .profilingGroupName(GROUP)
          .contentType("application/json")
          .agentProfile(SdkBytes.fromByteArrayUnsafe(Profiles.pythonFixture()))
          .build();

  private final GetProfileRequest get =
      GetProfileRequest.builder()
          .profilingGroupName(GROUP)
          .startTime(FIXTURE_START.minusSeconds(3600))
          .endTime(FIXTURE_START.plusSeconds(3600))
          .accept("application/json")
          .build();

  /** Sends the test's calls through {@code client}. */
  void send(CodeGuruProfilerClient client) {
    for (int i = 0; i < 10; i++) {
      client.postAgentProfile(post);
    }
    client.getProfile(get);
  }
}

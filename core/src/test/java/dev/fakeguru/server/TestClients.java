package dev.fakeguru.server;

import dev.fakeguru.ProfilerFake;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.net.http.HttpClient;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * The clients core's tests talk to a fake with, each with a timeout, so that a fake that stops
 * answering fails the test in seconds instead of hanging the build.
 */
public final class TestClients {
  /** The longest any one request of a test may take. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** An HTTP client with a connect timeout; give each request {@link #REQUEST_TIMEOUT}. */
  public static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private TestClients() {}

  /**
   * The real AWS SDK v2 client for {@code fake}, retries off (each call is exactly one request),
   * dummy credentials, every call bounded by {@link #REQUEST_TIMEOUT}.
   */
  public static CodeGuruProfilerClient sdk(ProfilerFake fake) {
    return sdk(fake, REQUEST_TIMEOUT);
  }

  /** As {@link #sdk(ProfilerFake)}, every call bounded by {@code timeout} instead. */
  public static CodeGuruProfilerClient sdk(ProfilerFake fake, Duration timeout) {
    return CodeGuruProfilerClient.builder()
        .endpointOverride(fake.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(
            o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout))
        .build();
  }

  /** Posts {@code profile} as agent-format JSON to {@code group}. */
  public static void post(CodeGuruProfilerClient client, String group, Profile profile) {
    client.postAgentProfile(
        r ->
            r.profilingGroupName(group)
                .contentType("application/json")
                .agentProfile(
                    SdkBytes.fromByteArray(
                        ProfileCodec.defaults().encode(profile, ProfileFormat.JSON))));
  }
}

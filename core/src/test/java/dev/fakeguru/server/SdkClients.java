package dev.fakeguru.server;

import dev.fakeguru.ProfilerFake;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/** The real AWS SDK v2 client pointed at a fake, for tests in any package. */
public final class SdkClients {
  private SdkClients() {}

  /** A client with retries off (each call is exactly one request) and dummy credentials. */
  public static CodeGuruProfilerClient withoutRetries(ProfilerFake fake) {
    return CodeGuruProfilerClient.builder()
        .endpointOverride(fake.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
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

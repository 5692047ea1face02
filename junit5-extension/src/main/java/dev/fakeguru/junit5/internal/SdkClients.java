package dev.fakeguru.junit5.internal;

import dev.fakeguru.FakeCodeGuruProfiler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerAsyncClient;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Builds AWS SDK clients pointed at a fake. The only class of the extension that touches SDK types:
 * callers load it only after {@link SdkSupport#available} found the SDK, so the extension itself
 * loads and works without the (optional) SDK.
 *
 * @since 0.1
 */
public final class SdkClients {
  private SdkClients() {}

  /**
   * A new client of {@code type} for {@code fake}: endpoint override, the fake's region and dummy
   * static credentials. The caller closes it.
   */
  public static AutoCloseable create(Class<?> type, FakeCodeGuruProfiler fake) {
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    Region region = Region.of(fake.region());
    if (type.getName().equals(SdkSupport.SYNC_CLIENT)) {
      return CodeGuruProfilerClient.builder()
          .endpointOverride(fake.endpoint())
          .region(region)
          .credentialsProvider(credentials)
          .build();
    }
    if (type.getName().equals(SdkSupport.ASYNC_CLIENT)) {
      return CodeGuruProfilerAsyncClient.builder()
          .endpointOverride(fake.endpoint())
          .region(region)
          .credentialsProvider(credentials)
          .build();
    }
    throw new IllegalArgumentException("Not a CodeGuru Profiler client type: " + type.getName());
  }
}

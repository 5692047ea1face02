package dev.fakeguru.benchmarks;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * The one SDK client configuration every benchmark uses, for the fake and for the bare-WireMock
 * baseline alike: the sync client on the Apache HTTP client with a connection pool larger than the
 * number of benchmark threads, static credentials, and no retries (so an error fails the benchmark
 * instead of being hidden by a retry).
 */
final class Sdk {
  private Sdk() {}

  static CodeGuruProfilerClient client(URI endpoint) {
    return CodeGuruProfilerClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .httpClientBuilder(
            ApacheHttpClient.builder()
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60)))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}

package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.ProfileFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerAsyncClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;

class AsyncClientTest extends FakeServerTestBase {
  static CodeGuruProfilerAsyncClient async;

  @BeforeAll
  static void asyncClient() {
    async =
        CodeGuruProfilerAsyncClient.builder()
            .endpointOverride(fake.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(TestClients.REQUEST_TIMEOUT))
            .build();
  }

  @AfterAll
  static void closeAsync() {
    async.close();
  }

  @Test
  void concurrent_async_posts_are_all_stored_and_aggregated() {
    List<CompletableFuture<?>> futures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      byte[] body = json(profileAt(i % 10, 2, "main", "worker-" + (i % 3)));
      futures.add(
          async.postAgentProfile(
              b ->
                  b.profilingGroupName(GROUP)
                      .contentType("application/json")
                      .agentProfile(SdkBytes.fromByteArray(body))));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();

    var r =
        async
            .getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(T0)
                        .period("PT1H")
                        .accept("application/json"))
            .join();
    var p = ProfileCodec.defaults().decode(r.profile().asByteArray(), ProfileFormat.JSON);
    assertThat(p.totalCount("WALL_TIME")).isEqualTo(100);
    assertThat(p.nodeAt("main").orElseThrow().childCount()).isEqualTo(3);
    assertThat(fake.profilePosts(GROUP)).hasSize(50);
  }

  @Test
  void errors_surface_as_the_modelled_exception() {
    Throwable t =
        catchThrowable(
            () -> async.describeProfilingGroup(b -> b.profilingGroupName("ghost")).join());
    assertThat(t)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Profiling group 'ghost' does not exist.");
  }
}

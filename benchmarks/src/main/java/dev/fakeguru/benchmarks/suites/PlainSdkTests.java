package dev.fakeguru.benchmarks.suites;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.fakeguru.FakeCodeGuruProfiler;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * 1,000 tests that each make one SDK call (ConfigureAgent) to a fake the class starts and closes by
 * hand, without the extension: the baseline of {@link AnnotatedSdkTests}.
 */
public class PlainSdkTests {
  static FakeCodeGuruProfiler fake;
  static CodeGuruProfilerClient client;

  @BeforeAll
  static void start() {
    fake = FakeCodeGuruProfiler.builder().profilingGroup(AnnotatedSdkTests.GROUP).start();
    client = client(fake.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    fake.close();
  }

  @RepeatedTest(1000)
  void oneCall() {
    assertNotNull(
        client.configureAgent(r -> r.profilingGroupName(AnnotatedSdkTests.GROUP)).configuration());
  }

  /** The client the extension injects: same region, dummy credentials, default HTTP client. */
  static CodeGuruProfilerClient client(URI endpoint) {
    return CodeGuruProfilerClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }
}

package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.recording.RecordedCall;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.CodeGuruProfilerException;

/** Optional SigV4 verification, checked with the real SDK's signer. */
class SignatureVerificationTest {
  static FakeCodeGuruProfiler fake;

  @BeforeAll
  static void start() {
    fake =
        FakeCodeGuruProfiler.builder()
            .profilingGroup("g")
            .requireSignatures("AKIDTEST", "right-secret")
            .start();
  }

  @org.junit.jupiter.api.BeforeEach
  void reset() {
    fake.reset();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private static CodeGuruProfilerClient client(String keyId, String secret) {
    return CodeGuruProfilerClient.builder()
        .endpointOverride(fake.endpoint())
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
        .overrideConfiguration(
            o ->
                o.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .apiCallTimeout(TestClients.REQUEST_TIMEOUT))
        .build();
  }

  @Test
  void the_right_key_passes_for_every_kind_of_request() {
    try (var c = client("AKIDTEST", "right-secret")) {
      c.describeProfilingGroup(b -> b.profilingGroupName("g"));
      c.postAgentProfile(
          b ->
              b.profilingGroupName("g")
                  .contentType("application/json")
                  .agentProfile(
                      SdkBytes.fromUtf8String("{\"start\":1,\"end\":2,\"callgraph\":{}}")));
      c.listProfilingGroups(b -> b.maxResults(5).includeDescription(true));
      c.tagResource(b -> b.resourceArn(fake.profilingGroupArn("g")).tags(Map.of("k", "v w")));
      c.untagResource(b -> b.resourceArn(fake.profilingGroupArn("g")).tagKeys("k", "other key"));
      c.createProfilingGroup(b -> b.profilingGroupName("second"));
    }
    assertThat(fake.recordedCalls()).allMatch(RecordedCall::succeeded);
  }

  @Test
  void a_wrong_secret_is_an_invalid_signature() {
    try (var c = client("AKIDTEST", "wrong-secret")) {
      CodeGuruProfilerException e =
          catchThrowableOfType(
              CodeGuruProfilerException.class,
              () -> c.describeProfilingGroup(b -> b.profilingGroupName("g")));
      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
      assertThat(e.awsErrorDetails().errorMessage())
          .startsWith("The request signature we calculated does not match");
    }
  }

  @Test
  void an_unknown_key_is_an_unrecognized_client() {
    try (var c = client("AKIDOTHER", "right-secret")) {
      CodeGuruProfilerException e =
          catchThrowableOfType(
              CodeGuruProfilerException.class,
              () -> c.describeProfilingGroup(b -> b.profilingGroupName("g")));
      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
    }
  }

  @Test
  void an_unsigned_request_is_refused() throws Exception {
    var r =
        TestClients.HTTP.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(fake.endpoint() + "/profilingGroups/g"))
                .timeout(TestClients.REQUEST_TIMEOUT)
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("MissingAuthenticationTokenException");
  }
}

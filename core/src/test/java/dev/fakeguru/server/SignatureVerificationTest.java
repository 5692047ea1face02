package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.time.SettableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.CodeGuruProfilerException;

/**
 * Optional SigV4 verification, checked with the real SDK's client and signer: the right key passes;
 * a wrong secret, an unknown key, another region, a date more than 15 minutes from the fake's
 * clock, a body that is not the one signed, or an unsigned payload is refused.
 */
class SignatureVerificationTest {
  static final SettableClock clock = SettableClock.ticking();
  static FakeCodeGuruProfiler fake;

  @BeforeAll
  static void start() {
    fake =
        FakeCodeGuruProfiler.builder()
            .clock(clock)
            .profilingGroup("g")
            .requireSignatures("AKIDTEST", "right-secret")
            .start();
  }

  @org.junit.jupiter.api.BeforeEach
  void reset() {
    fake.reset();
    clock.set(Instant.now());
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private static CodeGuruProfilerClient client(String keyId, String secret) {
    return client(keyId, secret, Region.US_EAST_1);
  }

  private static CodeGuruProfilerClient client(String keyId, String secret, Region region) {
    return CodeGuruProfilerClient.builder()
        .endpointOverride(fake.endpoint())
        .region(region)
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

  private static CodeGuruProfilerException refusal(Runnable call) {
    CodeGuruProfilerException e = catchThrowableOfType(CodeGuruProfilerException.class, call::run);
    assertThat(e).as("a refusal").isNotNull();
    assertThat(e.statusCode()).isEqualTo(403);
    return e;
  }

  @Test
  void a_credential_scoped_to_another_region_is_refused() {
    try (var c = client("AKIDTEST", "right-secret", Region.EU_WEST_1)) {
      CodeGuruProfilerException e =
          refusal(() -> c.describeProfilingGroup(b -> b.profilingGroupName("g")));
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo(
              "Credential should be scoped to a valid region, not 'eu-west-1'. This fake serves"
                  + " 'us-east-1'.");
    }
  }

  @Test
  void a_date_more_than_15_minutes_from_the_fakes_clock_and_from_real_time_is_refused()
      throws Exception {
    Instant now = Instant.now();
    clock.set(now.plus(Duration.ofDays(400)));
    RawHttp.Response expired =
        postWith(signedPost(SIGNED, true, now.minus(Duration.ofMinutes(20))), SIGNED);
    clock.set(now.minus(Duration.ofDays(400)));
    RawHttp.Response early =
        postWith(signedPost(SIGNED, true, now.plus(Duration.ofMinutes(20))), SIGNED);

    assertThat(expired.status()).isEqualTo(403);
    assertThat(expired.header("x-amzn-errortype")).isEqualTo("InvalidSignatureException");
    assertThat(expired.bodyText())
        .containsPattern(
            "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 15 min\\.\\)");
    assertThat(early.status()).isEqualTo(403);
    assertThat(early.bodyText()).contains("Signature not yet current: ").contains(" + 15 min.)");
    assertThat(fake.storedProfiles()).isEmpty();
  }

  @Test
  void a_date_near_the_fakes_clock_or_near_real_time_passes() throws Exception {
    clock.set(Instant.parse("2024-01-02T03:00:00Z"));
    Instant nearTheFake = clock.instant().minus(Duration.ofMinutes(10));

    RawHttp.Response signedAtTheFakesTime = postWith(signedPost(SIGNED, true, nearTheFake), SIGNED);
    try (var sdk = client("AKIDTEST", "right-secret")) { // the SDK signs with the system clock
      sdk.describeProfilingGroup(b -> b.profilingGroupName("g"));
    }

    assertThat(signedAtTheFakesTime.status()).as(signedAtTheFakesTime.bodyText()).isEqualTo(204);
  }

  /** A PostAgentProfile of {@code signedBody}, signed as an SDK signs it, as raw headers. */
  private static Map<String, String> signedPost(byte[] signedBody, boolean signPayload) {
    return signedPost(signedBody, signPayload, Instant.now());
  }

  /** As {@link #signedPost(byte[], boolean)}, signed at {@code at}. */
  private static Map<String, String> signedPost(
      byte[] signedBody, boolean signPayload, Instant at) {
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create("AKIDTEST", "right-secret"))
                        .request(
                            SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(
                                    URI.create(
                                        (signPayload ? "http" : "https")
                                            + "://127.0.0.1:"
                                            + fake.port()
                                            + "/profilingGroups/g/agentProfile"))
                                .putHeader("Content-Type", "application/json")
                                .build())
                        .payload(ContentStreamProvider.fromByteArray(signedBody))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "codeguru-profiler")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    Map<String, String> headers = new LinkedHashMap<>();
    signed
        .request()
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Host")) { // RawHttp sends the same Host itself
                headers.put(name, values.get(0));
              }
            });
    return headers;
  }

  private static final byte[] SIGNED =
      "{\"start\":1,\"end\":2,\"callgraph\":{}}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] REPLACED =
      "{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"evil\":{}}}}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void a_signed_request_passes_as_raw_bytes() throws Exception {
    RawHttp.Response r =
        RawHttp.send(
            fake.port(),
            Duration.ofSeconds(10),
            "POST",
            "/profilingGroups/g/agentProfile",
            signedPost(SIGNED, true),
            SIGNED);

    assertThat(r.status()).as("%s", r).isEqualTo(204);
  }

  @Test
  void a_body_replaced_after_signing_is_refused_despite_the_original_hash() throws Exception {
    Map<String, String> headers = signedPost(SIGNED, true);
    assertThat(headers).containsKey("x-amz-content-sha256");

    RawHttp.Response r = postWith(headers, REPLACED);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("x-amzn-errortype")).isEqualTo("InvalidSignatureException");
    assertThat(r.bodyText()).contains("'x-amz-content-sha256' header does not match");
    assertThat(fake.storedProfiles()).isEmpty();
  }

  @Test
  void an_unsigned_payload_is_refused() throws Exception {
    Map<String, String> headers = signedPost(SIGNED, false);
    assertThat(headers).containsEntry("x-amz-content-sha256", "UNSIGNED-PAYLOAD");

    RawHttp.Response r = postWith(headers, REPLACED);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("x-amzn-errortype")).isEqualTo("InvalidSignatureException");
    assertThat(r.bodyText()).contains("UNSIGNED-PAYLOAD");
    assertThat(fake.storedProfiles()).isEmpty();
  }

  /** Posts {@code body} over a raw socket with {@code headers} (a signed post's, of some body). */
  private static RawHttp.Response postWith(Map<String, String> headers, byte[] body)
      throws Exception {
    return RawHttp.send(
        fake.port(),
        Duration.ofSeconds(10),
        "POST",
        "/profilingGroups/g/agentProfile",
        headers,
        body);
  }
}

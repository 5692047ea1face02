package example.floors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.UnsupportedDependencyException;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Below the AWS SDK's floor (2.27.21, whose clients ignore aws.endpointUrl): the extension refuses
 * to inject a client or to redirect the SDK, with the versions and the fix; a client wired by hand
 * (endpointOverride) still reaches the fake.
 */
@Tag("below-sdk")
@Timeout(60)
class BelowSdkFloorTest {

  @Test
  void anInjectedClientNamesTheVersionsAndTheFix() {
    Throwable failure = failureOf(InjectsAClient.class);

    // JUnit wraps it in a ParameterResolutionException whose message starts with it.
    assertThat(failure).hasMessageContaining("FakeGuru needs the AWS SDK for Java v2");
    assertThat(refusal(failure))
        .hasMessageContaining("the AWS SDK for Java v2 (software.amazon.awssdk) 2.28.29 or newer")
        .hasMessageContaining("but found 2.27.21")
        .hasMessageContaining("import software.amazon.awssdk:bom 2.28.29 or newer");
  }

  @Test
  void soDoesTheRedirect() {
    assertThat(refusal(failureOf(RedirectsTheSdk.class))).hasMessageContaining("but found 2.27.21");
  }

  @Test
  void aClientWiredByHandStillReachesTheFake() {
    try (FakeCodeGuruProfiler fake =
            FakeCodeGuruProfiler.builder().profilingGroup("checkout").start();
        CodeGuruProfilerClient client =
            CodeGuruProfilerClient.builder()
                .endpointOverride(fake.endpoint())
                .region(Region.of(fake.region()))
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .build()) {
      assertThat(client.listProfilingGroups(r -> r.maxResults(10)).profilingGroupNames())
          .containsExactly("checkout");
    }
  }

  private static Throwable failureOf(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(testClass))
        .execute()
        .allEvents()
        .failed()
        .stream()
        .findFirst()
        .orElseThrow(() -> new AssertionError(testClass.getSimpleName() + " did not fail"))
        .getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .orElseThrow();
  }

  /** The failure itself, or the cause JUnit wrapped it in. */
  private static UnsupportedDependencyException refusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnsupportedDependencyException refused) {
        return refused;
      }
    }
    throw new AssertionError("no UnsupportedDependencyException in " + failure, failure);
  }

  /** Run by the test kit above only: surefire skips nested classes. */
  @ExtendWith(FakeCodeGuruProfilerExtension.class)
  static class InjectsAClient {
    @Test
    void anyTest(CodeGuruProfilerClient client) {
      assertThat(client).isNotNull();
    }
  }

  /** Run by the test kit above only. */
  static class RedirectsTheSdk {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder().pointSdkClientsAtFake(true).build();

    @Test
    void anyTest() {
      assertThat(fake.endpoint()).isNotNull();
    }
  }
}

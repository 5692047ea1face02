package dev.fakeguru.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.samples.ProfileUploader.Status;
import java.time.Instant;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Strict mode, seen without failing the build: a test class that uses it is run through the JUnit
 * Platform's {@code EngineTestKit}, and the test reads how strict mode failed it. The class under
 * test is {@code @Disabled} so that the build's own run skips it; the kit switches that condition
 * off.
 */
class StrictModeTest {
  static final byte[] PROFILE =
      ProfileCodec.defaults()
          .encode(
              Profile.builder(
                      Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z"))
                  .stack(1, "main")
                  .build(),
              ProfileFormat.JSON);

  // tag::strict-fixture[]
  // The uploader copes with a missing group, so this test passes on its own; strict mode fails it
  // afterwards because the fake had to answer a 404 nobody asked for.
  @Disabled("run through EngineTestKit by StrictModeTest")
  @FakeCodeGuruProfilerTest(failOnUnexpectedCalls = true, failOnUnconsumedScripts = true)
  static class UploadsToAGroupNobodyCreated {
    @Test
    void uploads(CodeGuruProfilerClient client) {
      Status status =
          ProfileUploader.builder(client, "checkout", () -> PROFILE).build().runOnce().status();
      assertThat(status).isEqualTo(Status.STOPPED);
    }
  }

  // end::strict-fixture[]

  @Test
  void strictModeFailsTheTestAndSaysWhatTheFakeReceived() {
    // tag::strict-engine-test-kit[]
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter(
                "junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
            .selectors(selectClass(UploadsToAGroupNobodyCreated.class))
            .execute();

    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    Throwable failure =
        results
            .testEvents()
            .failed()
            .list()
            .get(0)
            .getRequiredPayload(TestExecutionResult.class)
            .getThrowable()
            .orElseThrow();
    assertThat(failure)
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Strict mode (failOnUnexpectedCalls) of @FakeCodeGuruProfilerTest on \
            UploadsToAGroupNobodyCreated: The fake answered 1 unexpected call(s) with an error:
              #1 ConfigureAgent(checkout) POST /profilingGroups/checkout/configureAgent -> 404 \
            ResourceNotFoundException
            The fake received 1 call:
              #1 ConfigureAgent(checkout) POST /profilingGroups/checkout/configureAgent -> 404 \
            ResourceNotFoundException""");
    // end::strict-engine-test-kit[]
  }
}

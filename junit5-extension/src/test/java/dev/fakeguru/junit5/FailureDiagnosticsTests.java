package dev.fakeguru.junit5;

import static dev.fakeguru.junit5.Kit.RUN_VIA_KIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fakeguru.junit5.internal.ArrivalsReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/** A failing test shows what the fake received without the user logging anything. */
class FailureDiagnosticsTests {

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  static class FailingTests {
    @Test
    void failsAfterACall(CodeGuruProfilerClient client) {
      client.createProfilingGroup(b -> b.profilingGroupName("seen-by-the-fake"));
      fail("boom");
    }

    @Test
    void passes() {}

    @Test
    void aborts() {
      Assumptions.assumeTrue(false, "not today");
    }
  }

  @Test
  void aFailedTestCarriesTheArrivalsAsASuppressedException() {
    EngineExecutionResults results = Kit.run(FailingTests.class);
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(1).aborted(1));

    Throwable failure = failure(results, "failsAfterACall");
    assertThat(failure).hasMessage("boom");
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0])
        .isInstanceOf(ArrivalsReport.class)
        .hasMessageStartingWith("FakeCodeGuruProfiler at http://127.0.0.1:")
        .hasMessageContaining("The fake received 1 call:")
        .hasMessageContaining("#1 CreateProfilingGroup POST /profilingGroups -> 201");

    Throwable aborted =
        results.testEvents().aborted().stream()
            .findFirst()
            .orElseThrow()
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertThat(aborted.getSuppressed()).as("assumption failures are left alone").isEmpty();
  }

  @Disabled(RUN_VIA_KIT)
  static class FailingBeforeEachTests {
    @RegisterExtension
    FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    @BeforeEach
    void setUp() {
      fail("setup broke");
    }

    @Test
    void never() {}
  }

  @Test
  void aFailedLifecycleMethodCarriesTheArrivalsToo() {
    EngineExecutionResults results = Kit.run(FailingBeforeEachTests.class);
    results.testEvents().assertStatistics(s -> s.started(1).failed(1));

    Throwable failure = failure(results, "never");
    assertThat(failure).hasMessage("setup broke");
    assertThat(failure.getSuppressed())
        .singleElement()
        .asString()
        .contains("The fake received no calls.");
  }

  private static Throwable failure(EngineExecutionResults results, String method) {
    Event event =
        results.testEvents().failed().stream()
            .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
            .findFirst()
            .orElseThrow();
    return event
        .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
        .getThrowable()
        .orElseThrow();
  }
}

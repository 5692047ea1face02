package dev.fakeguru.junit5;

import static dev.fakeguru.junit5.Kit.RUN_VIA_KIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fakeguru.junit5.internal.ArrivalsReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
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

  @Disabled(RUN_VIA_KIT)
  static class FailingBeforeAllTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    @BeforeAll
    static void setUp() {
      fake.createProfilingGroup("made-in-before-all");
      fail("class setup broke");
    }

    @Test
    void never() {}
  }

  @Test
  void aFailedBeforeAllMethodCarriesTheArrivals() {
    EngineExecutionResults results = Kit.run(FailingBeforeAllTests.class);

    Throwable failure = containerFailure(results, FailingBeforeAllTests.class);
    assertThat(failure).hasMessage("class setup broke");
    assertThat(failure.getSuppressed())
        .singleElement()
        .isInstanceOf(ArrivalsReport.class)
        .asString()
        .contains("The fake received no calls.");
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  static class FailingAfterEachTests {
    @AfterEach
    void tearDown(CodeGuruProfilerClient client) {
      client.listProfilingGroups(b -> {});
      fail("teardown broke");
    }

    @Test
    void passes() {}
  }

  @Test
  void aFailedAfterEachMethodCarriesTheArrivalsOfItsTest() {
    EngineExecutionResults results = Kit.run(FailingAfterEachTests.class);
    results.testEvents().assertStatistics(s -> s.started(1).failed(1));

    Throwable failure = failure(results, "passes");
    assertThat(failure).hasMessage("teardown broke");
    assertThat(failure.getSuppressed())
        .singleElement()
        .asString()
        .contains("#1 ListProfilingGroups GET /profilingGroups -> 200");
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  static class FailingAfterAllTests {
    @AfterAll
    static void tearDown(CodeGuruProfilerClient client) {
      client.listProfilingGroups(b -> {});
      fail("class teardown broke");
    }

    @Test
    void passes() {}
  }

  @Test
  void aFailedAfterAllMethodCarriesTheArrivals() {
    EngineExecutionResults results = Kit.run(FailingAfterAllTests.class);
    results.testEvents().assertStatistics(s -> s.succeeded(1));

    Throwable failure = containerFailure(results, FailingAfterAllTests.class);
    assertThat(failure).hasMessage("class teardown broke");
    assertThat(failure.getSuppressed())
        .singleElement()
        .asString()
        .contains("ListProfilingGroups GET /profilingGroups -> 200");
  }

  private static Throwable containerFailure(EngineExecutionResults results, Class<?> fixture) {
    Event event =
        results.containerEvents().failed().stream()
            .filter(e -> e.getTestDescriptor().getDisplayName().endsWith(fixture.getSimpleName()))
            .findFirst()
            .orElseThrow();
    return event
        .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
        .getThrowable()
        .orElseThrow();
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

package dev.fakeguru.junit5;

import static dev.fakeguru.junit5.Kit.RUN_VIA_KIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;

/** Reset before each test, resetEachTest=false, and strict mode. */
class ResetAndStrictModeTests {
  static final List<String> LOG = new CopyOnWriteArrayList<>();

  @BeforeEach
  void clear() {
    LOG.clear();
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest(profilingGroups = "declared", clockStart = "2024-01-02T03:00:00Z")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ResetEachTestTests {
    @Test
    @Order(1)
    void first(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
      client.createProfilingGroup(b -> b.profilingGroupName("made-in-first"));
      ((SettableClock) fake.clock()).advance(Duration.ofHours(2));
      LOG.add(
          "first calls=" + fake.recordedCalls().size() + " groups=" + fake.profilingGroupNames());
    }

    @Test
    @Order(2)
    void second(FakeCodeGuruProfiler fake) {
      LOG.add(
          "second calls="
              + fake.recordedCalls().size()
              + " groups="
              + fake.profilingGroupNames()
              + " now="
              + fake.clock().instant());
    }
  }

  @Test
  void stateOfOneTestIsGoneInTheNext() {
    Kit.run(ResetEachTestTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2).failed(0));

    assertThat(LOG)
        .containsExactly(
            "first calls=1 groups=[declared, made-in-first]",
            "second calls=0 groups=[declared] now=" + Instant.parse("2024-01-02T03:00:00Z"));
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class NestedOwnSettingsTests {
    @Test
    @Order(1)
    void first(CodeGuruProfilerClient client) {
      client.createProfilingGroup(b -> b.profilingGroupName("outer-first"));
    }

    @Test
    @Order(2)
    void second(FakeCodeGuruProfiler fake) {
      LOG.add("outer second groups=" + fake.profilingGroupNames());
    }

    @Nested
    @FakeCodeGuruProfilerTest(resetEachTest = false)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class KeepsState {
      @Test
      @Order(1)
      void first(CodeGuruProfilerClient client) {
        client.createProfilingGroup(b -> b.profilingGroupName("nested-first"));
      }

      @Test
      @Order(2)
      void second(FakeCodeGuruProfiler fake) {
        LOG.add("nested second groups=" + fake.profilingGroupNames());
      }
    }
  }

  /** Settings are read once per class chain: a nested class's own annotation still governs it. */
  @Test
  void aNestedClassesOwnAnnotationGovernsItsTestsAndTheEnclosingOneTheRest() {
    Kit.run(NestedOwnSettingsTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(4).succeeded(4).failed(0));

    assertThat(LOG)
        .containsExactly("outer second groups=[]", "nested second groups=[nested-first]");
  }

  @Disabled(RUN_VIA_KIT)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class KeepStateTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder()
            .configureFake(f -> f.profilingGroup("declared"))
            .resetEachTest(false)
            .build();

    @Test
    @Order(1)
    void first(CodeGuruProfilerClient client) {
      client.createProfilingGroup(b -> b.profilingGroupName("made-in-first"));
    }

    @Test
    @Order(2)
    void second() {
      LOG.add(
          "second calls=" + fake.recordedCalls().size() + " groups=" + fake.profilingGroupNames());
      fake.reset(); // an explicit reset from the field still works
      LOG.add("after reset groups=" + fake.profilingGroupNames());
    }
  }

  @Test
  void resetEachTestFalseKeepsStateAcrossTests() {
    Kit.run(KeepStateTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2).failed(0));

    assertThat(LOG)
        .containsExactly(
            "second calls=1 groups=[declared, made-in-first]", "after reset groups=[declared]");
  }

  // --- strict mode
  // -------------------------------------------------------------------------------------

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest(failOnUnexpectedCalls = true)
  static class StrictAnnotationTests {
    @Test
    void describesAMissingGroup(CodeGuruProfilerClient client) {
      assertThatThrownBy(() -> client.describeProfilingGroup(b -> b.profilingGroupName("missing")))
          .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void behaves(CodeGuruProfilerClient client) {
      client.createProfilingGroup(b -> b.profilingGroupName("fine"));
    }
  }

  @Test
  void strictModeFailsATestAfterwardsWhenTheFakeAnsweredUnexpectedCalls() {
    EngineExecutionResults results = Kit.run(StrictAnnotationTests.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    results
        .testEvents()
        .failed()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("describesAMissingGroup"),
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        m ->
                            m.startsWith(
                                    "Strict mode (failOnUnexpectedCalls) of @FakeCodeGuruProfilerTest on StrictAnnotationTests: The fake answered 1 unexpected call(s) with an error:")
                                && m.contains("(missing)")
                                && m.contains("404")))));
  }

  @Disabled(RUN_VIA_KIT)
  static class StrictScriptsTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder()
            .configureFake(f -> f.profilingGroup("g"))
            .failOnUnconsumedScripts(true)
            .build();

    @Test
    void leavesAScriptedAnswerUnserved() {
      fake.enqueueGetProfile(
          "g",
          dev.fakeguru.scripting.ScriptedProfileResponse.of(
              dev.fakeguru.profile.Profile.builder(java.time.Instant.EPOCH, java.time.Instant.EPOCH)
                  .stack(1, "main")
                  .build()));
    }

    @Test
    void consumesItsScriptedAnswer(CodeGuruProfilerClient client) {
      fake.enqueueConfigureAgent(
          "g", dev.fakeguru.scripting.AgentConfiguration.defaults().withShouldProfile(false));
      assertThat(
              client.configureAgent(b -> b.profilingGroupName("g")).configuration().shouldProfile())
          .isFalse();
    }
  }

  @Test
  void strictModeFailsATestThatLeftAScriptedAnswerUnserved() {
    Kit.run(StrictScriptsTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(1).failed(1))
        .failed()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("leavesAScriptedAnswerUnserved"),
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        m ->
                            m.startsWith(
                                    "Strict mode (failOnUnconsumedScripts) of FakeCodeGuruProfilerExtension field 'fake' in StrictScriptsTests: 1 scripted answer(s) were never served:")
                                && m.contains("for profiling group 'g'")))));
  }

  @Disabled(RUN_VIA_KIT)
  static class StrictCallsOnlyTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder()
            .configureFake(f -> f.profilingGroup("g"))
            .failOnUnexpectedCalls(true)
            .build();

    @Test
    void leavesAScriptedAnswerUnserved() {
      fake.enqueueGetProfile(
          "g",
          dev.fakeguru.scripting.ScriptedProfileResponse.of(
              dev.fakeguru.profile.Profile.builder(java.time.Instant.EPOCH, java.time.Instant.EPOCH)
                  .stack(1, "main")
                  .build()));
    }
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest(failOnUnconsumedScripts = true)
  static class StrictScriptsOnlyTests {
    @Test
    void answersAnUnknownGroupWithAnError(CodeGuruProfilerClient client) {
      assertThatThrownBy(() -> client.describeProfilingGroup(b -> b.profilingGroupName("missing")))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void eachStrictCheckIsChosenOnItsOwn() {
    Kit.run(StrictCallsOnlyTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    Kit.run(StrictScriptsOnlyTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));
  }

  @Disabled(RUN_VIA_KIT)
  static class StrictBuilderTests {
    @RegisterExtension
    FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder().failOnUnexpectedCalls(true).build();

    @Test
    void describesAMissingGroup(CodeGuruProfilerClient client) {
      assertThatThrownBy(() -> client.describeProfilingGroup(b -> b.profilingGroupName("missing")))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void strictModeWorksWithTheBuilderAndNamesTheField() {
    Kit.run(StrictBuilderTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(0).failed(1))
        .failed()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        m ->
                            m.startsWith(
                                "Strict mode (failOnUnexpectedCalls) of FakeCodeGuruProfilerExtension field 'fake' in StrictBuilderTests")))));
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  static class LenientTests {
    @Test
    void describesAMissingGroup(CodeGuruProfilerClient client, FakeCodeGuruProfiler fake) {
      assertThatThrownBy(() -> client.describeProfilingGroup(b -> b.profilingGroupName("missing")))
          .isInstanceOf(ResourceNotFoundException.class);
      assertThat(fake.unexpectedCalls()).hasSize(1);
    }
  }

  @Test
  void withoutStrictModeUnexpectedCallsAreOnlyRecorded() {
    Kit.run(LenientTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));
  }
}

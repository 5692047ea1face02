package dev.fakeguru.junit5;

import static dev.fakeguru.junit5.Kit.RUN_VIA_KIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.recording.Operation;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerAsyncClient;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/** Parameter injection of every supported type, and the messages for misuse. */
class InjectionAndMisuseTests {
  static final List<String> LOG = new CopyOnWriteArrayList<>();
  static final List<Object> CLIENTS = new CopyOnWriteArrayList<>();

  @BeforeEach
  void clear() {
    LOG.clear();
    CLIENTS.clear();
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest(region = "eu-west-1", profilingGroups = "app")
  static class AnnotationInjectionTests {
    @BeforeAll
    static void beforeAll(FakeCodeGuruProfiler fake, URI endpoint, CodeGuruProfilerClient client) {
      LOG.add("beforeAll endpoint ok=" + endpoint.equals(fake.endpoint()));
      CLIENTS.add(client);
    }

    @BeforeEach
    void beforeEach(CodeGuruProfilerClient client) {
      CLIENTS.add(client);
    }

    @Test
    void everyType(
        FakeCodeGuruProfiler fake,
        URI endpoint,
        CodeGuruProfilerClient client,
        CodeGuruProfilerAsyncClient async) {
      CLIENTS.add(client);
      String arn =
          client.createProfilingGroup(b -> b.profilingGroupName("made")).profilingGroup().arn();
      String described =
          async
              .describeProfilingGroup(b -> b.profilingGroupName("app"))
              .join()
              .profilingGroup()
              .arn();
      LOG.add("endpoint=" + endpoint.equals(fake.endpoint()));
      LOG.add("arn=" + arn);
      LOG.add("described=" + described);
      LOG.add(
          "calls="
              + fake.callCount(Operation.CREATE_PROFILING_GROUP)
              + ","
              + fake.callCount(Operation.DESCRIBE_PROFILING_GROUP, "app"));
    }
  }

  @Test
  void theAnnotationInjectsTheFakeItsEndpointAndRealSdkClients() {
    Kit.run(AnnotationInjectionTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));

    assertThat(LOG)
        .containsExactly(
            "beforeAll endpoint ok=true",
            "endpoint=true",
            "arn=arn:aws:codeguru-profiler:eu-west-1:123456789012:profilingGroup/made",
            "described=arn:aws:codeguru-profiler:eu-west-1:123456789012:profilingGroup/app",
            "calls=1,1");
    assertThat(CLIENTS).hasSize(3);
    assertThat(CLIENTS.get(0))
        .as("the class-level client is reused by the test")
        .isSameAs(CLIENTS.get(1))
        .isSameAs(CLIENTS.get(2));
    CodeGuruProfilerClient closed = (CodeGuruProfilerClient) CLIENTS.get(0);
    assertThatThrownBy(() -> closed.listProfilingGroups(b -> {}))
        .as("the extension closed the client")
        .isInstanceOf(IllegalStateException.class);
  }

  @Disabled(RUN_VIA_KIT)
  static class SingleInstanceFieldInjectionTests {
    @RegisterExtension
    FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    @BeforeEach
    void beforeEach(FakeCodeGuruProfiler injected) {
      LOG.add("beforeEach same=" + (injected == fake.getFake()));
    }

    @Test
    void injected(FakeCodeGuruProfiler injected, URI endpoint, CodeGuruProfilerClient client) {
      client.createProfilingGroup(b -> b.profilingGroupName("g"));
      LOG.add(
          "test same="
              + (injected == fake.getFake())
              + " endpoint="
              + endpoint.equals(fake.endpoint())
              + " calls="
              + fake.recordedCalls().size());
    }
  }

  @Test
  void aSingleRegisteredExtensionInjectsToo() {
    Kit.run(SingleInstanceFieldInjectionTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));

    assertThat(LOG).containsExactly("beforeEach same=true", "test same=true endpoint=true calls=1");
  }

  @Disabled(RUN_VIA_KIT)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassConstructorInjectionTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    private final FakeCodeGuruProfiler fromConstructor;

    PerClassConstructorInjectionTests(FakeCodeGuruProfiler fromConstructor) {
      this.fromConstructor = fromConstructor;
    }

    @Test
    void same() {
      LOG.add("same=" + (fromConstructor == fake.getFake()));
    }
  }

  @Test
  void constructorInjectionWorksBeforeBeforeAllWithPerClass() {
    Kit.run(PerClassConstructorInjectionTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));

    assertThat(LOG).containsExactly("same=true");
  }

  // --- misuse ------------------------------------------------------------------------------------

  @Disabled(RUN_VIA_KIT)
  static class AmbiguousParameterTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension first = FakeCodeGuruProfilerExtension.builder().build();

    @RegisterExtension
    FakeCodeGuruProfilerExtension second = FakeCodeGuruProfilerExtension.builder().build();

    @Test
    void fieldsWork() {
      assertThat(first.port()).isNotEqualTo(second.port());
    }

    @Test
    void parameterIsAmbiguous(FakeCodeGuruProfiler fake) {}
  }

  @Test
  void twoExtensionsAndAParameterIsAmbiguous() {
    Kit.run(AmbiguousParameterTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(1).failed(1))
        .failed()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("parameterIsAmbiguous"),
                finishedWithFailure(
                    instanceOf(ParameterResolutionException.class),
                    message(
                        m ->
                            m.startsWith("Parameter [dev.fakeguru.FakeCodeGuruProfiler arg0] in ")
                                && m.contains(
                                    "is ambiguous: 2 FakeCodeGuruProfilerExtensions are registered (")
                                && m.contains("field 'first' in AmbiguousParameterTests")
                                && m.contains("field 'second' in AmbiguousParameterTests")
                                && m.endsWith(
                                    "Remove the parameter and use the extension field you mean instead, e.g. field.getFake() or field.endpoint().")))));
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest(clockStart = "yesterday")
  static class BadClockStartTests {
    @Test
    void never() {}
  }

  @Test
  void anInvalidClockStartNamesTheAttributeAndTheFormat() {
    Kit.run(BadClockStartTests.class)
        .containerEvents()
        .assertStatistics(s -> s.failed(1))
        .failed()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(BadClockStartTests.class),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        "@FakeCodeGuruProfilerTest on "
                            + BadClockStartTests.class.getName()
                            + ": clockStart 'yesterday' is not an ISO-8601 instant; write it like \"2024-01-02T03:00:00Z\", or leave it empty for the system time."))));
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest(profilingGroups = "no spaces allowed")
  static class BadGroupNameTests {
    @Test
    void never() {}
  }

  @Test
  void anInvalidProfilingGroupNamesTheAttribute() {
    Kit.run(BadGroupNameTests.class)
        .containerEvents()
        .assertStatistics(s -> s.failed(1))
        .failed()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        m ->
                            m.startsWith(
                                "@FakeCodeGuruProfilerTest on "
                                    + BadGroupNameTests.class.getName()
                                    + ": profilingGroups contains an invalid name 'no spaces allowed': ")))));
  }

  @Test
  void builderOptionsAreValidatedWhereTheyAreSet() {
    assertThatThrownBy(
            () -> FakeCodeGuruProfilerExtension.builder().configureFake(f -> f.port(70000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 0..65535, but was 70000");
  }

  @Test
  void theFieldOutsideATestSaysWhenItsFakeRuns() {
    FakeCodeGuruProfilerExtension unused = FakeCodeGuruProfilerExtension.builder().build();
    assertThatThrownBy(unused::recordedCalls)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "No FakeCodeGuruProfiler is running for this extension: a static field's fake runs from before"
                + " @BeforeAll to after @AfterAll, an instance field's from before @BeforeEach to after"
                + " @AfterEach (with PER_CLASS: like a static field). Use it from tests and lifecycle methods.");
    assertThat(unused).hasToString("FakeCodeGuruProfilerExtension[not running]");
  }
}

package dev.fakeguru.junit5;

import static dev.fakeguru.junit5.Kit.RUN_VIA_KIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.recording.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * pointSdkClientsAtFake: a client built with {@code CodeGuruProfilerClient.create()} reaches the
 * fake, and the system properties are restored afterwards.
 */
class SdkRedirectTests {
  static final List<String> LOG = new CopyOnWriteArrayList<>();
  private static final List<String> KEYS =
      List.of(
          "aws.endpointUrl",
          "aws.endpointUrlCodeGuruProfiler",
          "aws.region",
          "aws.accessKeyId",
          "aws.secretAccessKey",
          "aws.sessionToken");
  private final Map<String, String> saved = new LinkedHashMap<>();

  @BeforeEach
  void sentinels() {
    LOG.clear();
    KEYS.forEach(k -> saved.put(k, System.getProperty(k)));
    KEYS.forEach(System::clearProperty);
    System.setProperty("aws.region", "ap-south-1"); // a value that must come back
    System.setProperty("aws.sessionToken", "real-token");
  }

  @AfterEach
  void restore() {
    saved.forEach(
        (k, v) -> {
          if (v == null) {
            System.clearProperty(k);
          } else {
            System.setProperty(k, v);
          }
        });
  }

  private void assertRestored() {
    assertThat(System.getProperty("aws.region")).isEqualTo("ap-south-1");
    assertThat(System.getProperty("aws.sessionToken")).isEqualTo("real-token");
    assertThat(System.getProperty("aws.endpointUrl")).isNull();
    assertThat(System.getProperty("aws.endpointUrlCodeGuruProfiler")).isNull();
    assertThat(System.getProperty("aws.accessKeyId")).isNull();
    assertThat(System.getProperty("aws.secretAccessKey")).isNull();
  }

  static void callWithDefaultClient(FakeCodeGuruProfiler fake, String group) {
    try (CodeGuruProfilerClient client = CodeGuruProfilerClient.create()) {
      client.createProfilingGroup(b -> b.profilingGroupName(group));
    }
    LOG.add(
        group
            + " reached="
            + fake.callCount(Operation.CREATE_PROFILING_GROUP)
            + " endpoint="
            + System.getProperty("aws.endpointUrl").equals(fake.endpoint().toString())
            + " region="
            + System.getProperty("aws.region")
            + " token="
            + System.getProperty("aws.sessionToken"));
  }

  @Disabled(RUN_VIA_KIT)
  static class StaticFieldRedirectTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder()
            .configureFake(f -> f.region("eu-central-1"))
            .pointSdkClientsAtFake(true)
            .build();

    @Test
    void defaultClientReachesTheFake() {
      callWithDefaultClient(fake.getFake(), "static");
    }
  }

  @Disabled(RUN_VIA_KIT)
  static class InstanceFieldRedirectTests {
    @RegisterExtension
    FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder().pointSdkClientsAtFake(true).build();

    @Test
    void first() {
      callWithDefaultClient(fake.getFake(), "first");
    }

    @Test
    void second() {
      callWithDefaultClient(fake.getFake(), "second");
    }
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest(pointSdkClientsAtFake = true)
  static class AnnotationRedirectTests {
    @Test
    void defaultClientReachesTheFake(FakeCodeGuruProfiler fake) {
      callWithDefaultClient(fake, "annotation");
    }
  }

  @Test
  void clientsBuiltWithDefaultsReachTheFakeAndPropertiesAreRestored() {
    Kit.run(StaticFieldRedirectTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    assertRestored();
    Kit.run(InstanceFieldRedirectTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    assertRestored();
    Kit.run(AnnotationRedirectTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    assertRestored();

    assertThat(LOG)
        .containsExactlyInAnyOrder(
            "static reached=1 endpoint=true region=eu-central-1 token=null",
            "first reached=1 endpoint=true region=us-east-1 token=null",
            "second reached=1 endpoint=true region=us-east-1 token=null",
            "annotation reached=1 endpoint=true region=us-east-1 token=null");
  }

  @Test
  void theAnnotationRedirectRunsUnderParallelExecutionWithItsOwnLock() {
    Kit.runConcurrently(AnnotationRedirectTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    assertRestored();
  }

  @Disabled(RUN_VIA_KIT)
  static class UnlockedRedirectTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder().pointSdkClientsAtFake(true).build();

    @Test
    void never() {}
  }

  @Disabled(RUN_VIA_KIT)
  @ResourceLock(Resources.SYSTEM_PROPERTIES)
  static class LockedRedirectTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder().pointSdkClientsAtFake(true).build();

    @Test
    void defaultClientReachesTheFake() {
      callWithDefaultClient(fake.getFake(), "locked");
    }
  }

  @Test
  void underParallelExecutionTheBuilderFormDemandsASystemPropertiesLock() {
    Kit.runConcurrently(UnlockedRedirectTests.class)
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
                        "FakeCodeGuruProfilerExtension field 'fake' in UnlockedRedirectTests has pointSdkClientsAtFake(true),"
                            + " which sets JVM-wide system properties, but parallel execution is enabled and nothing keeps"
                            + " other tests from using them meanwhile. Annotate the test class with"
                            + " @ResourceLock(Resources.SYSTEM_PROPERTIES) (or @Isolated)."))));
    assertRestored();

    Kit.runConcurrently(LockedRedirectTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    assertRestored();
    assertThat(LOG).containsExactly("locked reached=1 endpoint=true region=us-east-1 token=null");
  }
}

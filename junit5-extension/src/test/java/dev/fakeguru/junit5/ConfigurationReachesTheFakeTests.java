package dev.fakeguru.junit5;

import static dev.fakeguru.junit5.Kit.RUN_VIA_KIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.time.SettableClock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * What a test configures, through {@code configureFake} or the annotation's attributes, is what the
 * fake it gets does, as a real SDK client sees it: if an option stopped reaching the fake, the
 * observation here would change.
 */
class ConfigurationReachesTheFakeTests {
  static final List<String> LOG = new CopyOnWriteArrayList<>();
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");

  @BeforeEach
  void clear() {
    LOG.clear();
  }

  /** The SDK exception's status, or 200 when the call succeeded. */
  private static int status(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (SdkException e) {
      return e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s
          ? s.statusCode()
          : -1;
    }
  }

  @Disabled(RUN_VIA_KIT)
  static class BuilderOptionsTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder()
            .configureFake(
                f ->
                    f.bindAddress("127.0.0.2")
                        .accountId("444455556666")
                        .clock(SettableClock.at(T0))
                        .autoCreateProfilingGroups(true)
                        .emptyRangePolicy(EmptyRangePolicy.EMPTY_PROFILE)
                        .codecLimits(CodecLimits.builder().maxDepth(1).build())
                        .profilingGroupQuota(1)
                        .serverThreads(8))
            .build();

    @Test
    void observe(CodeGuruProfilerClient client) {
      LOG.add("endpoint=" + fake.endpoint().getHost());
      client.configureAgent(b -> b.profilingGroupName("auto")); // created on first use
      LOG.add(
          "arn="
              + client
                  .describeProfilingGroup(b -> b.profilingGroupName("auto"))
                  .profilingGroup()
                  .arn());
      LOG.add(
          "emptyRange="
              + status(
                  () ->
                      client.getProfile(
                          b ->
                              b.profilingGroupName("auto")
                                  .startTime(T0.minusSeconds(600))
                                  .endTime(T0.minusSeconds(300)))));
      LOG.add(
          "deepPost="
              + status(
                  () ->
                      client.postAgentProfile(
                          b ->
                              b.profilingGroupName("auto")
                                  .contentType("application/json")
                                  .agentProfile(
                                      SdkBytes.fromUtf8String(
                                          "{\"start\": 1, \"end\": 2, \"callgraph\": {\"children\":"
                                              + " {\"a\": {\"children\": {\"b\": {}}}}}}")))));
      LOG.add(
          "secondGroup="
              + status(
                  () ->
                      client.createProfilingGroup(
                          b -> b.profilingGroupName("second").clientToken("t"))));
    }
  }

  @Test
  void optionsGivenToConfigureFakeReachTheFake() {
    Kit.run(BuilderOptionsTests.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertThat(LOG)
        .containsExactly(
            "endpoint=127.0.0.2",
            "arn=arn:aws:codeguru-profiler:us-east-1:444455556666:profilingGroup/auto",
            "emptyRange=200",
            "deepPost=400",
            "secondGroup=402");
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest(
      clockStart = "2024-01-02T03:00:00Z",
      autoCreateProfilingGroups = true,
      region = "ap-south-1",
      profilingGroups = {"declared-a", "declared-b"})
  static class AnnotationTests {
    @Test
    void observe(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
      LOG.add("clock=" + fake.clock().instant());
      LOG.add("ticking=" + ((SettableClock) fake.clock()).isTicking());
      LOG.add("groups=" + client.listProfilingGroups(b -> {}).profilingGroupNames());
      client.configureAgent(b -> b.profilingGroupName("auto"));
      LOG.add(
          "arn="
              + client
                  .describeProfilingGroup(b -> b.profilingGroupName("auto"))
                  .profilingGroup()
                  .arn());
    }
  }

  @Test
  void attributesOfTheAnnotationReachTheFake() {
    Kit.run(AnnotationTests.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertThat(LOG)
        .containsExactly(
            "clock=2024-01-02T03:00:00Z",
            "ticking=false",
            "groups=[declared-a, declared-b]",
            "arn=arn:aws:codeguru-profiler:ap-south-1:123456789012:profilingGroup/auto");
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  static class AnnotationDefaultsTests {
    @Test
    void observe(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
      LOG.add("ticking=" + ((SettableClock) fake.clock()).isTicking());
      LOG.add(
          "unknownGroup=" + status(() -> client.configureAgent(b -> b.profilingGroupName("x"))));
      LOG.add("region=" + fake.region());
    }
  }

  @Test
  void theAnnotationsDefaultsAreATickingClockNoAutoCreationAndUsEast1() {
    Kit.run(AnnotationDefaultsTests.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertThat(LOG).containsExactly("ticking=true", "unknownGroup=404", "region=us-east-1");
  }
}

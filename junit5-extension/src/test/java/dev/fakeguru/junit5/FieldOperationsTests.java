package dev.fakeguru.junit5;

import static dev.fakeguru.junit5.Kit.RUN_VIA_KIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.ProfilerFake;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.findings.Anomaly;
import dev.fakeguru.findings.Metric;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import dev.fakeguru.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Every operation of the fake is an operation of the extension field, acting on the fake that runs
 * for the current test (there is no forwarding to drift), and the builder reaches the fake only
 * through the fake's own builder.
 */
class FieldOperationsTests {
  static final List<String> LOG = new CopyOnWriteArrayList<>();
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");

  @BeforeEach
  void clear() {
    LOG.clear();
  }

  @Disabled(RUN_VIA_KIT)
  static class FieldTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder()
            .configureFake(
                f ->
                    f.profilingGroup("app")
                        .clock(SettableClock.at(T0))
                        .maxRecordedCalls(2)
                        .accountId("210987654321"))
            .build();

    @Test
    void operationsAreTheFakesOwn(CodeGuruProfilerClient client) {
      ProfilerFake asInterface = fake;
      InjectedFault throttle =
          asInterface.injectFault(ProfilerFault.throttling(), Operation.GET_POLICY, 5);
      LOG.add(
          "active="
              + fake.activeFaults().equals(List.of(throttle))
              + " same="
              + fake.getFake().activeFaults().equals(List.of(throttle)));
      fake.setGetProfileFallback(
          ScriptedProfileResponse.of(
              Profile.builder().start(T0).end(T0.plusSeconds(60)).stack(7, "main").build()));
      byte[] body =
          client
              .getProfile(
                  r ->
                      r.profilingGroupName("any")
                          .startTime(T0)
                          .endTime(T0.plusSeconds(60))
                          .accept("application/json"))
              .profile()
              .asByteArray();
      LOG.add("fallback=" + new String(body).contains("\"main\""));
      client.listProfilingGroups(r -> {});
      client.listProfilingGroups(r -> {});
      LOG.add(
          "evictedCalls="
              + fake.evictedCalls()
              + " running="
              + fake.isRunning()
              + " arn="
              + fake.profilingGroupArn("app"));
      LOG.add("clock=" + fake.clock().instant());
    }

    @AfterAll
    static void afterAll() {
      LOG.add("runningAfterAll=" + fake.isRunning());
    }
  }

  @Test
  void theFieldOffersEveryOperationOfTheFakeOnTheFakeOfTheCurrentTest() {
    Kit.run(FieldTests.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

    assertThat(LOG)
        .containsExactly(
            "active=true same=true",
            "fallback=true",
            "evictedCalls=1 running=true arn=arn:aws:codeguru-profiler:us-east-1:210987654321:profilingGroup/app",
            "clock=" + T0,
            "runningAfterAll=true");
  }

  @Disabled(RUN_VIA_KIT)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class FindingsTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake =
        FakeCodeGuruProfilerExtension.builder()
            .configureFake(f -> f.profilingGroup("app").clock(SettableClock.at(T0)))
            .build();

    @Test
    @Order(1)
    void scriptedOnTheFieldAndReadByTheClient(CodeGuruProfilerClient client) {
      fake.addAnomaly(
          "app",
          Anomaly.builder()
              .metric(Metric.of("Db.query"))
              .reason("slow")
              .instance(T0, T0.plusSeconds(60))
              .build());
      String id = fake.anomalies("app").get(0).instances().get(0).id();
      client.submitFeedback(
          r -> r.profilingGroupName("app").anomalyInstanceId(id).type("Positive"));
      var anomalies =
          client
              .getRecommendations(
                  r -> r.profilingGroupName("app").startTime(T0).endTime(T0.plusSeconds(60)))
              .anomalies();
      LOG.add(
          "anomalies="
              + anomalies.size()
              + " feedback="
              + fake.receivedFeedback().size()
              + " userFeedback="
              + anomalies.get(0).instances().get(0).userFeedback().typeAsString());
    }

    @Test
    @Order(2)
    void forgottenByTheResetBeforeTheNextTest() {
      LOG.add(
          "anomalies="
              + fake.anomalies("app").size()
              + " feedback="
              + fake.receivedFeedback().size());
    }
  }

  @Test
  void findingsScriptedOnTheFieldAreServedAndForgottenBetweenTests() {
    Kit.run(FindingsTests.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));

    assertThat(LOG)
        .containsExactly("anomalies=1 feedback=1 userFeedback=Positive", "anomalies=0 feedback=0");
  }

  @Test
  void betweenTheTestsItServesTheFieldSaysSoInsteadOfActing() {
    FakeCodeGuruProfilerExtension idle = FakeCodeGuruProfilerExtension.builder().build();

    assertThat(idle.isRunning()).isFalse();
    assertThatThrownBy(idle::recordedCalls)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No FakeCodeGuruProfiler is running for this extension");
    assertThatThrownBy(() -> idle.awaitStoredProfiles("app", 1, Duration.ofMillis(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anInvalidFakeOptionFailsWhereItIsConfigured() {
    assertThatThrownBy(
            () -> FakeCodeGuruProfilerExtension.builder().configureFake(f -> f.accountId("12")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accountId must be 12 digits, but was '12'");
  }
}

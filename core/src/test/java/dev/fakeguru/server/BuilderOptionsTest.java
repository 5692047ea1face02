package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.time.SettableClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeguruprofiler.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.codeguruprofiler.model.ValidationException;

/**
 * Each builder option reaches the running fake: a client sees the difference through the real SDK
 * or a raw socket, so an option that stopped being passed on fails here.
 */
class BuilderOptionsTest {
  private static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");

  private static FakeCodeGuruProfiler start(FakeCodeGuruProfiler.Builder b) {
    return b.clock(SettableClock.at(T0.plusSeconds(3600))).start();
  }

  @Test
  void port_listens_on_the_port_given() throws IOException {
    int free;
    try (ServerSocket probe = new ServerSocket(0)) {
      free = probe.getLocalPort();
    }
    try (FakeCodeGuruProfiler fake = start(FakeCodeGuruProfiler.builder().port(free));
        Socket connected = new Socket("127.0.0.1", free)) {
      assertThat(fake.port()).isEqualTo(free);
      assertThat(connected.isConnected()).isTrue();
    }
  }

  @Test
  void bind_address_is_the_only_address_served_and_the_endpoint_names_it() {
    try (FakeCodeGuruProfiler fake =
            start(FakeCodeGuruProfiler.builder().bindAddress("127.0.0.2"));
        CodeGuruProfilerClient sdk = TestClients.sdk(fake)) {
      assertThat(fake.endpoint()).hasToString("http://127.0.0.2:" + fake.port());
      assertThat(sdk.listProfilingGroups(b -> {}).profilingGroupNames()).isEmpty();
      assertThat(
              catchThrowableOfType(
                  ConnectException.class, () -> new Socket("127.0.0.1", fake.port())))
          .as("a connection to another loopback address")
          .isNotNull();
    }
  }

  @Test
  void bind_address_of_every_interface_gives_a_loopback_endpoint() {
    try (FakeCodeGuruProfiler fake = start(FakeCodeGuruProfiler.builder().bindAddress("0.0.0.0"))) {
      assertThat(fake.endpoint()).hasToString("http://127.0.0.1:" + fake.port());
    }
  }

  @Test
  void region_and_account_id_are_in_every_arn() {
    try (FakeCodeGuruProfiler fake =
            start(
                FakeCodeGuruProfiler.builder()
                    .region("eu-west-1")
                    .accountId("111122223333")
                    .profilingGroup("app"));
        CodeGuruProfilerClient sdk = TestClients.sdk(fake)) {
      assertThat(
              sdk.describeProfilingGroup(b -> b.profilingGroupName("app")).profilingGroup().arn())
          .isEqualTo("arn:aws:codeguru-profiler:eu-west-1:111122223333:profilingGroup/app");
      assertThat(fake.region()).isEqualTo("eu-west-1");
      assertThat(fake.accountId()).isEqualTo("111122223333");
    }
  }

  @Test
  void auto_create_profiling_groups_creates_an_unknown_group_on_first_use() {
    try (FakeCodeGuruProfiler auto =
            start(FakeCodeGuruProfiler.builder().autoCreateProfilingGroups(true));
        FakeCodeGuruProfiler strict = start(FakeCodeGuruProfiler.builder());
        CodeGuruProfilerClient autoSdk = TestClients.sdk(auto);
        CodeGuruProfilerClient strictSdk = TestClients.sdk(strict)) {
      post(autoSdk, "fresh", Profile.builder(T0, T0.plusSeconds(60)).stack(1, "m").build());
      assertThat(auto.profilingGroupNames()).containsExactly("fresh");

      assertThat(
              catchThrowableOfType(
                  ResourceNotFoundException.class,
                  () -> strictSdk.configureAgent(b -> b.profilingGroupName("fresh"))))
          .isNotNull();
      assertThat(strict.profilingGroupNames()).isEmpty();
    }
  }

  @Test
  void empty_range_policy_decides_what_a_range_without_data_answers() {
    try (FakeCodeGuruProfiler empty =
            start(
                FakeCodeGuruProfiler.builder()
                    .profilingGroup("app")
                    .emptyRangePolicy(EmptyRangePolicy.EMPTY_PROFILE));
        FakeCodeGuruProfiler notFound =
            start(FakeCodeGuruProfiler.builder().profilingGroup("app"));
        CodeGuruProfilerClient emptySdk = TestClients.sdk(empty);
        CodeGuruProfilerClient notFoundSdk = TestClients.sdk(notFound)) {
      byte[] answer =
          emptySdk
              .getProfile(
                  b ->
                      b.profilingGroupName("app")
                          .startTime(T0)
                          .endTime(T0.plusSeconds(300))
                          .accept("application/json"))
              .profile()
              .asByteArray();
      Profile p = ProfileCodec.defaults().decode(answer, ProfileFormat.JSON);
      assertThat(p.totalCounts()).isEmpty();
      assertThat(p.start()).isEqualTo(T0);

      assertThat(
              catchThrowableOfType(
                  ResourceNotFoundException.class,
                  () ->
                      notFoundSdk.getProfile(
                          b ->
                              b.profilingGroupName("app")
                                  .startTime(T0)
                                  .endTime(T0.plusSeconds(300)))))
          .isNotNull();
    }
  }

  @Test
  void codec_limits_refuse_a_post_over_them() {
    Profile deep = Profile.builder(T0, T0.plusSeconds(60)).stack(1, "a", "b", "c").build();
    try (FakeCodeGuruProfiler fake =
            start(
                FakeCodeGuruProfiler.builder()
                    .profilingGroup("app")
                    .codecLimits(CodecLimits.builder().maxDepth(2).build()));
        CodeGuruProfilerClient sdk = TestClients.sdk(fake)) {
      ValidationException refused =
          catchThrowableOfType(ValidationException.class, () -> post(sdk, "app", deep));

      assertThat(refused.awsErrorDetails().errorMessage()).contains("limit maxDepth");
      assertThat(fake.storedProfiles()).isEmpty();
    }
  }

  @Test
  void profiling_group_quota_refuses_a_group_beyond_it() {
    try (FakeCodeGuruProfiler fake =
            start(FakeCodeGuruProfiler.builder().profilingGroup("first").profilingGroupQuota(1));
        CodeGuruProfilerClient sdk = TestClients.sdk(fake)) {
      ServiceQuotaExceededException refused =
          catchThrowableOfType(
              ServiceQuotaExceededException.class,
              () -> sdk.createProfilingGroup(b -> b.profilingGroupName("second").clientToken("t")));

      assertThat(refused.statusCode()).isEqualTo(402);
      assertThat(fake.profilingGroupNames()).containsExactly("first");
    }
  }

  @Test
  void default_agent_configuration_is_what_configure_agent_answers() {
    try (FakeCodeGuruProfiler fake =
            start(
                FakeCodeGuruProfiler.builder()
                    .profilingGroup("app")
                    .defaultAgentConfiguration(AgentConfiguration.fastReporting(7)));
        CodeGuruProfilerClient sdk = TestClients.sdk(fake)) {
      var configuration = sdk.configureAgent(b -> b.profilingGroupName("app")).configuration();

      assertThat(configuration.periodInSeconds()).isEqualTo(7);
      assertThat(configuration.agentParametersAsStrings())
          .containsEntry("ReportingIntervalInMilliseconds", "7000");
    }
  }

  /**
   * The server threads that handle calls, seen from a fault predicate (which runs on them) that
   * holds each call until 9 are in at once or 250 ms passed, so that calls overlap: never more than
   * the pool, and more than a small pool holds when the pool is large. (An injected delay no longer
   * holds a thread, so it cannot make calls overlap.)
   */
  @Test
  void server_threads_bounds_how_many_threads_handle_calls_at_once() throws Exception {
    assertThat(threadsHandling(16, 8)).as("threads of a pool of 8").hasSizeLessThanOrEqualTo(8);
    assertThat(threadsHandling(16, 32)).as("threads of a pool of 32").hasSizeGreaterThan(8);
  }

  private static Set<String> threadsHandling(int concurrentCalls, int serverThreads)
      throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    try (FakeCodeGuruProfiler fake =
            start(
                FakeCodeGuruProfiler.builder().profilingGroup("app").serverThreads(serverThreads));
        CodeGuruProfilerClient sdk = TestClients.sdk(fake)) {
      CountDownLatch nineAtOnce = new CountDownLatch(9);
      fake.injectFault(
          FaultRule.of(ProfilerFault.delay(Duration.ofMillis(1)))
              .when(
                  r -> {
                    threads.add(Thread.currentThread().getName());
                    nineAtOnce.countDown();
                    try {
                      nineAtOnce.await(250, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    return false;
                  }));
      ExecutorService pool = Executors.newFixedThreadPool(concurrentCalls);
      try {
        CyclicBarrier together = new CyclicBarrier(concurrentCalls);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < concurrentCalls; i++) {
          calls.add(
              pool.submit(
                  () -> {
                    together.await(30, TimeUnit.SECONDS);
                    return sdk.describeProfilingGroup(b -> b.profilingGroupName("app"));
                  }));
        }
        for (Future<?> call : calls) {
          call.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    return threads;
  }

  private static void post(CodeGuruProfilerClient sdk, String group, Profile p) {
    sdk.postAgentProfile(
        b ->
            b.profilingGroupName(group)
                .contentType("application/json")
                .agentProfile(
                    SdkBytes.fromByteArray(ProfileCodec.defaults().encode(p, ProfileFormat.JSON))));
  }
}

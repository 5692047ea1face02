package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.fakeguru.FakeCodeGuruProfiler;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/** The fake's lifecycle (new, running, closed) and the builder's preconditions. */
class LifecycleAndBuilderTest {

  @Test
  void a_built_fake_is_not_running_and_has_no_port_or_endpoint_yet() {
    try (FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder().build()) {
      assertThat(fake.isRunning()).isFalse();
      assertThatIllegalStateException()
          .isThrownBy(fake::port)
          .withMessage("port() needs a started fake, but it is new; call start() first.");
      assertThatIllegalStateException()
          .isThrownBy(fake::endpoint)
          .withMessage("endpoint() needs a started fake, but it is new; call start() first.");
      assertThat(fake).hasToString("FakeCodeGuruProfiler[new, groups=[]]");
    }
  }

  @Test
  void start_serves_and_a_second_start_changes_nothing() {
    try (FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder().build()) {
      assertThat(fake.start()).isSameAs(fake);
      int port = fake.port();

      assertThat(fake.start()).isSameAs(fake);

      assertThat(fake.isRunning()).isTrue();
      assertThat(fake.port()).isEqualTo(port).isPositive();
      assertThat(fake.endpoint()).hasToString("http://127.0.0.1:" + port);
    }
  }

  @Test
  void a_closed_fake_cannot_be_restarted_and_says_so() {
    FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder().start();
    fake.close();

    assertThat(fake.isRunning()).isFalse();
    assertThatIllegalStateException()
        .isThrownBy(fake::start)
        .withMessage(
            "This FakeCodeGuruProfiler was closed and cannot be restarted; build a new one.");
    assertThatIllegalStateException()
        .isThrownBy(fake::port)
        .withMessage("port() needs a started fake, but it is closed; call start() first.");
    assertThat(fake).hasToString("FakeCodeGuruProfiler[closed, groups=[]]");
  }

  @Test
  void close_is_idempotent_and_also_closes_a_fake_never_started() {
    FakeCodeGuruProfiler never = FakeCodeGuruProfiler.builder().build();
    never.close();
    never.close();
    assertThatIllegalStateException().isThrownBy(never::start);

    FakeCodeGuruProfiler started = FakeCodeGuruProfiler.builder().start();
    started.close();
    started.close();
    assertThat(started.isRunning()).isFalse();
  }

  @Test
  void the_builder_is_copied_so_later_changes_do_not_reach_a_built_fake() {
    FakeCodeGuruProfiler.Builder builder = FakeCodeGuruProfiler.builder().profilingGroup("first");
    try (FakeCodeGuruProfiler fake = builder.build()) {
      builder.profilingGroup("second").region("eu-west-1");

      assertThat(fake.profilingGroupNames()).containsExactly("first");
      assertThat(fake.region()).isEqualTo("us-east-1");
    }
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        invalid("port -1", b -> b.port(-1), "port must be 0..65535, but was -1"),
        invalid("port 65536", b -> b.port(65536), "port must be 0..65535, but was 65536"),
        invalid(
            "accountId of 11 digits",
            b -> b.accountId("12345678901"),
            "accountId must be 12 digits, but was '12345678901'"),
        invalid(
            "accountId with letters",
            b -> b.accountId("12345678901x"),
            "accountId must be 12 digits, but was '12345678901x'"),
        invalid(
            "accountId null",
            b -> b.accountId(null),
            "accountId must be 12 digits, but was 'null'"),
        invalid(
            "profilingGroupQuota 0",
            b -> b.profilingGroupQuota(0),
            "profilingGroupQuota must be >= 1, but was 0"),
        invalid(
            "serverThreads 3", b -> b.serverThreads(3), "serverThreads must be >= 4, but was 3"),
        invalid(
            "maxRecordedCalls 0",
            b -> b.maxRecordedCalls(0),
            "maxRecordedCalls must be >= 1, but was 0"),
        invalid(
            "maxRecordedProfilePosts 0",
            b -> b.maxRecordedProfilePosts(0),
            "maxRecordedProfilePosts must be >= 1, but was 0"),
        invalid(
            "a profiling group with a space",
            b -> b.profilingGroup("no spaces"),
            "A profiling group name must be 1 to 255 characters of [A-Za-z0-9_-], but was 'no spaces'"),
        invalid(
            "a profiling group of 256 characters",
            b -> b.profilingGroup("a".repeat(256)),
            "A profiling group name must be 1 to 255 characters of [A-Za-z0-9_-], but was '"
                + "a".repeat(256)
                + "'"));
  }

  private static Arguments invalid(
      String what, Consumer<FakeCodeGuruProfiler.Builder> option, String message) {
    return Arguments.of(what, option, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidOptions")
  void an_invalid_option_is_refused_where_it_is_set(
      String what, Consumer<FakeCodeGuruProfiler.Builder> option, String message) {
    FakeCodeGuruProfiler.Builder builder = FakeCodeGuruProfiler.builder();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> option.accept(builder))
        .withMessage(message);
  }

  @Test
  void the_smallest_valid_options_are_accepted() {
    try (FakeCodeGuruProfiler fake =
        FakeCodeGuruProfiler.builder()
            .port(0)
            .profilingGroupQuota(1)
            .maxRecordedCalls(1)
            .maxRecordedProfilePosts(1)
            .accountId("000000000000")
            .profilingGroup("a".repeat(255))
            .start()) {
      assertThat(fake.isRunning()).isTrue();
    }
  }

  /**
   * Found by this suite: Jetty leases acceptor, selector and reserved threads from the same pool
   * and refused to start when they left none for requests. The transport takes one acceptor, one
   * selector and no reserved threads, so the documented minimum starts and serves on any machine.
   */
  @Test
  void the_documented_minimum_of_four_server_threads_starts_and_serves() {
    try (FakeCodeGuruProfiler fake =
            FakeCodeGuruProfiler.builder().profilingGroup("app").serverThreads(4).start();
        CodeGuruProfilerClient client = TestClients.sdk(fake)) {
      assertThat(fake.isRunning()).isTrue();
      assertThat(
              client
                  .describeProfilingGroup(r -> r.profilingGroupName("app"))
                  .profilingGroup()
                  .name())
          .isEqualTo("app");
    }
  }

  @Test
  void null_options_are_refused_with_their_name() {
    FakeCodeGuruProfiler.Builder b = FakeCodeGuruProfiler.builder();
    assertThatNullPointerException()
        .isThrownBy(() -> b.bindAddress(null))
        .withMessage("bindAddress");
    assertThatNullPointerException().isThrownBy(() -> b.region(null)).withMessage("region");
    assertThatNullPointerException().isThrownBy(() -> b.clock(null)).withMessage("clock");
    assertThatNullPointerException()
        .isThrownBy(() -> b.defaultAgentConfiguration(null))
        .withMessage("configuration");
    assertThatNullPointerException()
        .isThrownBy(() -> b.emptyRangePolicy(null))
        .withMessage("policy");
    assertThatNullPointerException().isThrownBy(() -> b.codecLimits(null)).withMessage("limits");
    assertThatNullPointerException()
        .isThrownBy(() -> b.dataDirectory(null))
        .withMessage("directory");
    assertThatNullPointerException()
        .isThrownBy(() -> b.requireSignatures(null, "s"))
        .withMessage("accessKeyId");
    assertThatNullPointerException()
        .isThrownBy(() -> b.requireSignatures("k", null))
        .withMessage("secretAccessKey");
  }
}

package dev.fakeguru.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.FakeCodeGuruProfiler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

  @Test
  void defaults() throws Exception {
    Options o = Options.parse();
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.bind()).isEqualTo("127.0.0.1");
    assertThat(o.region()).isEqualTo("us-east-1");
    assertThat(o.accountId()).isEqualTo("123456789012");
    assertThat(o.groups()).isEmpty();
    assertThat(o.autoCreateGroups()).isFalse();
    assertThat(o.dataDirectory()).isEmpty();
    assertThat(o.adminToken()).isEmpty();
    assertThat(o.adminApi()).isTrue();
    assertThat(o.clockStart()).isEmpty();
    assertThat(o.frozenClock()).isFalse();
    assertThat(o.scenario()).isEmpty();
    assertThat(o.trainingRun()).isFalse();
    assertThat(o.help()).isFalse();
  }

  @Test
  void a_training_run_takes_no_value_and_no_scenario() throws Exception {
    assertThat(Options.parse("--port", "0", "--training-run").trainingRun()).isTrue();
    assertThatThrownBy(() -> Options.parse("--training-run=yes"))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage("--training-run takes no value");
  }

  @ParameterizedTest
  @CsvSource({
    "--scenario full --scenario-group g",
    "--data-dir /tmp/fg",
    "--require-signatures AKID:secret",
    "--no-admin",
    "--admin-token t"
  })
  void a_training_run_refuses_what_would_fail_it_or_keep_its_data(String line) {
    assertThatThrownBy(() -> Options.parse(("--training-run " + line).split(" ")))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage(
            "--training-run cannot be combined with --scenario, --data-dir, --require-signatures,"
                + " --no-admin or --admin-token");
  }

  @Test
  void a_scenario_names_its_group_and_takes_a_period() throws Exception {
    assertThat(Options.parse("--scenario", "full", "--scenario-group=my-app").scenario())
        .contains(new Options.Scenario("full", "my-app", 10));
    assertThat(
            Options.parse("--scenario=steady", "--scenario-group", "g", "--scenario-period", "2")
                .scenario())
        .contains(new Options.Scenario("steady", "g", 2));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--scenario full | --scenario needs --scenario-group NAME, the agent's profiling group",
        "--scenario chaos --scenario-group g | --scenario needs one of [steady, full], but got"
            + " 'chaos'",
        "--scenario-group g | --scenario-group and --scenario-period need --scenario NAME",
        "--scenario full --scenario-group g --scenario-period 0 | --scenario-period needs a whole"
            + " number of seconds, at least 1, but got '0'",
        "--scenario full --scenario-group a/b | --scenario-group needs a profiling-group name of 1"
            + " to 255 characters of [A-Za-z0-9_-], but got 'a/b'"
      })
  void bad_scenario_options_say_what_is_wrong(String line, String message) {
    assertThatThrownBy(() -> Options.parse(line.split(" ")))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage(message);
  }

  @Test
  void clock_options() throws Exception {
    Options o = Options.parse("--clock-start", "2024-01-02T03:00:00Z", "--frozen-clock");
    assertThat(o.clockStart()).contains(java.time.Instant.parse("2024-01-02T03:00:00Z"));
    assertThat(o.frozenClock()).isTrue();
    assertThat(Main.clock(o).instant()).isEqualTo(java.time.Instant.parse("2024-01-02T03:00:00Z"));
  }

  @Test
  void require_signatures_takes_one_key_and_secret() throws Exception {
    assertThat(Options.parse().signingCredentials()).isEmpty();
    Options o = Options.parse("--require-signatures=AKIDTEST:secret:with:colons");
    assertThat(o.signingCredentials())
        .contains(new Options.SigningCredentials("AKIDTEST", "secret:with:colons"));
    assertThat(o.signingCredentials().orElseThrow().toString()).doesNotContain("with:colons");
  }

  @Test
  void by_default_the_clock_follows_the_system_clock_even_after_a_reset() throws Exception {
    dev.fakeguru.time.SettableClock clock = Main.clock(Options.parse());
    assertThat(clock.isTicking()).isTrue();
    clock.advance(java.time.Duration.ofDays(3));
    clock.reset(); // what POST /__fakeguru/reset does: back to now, not to when the server started
    assertThat(clock.instant())
        .isCloseTo(
            java.time.Instant.now(),
            org.assertj.core.api.Assertions.within(2, java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void every_option_in_both_spellings() throws Exception {
    Options o =
        Options.parse(
            "--port",
            "0",
            "--bind=0.0.0.0",
            "--region",
            "eu-west-1",
            "--account-id=000011112222",
            "--create-group",
            "a",
            "--create-group=b",
            "--create-group",
            "a",
            "--auto-create-groups",
            "--data-dir",
            "/tmp/fg",
            "--admin-token=s3cret",
            "--allow-origin",
            "http://localhost:9876",
            "--allow-origin=https://tests.example:8443",
            "--max-recorded-bytes",
            "1000000",
            "--max-aggregated-nodes=5000");
    assertThat(o.port()).isZero();
    assertThat(o.bind()).isEqualTo("0.0.0.0");
    assertThat(o.region()).isEqualTo("eu-west-1");
    assertThat(o.accountId()).isEqualTo("000011112222");
    assertThat(o.groups()).containsExactly("a", "b");
    assertThat(o.autoCreateGroups()).isTrue();
    assertThat(o.dataDirectory()).contains(Path.of("/tmp/fg"));
    assertThat(o.adminToken()).contains("s3cret");
    assertThat(o.allowedOrigins())
        .containsExactly("http://localhost:9876", "https://tests.example:8443");
    assertThat(o.maxRecordedBytes()).contains(1_000_000L);
    assertThat(o.maxAggregatedNodes()).contains(5_000L);
    assertThat(Options.parse().maxAggregatedNodes()).isEmpty();
    assertThat(Options.parse("--no-admin").adminApi()).isFalse();
    assertThat(Options.parse("--help").help()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--port abc                  | --port needs a number from 0 to 65535, but got 'abc'",
        "--port 70000                | --port needs a number from 0 to 65535, but got 70000",
        "--port                      | --port needs a value",
        "--port --no-admin           | --port needs a value",
        "--bogus                     | unknown option --bogus",
        "extra                       | unexpected argument 'extra'",
        "--account-id 12             | --account-id needs 12 digits",
        "--region US_EAST            | --region needs a region name",
        "--create-group a/b          | --create-group needs a profiling-group name",
        "--no-admin=yes              | --no-admin takes no value",
        "--no-admin --admin-token t  | --admin-token makes no sense with --no-admin",
        "--bind=                     | --bind needs a non-empty value",
        "--clock-start yesterday     | --clock-start needs an ISO-8601 instant",
        "--allow-origin localhost    | --allow-origin needs an origin such as http://localhost:9876",
        "--allow-origin http://a/b   | --allow-origin needs an origin",
        "--max-recorded-bytes 0      | --max-recorded-bytes needs a whole number of at least 1",
        "--max-aggregated-nodes lots | --max-aggregated-nodes needs a whole number of at least 1",
      })
  void bad_command_lines_name_the_option(String line, String message) {
    assertThatThrownBy(() -> Options.parse(line.split(" ")))
        .isInstanceOf(Options.UsageException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void the_builder_turns_the_admin_api_on_with_the_given_settings() throws Exception {
    try (FakeCodeGuruProfiler fake =
        Main.builder(
                Options.parse(
                    "--port",
                    "0",
                    "--create-group",
                    "my-app",
                    "--admin-token",
                    "t",
                    "--region",
                    "eu-west-1"))
            .start()) {
      assertThat(fake.profilingGroupNames()).containsExactly("my-app");
      assertThat(fake.adminToken()).contains("t");
      assertThat(fake.region()).isEqualTo("eu-west-1");
      assertThat(fake.port()).isPositive();
    }
  }
}

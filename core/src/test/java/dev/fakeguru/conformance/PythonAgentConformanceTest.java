package dev.fakeguru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.server.RecordedTraffic;
import dev.fakeguru.time.SettableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real Python agent (1.2.6), judged from the traffic it sent to a recording server
 * (fixtures/wire/pyagent-*): replayed byte for byte to the fake over real HTTP, each request at the
 * instant it was recorded on the fake's clock, with the fake answering what the recorder answered.
 * Its normal cycle and its reaction to 429s, 500s and 404s all conform.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PythonAgentConformanceTest {

  /**
   * What the recorder answered the agent's ConfigureAgent: periodInSeconds 10 (fixtures README) and
   * 100 ms sampling (the only interval that fits the 259-byte body). The body leaves
   * MinimumTimeForReportingInMilliseconds at 1000, 2000, 5000 or 8000, and the final flush 7.0 s
   * after the previous post rules out 8000; 1000 is what the agent's own acceptance test uses.
   */
  static final AgentConfiguration RECORDED_ANSWER =
      new AgentConfiguration(
          true,
          10,
          Map.of(
              AgentConfiguration.SAMPLING_INTERVAL_IN_MILLISECONDS, "100",
              AgentConfiguration.MINIMUM_TIME_FOR_REPORTING_IN_MILLISECONDS, "1000",
              AgentConfiguration.MAX_STACK_DEPTH, "1000",
              AgentConfiguration.MEMORY_USAGE_LIMIT_PERCENT, "10",
              AgentConfiguration.REPORTING_INTERVAL_IN_MILLISECONDS, "10000"));

  /**
   * Replays {@code client}'s recording on a fake that fails every call of its group with {@code
   * fault}.
   */
  static ConformanceReport replay(String client, ProfilerFault fault) {
    List<JsonNode> requests = RecordedTraffic.read(client);
    String group = requests.get(0).get("profiling_group").asText();
    SettableClock clock = SettableClock.at(at(requests.get(0)));
    try (FakeCodeGuruProfiler fake =
        FakeCodeGuruProfiler.builder()
            .clock(clock)
            .profilingGroup(group)
            .defaultAgentConfiguration(RECORDED_ANSWER)
            .start()) {
      if (fault != null) {
        fake.injectFault(FaultRule.of(fault).forProfilingGroup(group));
      }
      for (JsonNode r : requests) {
        clock.set(at(r));
        assertThat(RecordedTraffic.send(fake.endpoint(), r).statusCode())
            .as("#" + r.get("seq").asInt() + " " + r.get("raw_path").asText())
            .isEqualTo(r.get("response_status").asInt());
      }
      return fake.conformance(group);
    }
  }

  private static Instant at(JsonNode r) {
    return Instant.ofEpochMilli(r.get("t_epoch_ms").asLong());
  }

  @Test
  void the_python_agents_cycle_conforms() {
    ConformanceReport report = replay("pyagent", null);

    assertThat(report.passes()).as(report.toText()).isTrue();
    assertThat(report.agentCalls()).isEqualTo(4);
    assertThat(report.verdicts())
        .as(report.toText())
        .filteredOn(v -> v.verdict() == Verdict.NOT_OBSERVED)
        .extracting(RuleVerdict::rule)
        .containsExactly(
            ConformanceRule.SHOULD_PROFILE_FALSE_HONOURED,
            ConformanceRule.RETRY_BACKOFF,
            ConformanceRule.NO_RETRY_AFTER_CLIENT_ERROR,
            ConformanceRule.STOP_AFTER_CONFIGURE_AGENT_404);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"pyagent-err429, 429", "pyagent-err500, 500"})
  void the_python_agents_retries_conform(String client, int status) {
    ConformanceReport report =
        replay(client, status == 429 ? ProfilerFault.throttling() : ProfilerFault.internalError());

    assertThat(report.passes()).as(report.toText()).isTrue();
    // botocore's standard mode: 3 attempts per post under one token, jittered backoff
    assertThat(report.verdict(ConformanceRule.PROFILE_TOKEN).evidence())
        .as(report.toText())
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.description()).contains("with its profileToken"));
    assertThat(report.verdict(ConformanceRule.RETRY_BACKOFF).verdict()).isEqualTo(Verdict.PASS);
    assertThat(report.verdict(ConformanceRule.RETRY_BACKOFF).summary())
        .isEqualTo("8 retry gaps judged, none broke the rule");
  }

  @Test
  void the_python_agent_stops_after_a_404() {
    ConformanceReport report =
        replay("pyagent-err404", ProfilerFault.notFound("Profiling group does not exist."));

    assertThat(report.passes()).as(report.toText()).isTrue();
    assertThat(report.verdict(ConformanceRule.STOP_AFTER_CONFIGURE_AGENT_404).verdict())
        .isEqualTo(Verdict.PASS);
    assertThat(report.verdict(ConformanceRule.NO_RETRY_AFTER_CLIENT_ERROR).verdict())
        .isEqualTo(Verdict.PASS);
  }
}

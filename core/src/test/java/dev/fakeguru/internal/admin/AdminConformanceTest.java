package dev.fakeguru.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.conformance.ConformanceRule;
import dev.fakeguru.internal.admin.AdminApiTest.Answer;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * {@code GET /__fakeguru/conformance} over real HTTP: the same report as the Java API's {@code
 * conformance(group)}, as JSON or as its plain text, with the evidence of every failed rule.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdminConformanceTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");

  static final SettableClock clock = SettableClock.at(T0);
  static FakeCodeGuruProfiler fake;
  static CodeGuruProfilerClient client;

  @BeforeAll
  static void start() {
    fake = FakeCodeGuruProfiler.builder().clock(clock).profilingGroup("g").adminApi(true).start();
    client = AdminApiTest.sdk(fake);
  }

  @AfterAll
  static void stop() {
    client.close();
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset(); // the clock goes back to T0 too
  }

  /** An agent that posts before it ever calls ConfigureAgent. */
  void postThenConfigure() {
    clock.advance(Duration.ofSeconds(10));
    Profile p = Profile.builder().start(T0).end(T0.plusSeconds(9)).stack(9, "main").build();
    client.postAgentProfile(
        r ->
            r.profilingGroupName("g")
                .contentType("application/json")
                .agentProfile(SdkBytes.fromByteArray(AdminApiTest.json(p))));
    clock.advance(Duration.ofSeconds(1));
    client.configureAgent(r -> r.profilingGroupName("g"));
  }

  Answer get(String path, String... headers) {
    return AdminApiTest.call(fake, "GET", path, null, headers);
  }

  @Test
  void the_json_report_has_every_rule_with_the_evidence_of_the_failures() {
    postThenConfigure();

    Answer answer = get("conformance?group=g");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode report = answer.json();
    assertThat(report.path("profilingGroup").asText()).isEqualTo("g");
    assertThat(report.path("passes").asBoolean()).isFalse();
    assertThat(report.path("agentCalls").asInt()).isEqualTo(2);
    assertThat(report.path("firstCallAt").asText()).isEqualTo("2024-01-02T03:00:10Z");
    assertThat(report.path("rules")).hasSize(ConformanceRule.values().length);
    JsonNode first = report.path("rules").get(0);
    assertThat(first.path("rule").asText()).isEqualTo("first-call-configure-agent");
    assertThat(first.path("verdict").asText()).isEqualTo("FAIL");
    assertThat(first.path("source").asText()).startsWith("Spec §9");
    JsonNode evidence = first.path("evidence").get(0);
    assertThat(evidence.path("sequences")).extracting(JsonNode::asLong).containsExactly(1L);
    assertThat(evidence.path("at").asText()).isEqualTo("2024-01-02T03:00:10Z");
    assertThat(evidence.path("description").asText())
        .isEqualTo("PostAgentProfile came before any ConfigureAgent");
    assertThat(report.path("counts").path("FAIL").asInt()).isPositive();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"conformance?group=g&format=text, ''", "conformance?group=g, text/plain"})
  void the_text_report_is_the_java_apis_text(String path, String accept) {
    postThenConfigure();

    Answer answer = accept.isEmpty() ? get(path) : get(path, "Accept", accept);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.raw().headers().firstValue("Content-Type"))
        .contains("text/plain; charset=utf-8");
    assertThat(new String(answer.raw().body(), StandardCharsets.UTF_8))
        .isEqualTo(fake.conformance("g").toText())
        .contains("FAIL         first-call-configure-agent: ")
        .contains("#1 (+0.000 s) PostAgentProfile came before any ConfigureAgent");
  }

  @Test
  void an_explicit_format_wins_over_accept() {
    postThenConfigure();

    Answer answer = get("conformance?group=g&format=json", "Accept", "text/plain");

    assertThat(answer.raw().headers().firstValue("Content-Type")).contains("application/json");
    assertThat(answer.json().path("profilingGroup").asText()).isEqualTo("g");
  }

  @Test
  void since_narrows_the_window() {
    postThenConfigure();

    JsonNode report = get("conformance?group=g&since=2024-01-02T03:00:11Z").json();

    assertThat(report.path("since").asText()).isEqualTo("2024-01-02T03:00:11Z");
    assertThat(report.path("agentCalls").asInt()).isEqualTo(1);
    assertThat(report.path("rules").get(0).path("verdict").asText()).isEqualTo("NOT_OBSERVED");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "conformance | The query parameter 'group' is required.",
        "conformance?group=g&since=yesterday | since must be an ISO-8601 instant such as"
            + " 2024-01-02T03:00:00Z, but was 'yesterday'.",
        "conformance?group=g&format=xml | format must be 'json' or 'text', but was 'xml'.",
        "conformance?group=g&until=x | The query parameter 'until' is unknown; known are [group,"
            + " since, format]."
      })
  void bad_requests_are_refused_naming_the_parameter(String path, String message) {
    Answer answer = get(path);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).isEqualTo(message);
  }
}

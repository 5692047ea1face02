package dev.fakeguru.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.samples.RegressionGate.RegressionException;
import dev.fakeguru.samples.RegressionGate.Verdict;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Scripted GetProfile answers. The regression gate asks for a baseline and a current profile;
 * instead of posting and aggregating real data, the test queues the two answers it wants, first in
 * first out. Strict mode also fails the test if a queued answer is never served.
 */
@FakeCodeGuruProfilerTest(profilingGroups = "checkout", failOnUnexpectedCalls = true)
class ScriptedGetProfileForTheGateTest {
  static final Instant LAST_WEEK = Instant.parse("2024-01-01T00:00:00Z");
  static final Instant YESTERDAY = Instant.parse("2024-01-07T00:00:00Z");
  static final Instant TODAY = Instant.parse("2024-01-08T00:00:00Z");

  /**
   * A day of samples: {@code queryDb} in {@code queryDb} of 100 stacks, once even when it recurses.
   */
  static Profile day(Instant start, long queryDb) {
    return Profile.builder(start, start.plusSeconds(86_400))
        .stack(queryDb, "main", "handle", "queryDb", "retry", "queryDb") // recursion counts once
        .stack(100 - queryDb, "main", "handle", "render")
        .build();
  }

  @Test
  void passesWhenTheShareGrewByLessThanTheThreshold(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    // tag::scripted-get-profile[]
    // Queue the two answers the gate will get, in the order it asks: baseline, then current.
    fake.enqueueGetProfile("checkout", ScriptedProfileResponse.of(day(LAST_WEEK, 20)));
    fake.enqueueGetProfile("checkout", ScriptedProfileResponse.of(day(YESTERDAY, 24)));

    Verdict verdict =
        new RegressionGate(client, "checkout", "queryDb", 5.0)
            .check(LAST_WEEK, YESTERDAY, YESTERDAY, TODAY);

    assertThat(verdict.passed()).isTrue();
    assertThat(verdict.growthInPoints()).isCloseTo(4.0, within(1e-9));
    assertThat(verdict.message()).startsWith("PASS: share of 'queryDb' 20.0% -> 24.0%");
    // end::scripted-get-profile[]

    // The gate asked for JSON, for the windows it was given.
    RecordedCall first = fake.recordedCalls(Operation.GET_PROFILE).get(0);
    assertThat(first.header("Accept")).hasValue("application/json");
    assertThat(first.queryParameter("startTime"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("2024-01-01T00:00:00"));
  }

  @Test
  void failsWhenTheShareGrewByMoreThanTheThreshold(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    fake.enqueueGetProfile("checkout", ScriptedProfileResponse.of(day(LAST_WEEK, 20)));
    fake.enqueueGetProfile("checkout", ScriptedProfileResponse.of(day(YESTERDAY, 35)));

    RegressionGate gate = new RegressionGate(client, "checkout", "queryDb", 5.0);

    assertThatThrownBy(() -> gate.enforce(LAST_WEEK, YESTERDAY, YESTERDAY, TODAY))
        .isInstanceOf(RegressionException.class)
        .hasMessage(
            "FAIL: share of 'queryDb' 20.0% -> 35.0% (+15.0 pp, allowed +5.0 pp) in profiling group 'checkout'");
  }

  @Test
  void aFailingGateShowsTheRegressionAsADifferentialFlameGraph(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) throws Exception {
    fake.enqueueGetProfile("checkout", ScriptedProfileResponse.of(day(LAST_WEEK, 20)));
    fake.enqueueGetProfile("checkout", ScriptedProfileResponse.of(day(YESTERDAY, 35)));

    // tag::regression-gate-flame-graph[]
    Verdict verdict =
        new RegressionGate(client, "checkout", "queryDb", 5.0)
            .check(LAST_WEEK, YESTERDAY, YESTERDAY, TODAY);

    if (!verdict.passed()) {
      // Width: today's samples; colour: how much each frame's share changed (red grew, blue
      // shrank); queryDb highlighted. One HTML file with no external resources, for the CI
      // artifacts.
      Path picture = verdict.flameGraph().writeHtml(Path.of("target/fakeguru/checkout-gate.html"));
      System.out.println(verdict.message() + "\nSee " + picture.toAbsolutePath());
    }
    // end::regression-gate-flame-graph[]

    assertThat(verdict.passed()).isFalse();
    String html = Files.readString(Path.of("target/fakeguru/checkout-gate.html"));
    assertThat(html)
        .contains("data-kind=\"diff\"")
        .contains("data-search=\"queryDb\"")
        .contains("FAIL: share of &#39;queryDb&#39; 20.0% -&gt; 35.0%");
  }

  @Test
  void aScriptedAnswerIgnoresAcceptWhenItsFormatIsFixedAndCanBeGzipped(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    // The service may answer in a format the client did not ask for, compressed: the gate copes.
    fake.enqueueGetProfile(
        "checkout",
        ScriptedProfileResponse.of(day(LAST_WEEK, 20), ProfileFormat.ION_BINARY).gzipped());
    fake.enqueueGetProfile(
        "checkout", ScriptedProfileResponse.of(day(YESTERDAY, 20), ProfileFormat.ION_TEXT));

    Verdict verdict =
        new RegressionGate(client, "checkout", "queryDb", 0.0)
            .check(LAST_WEEK, YESTERDAY, YESTERDAY, TODAY);

    assertThat(verdict.passed()).isTrue();
    assertThat(verdict.currentShare()).isEqualTo(20.0);
  }
}

package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.findings.Anomaly;
import dev.fakeguru.findings.AnomalyInstance;
import dev.fakeguru.findings.FeedbackType;
import dev.fakeguru.findings.Metric;
import dev.fakeguru.recording.Operation;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeCodeGuruProfilerAssert_hasReceivedFeedback_Test extends StartedFake {
  static final String A = "0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11";
  static final String B = "1c7d2a1f-4b5c-4d9f-8e4a-3a2f1d0b8c22";

  @BeforeEach
  void scriptAnAnomaly() {
    Instant t0 = Instant.parse("2024-01-02T03:00:00Z");
    fake.addAnomaly(
        "g",
        Anomaly.builder()
            .metric(Metric.of("Db.query"))
            .reason("slow")
            .instance(AnomalyInstance.builder().id(A).startTime(t0).build())
            .instance(AnomalyInstance.builder().id(B).startTime(t0).build())
            .build());
  }

  @Test
  void should_pass_counting_accepted_feedback_only() {
    // GIVEN two accepted submissions and one refused (unknown instance)
    Http.submitFeedback(fake, "g", A, "Positive");
    Http.submitFeedback(fake, "g", A, "Negative");
    Http.submitFeedback(fake, "g", "2d8e3b20-5c6d-4e0a-9f5b-4b3a2e1c9d33", "Positive");
    // THEN
    assertThat(fake)
        .hasReceivedFeedback(2)
        .hasReceivedFeedback(A, FeedbackType.POSITIVE)
        .hasReceivedFeedback(A, FeedbackType.NEGATIVE)
        .hasReceivedCalls(Operation.SUBMIT_FEEDBACK, 3);
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    FakeCodeGuruProfiler actual = null;
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).hasReceivedFeedback(1));
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_listing_the_feedback_received_when_the_count_differs() {
    // GIVEN
    Http.submitFeedback(fake, "g", A, "Positive");
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(fake).hasReceivedFeedback(2));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have received:
          2 feedback submissions
        but it received:
          1
        feedback received:
          #1 Positive on 0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11 of g""");
  }

  @Test
  void should_fail_when_the_instance_got_other_feedback_or_none() {
    // GIVEN
    Http.submitFeedback(fake, "g", A, "Negative");
    // WHEN
    AssertionError other =
        expectAssertionError(() -> assertThat(fake).hasReceivedFeedback(A, FeedbackType.POSITIVE));
    AssertionError none =
        expectAssertionError(() -> assertThat(fake).hasReceivedFeedback(B, FeedbackType.NEGATIVE));
    // THEN
    then(other.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have received:
          Positive feedback on anomaly instance 0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11
        but it did not; feedback received:
          #1 Negative on 0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11 of g""");
    then(none.getMessage())
        .contains("Negative feedback on anomaly instance 1c7d2a1f-4b5c-4d9f-8e4a-3a2f1d0b8c22");
  }

  @Test
  void should_say_none_when_nothing_was_received() {
    AssertionError error = expectAssertionError(() -> assertThat(fake).hasReceivedFeedback(1));
    then(error.getMessage()).endsWith("feedback received:\n  (none)");
  }

  @Test
  void should_reject_null_arguments_and_a_negative_count() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasReceivedFeedback(null, FeedbackType.POSITIVE))
        .withMessage("The anomaly instance id must not be null.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasReceivedFeedback(A, null))
        .withMessage("The feedback type must not be null.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasReceivedFeedback(-1))
        .withMessage("The expected count must not be negative, but was -1.");
  }
}

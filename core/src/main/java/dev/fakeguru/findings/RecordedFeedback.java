package dev.fakeguru.findings;

import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One SubmitFeedback call the fake accepted: which anomaly instance of which profiling group, the
 * feedback and the comment. The latest feedback on an instance also shows as its {@link
 * AnomalyInstance#userFeedback() userFeedback} in later answers.
 *
 * <p>The fake creates these; tests only read them. Immutable and thread-safe.
 *
 * <pre>{@code
 * RecordedFeedback feedback = fake.receivedFeedback().get(0);
 * assertThat(feedback.type()).isEqualTo(FeedbackType.NEGATIVE);
 * assertThat(feedback.comment()).hasValue("expected: nightly batch");
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface RecordedFeedback {

  /**
   * The sequence number of the SubmitFeedback call, as in its {@code RecordedCall}.
   *
   * @return the call's sequence number
   */
  long sequence();

  /**
   * The profiling group named in the call.
   *
   * @return the group's name
   */
  String profilingGroup();

  /**
   * The anomaly instance the feedback is about.
   *
   * @return its id
   */
  String anomalyInstanceId();

  /**
   * The feedback.
   *
   * @return positive or negative
   */
  FeedbackType type();

  /**
   * The comment sent with it.
   *
   * @return the comment, if any
   */
  Optional<String> comment();

  /**
   * When the fake accepted it, by its clock.
   *
   * @return the instant
   */
  Instant receivedAt();
}

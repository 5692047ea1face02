package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import dev.fakeguru.assertj.internal.ArrivalText;
import dev.fakeguru.findings.FeedbackType;
import dev.fakeguru.findings.RecordedFeedback;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a fake that received other feedback (SubmitFeedback calls it accepted)
 * than expected.
 *
 * <pre>
 * Expecting the fake to have received:
 *   Positive feedback on anomaly instance 0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11
 * but it did not; feedback received:
 *   #2 Negative on 0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11 of g
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveReceivedFeedback extends TextErrorMessageFactory {

  private ShouldHaveReceivedFeedback(String text) {
    super(text);
  }

  /**
   * The number of feedback submissions differs.
   *
   * @param expected the expected number
   * @param actual the number received
   * @param feedback every feedback submission the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveReceivedFeedback(
      int expected, int actual, List<RecordedFeedback> feedback) {
    return new ShouldHaveReceivedFeedback(
        ArrivalText.countDiffers(
            "Expecting the fake to have received",
            ArrivalText.count(expected, "feedback submission"),
            "but it received",
            actual,
            "feedback received",
            ArrivalText.feedback(feedback)));
  }

  /**
   * No feedback of this type on this anomaly instance was received.
   *
   * @param anomalyInstanceId the instance
   * @param type the feedback expected
   * @param feedback every feedback submission the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveReceivedFeedback(
      String anomalyInstanceId, FeedbackType type, List<RecordedFeedback> feedback) {
    return new ShouldHaveReceivedFeedback(
        block(
                "Expecting the fake to have received",
                type.wireName() + " feedback on anomaly instance " + anomalyInstanceId)
            + "\n"
            + block("but it did not; feedback received", ArrivalText.feedback(feedback)));
  }
}

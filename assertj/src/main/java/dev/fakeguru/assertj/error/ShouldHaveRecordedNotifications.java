package dev.fakeguru.assertj.error;

import dev.fakeguru.assertj.internal.ArrivalText;
import dev.fakeguru.findings.RecordedNotification;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a fake that recorded another number of notifications (what the service
 * would have sent to notification channels) than expected.
 *
 * <pre>
 * Expecting the fake to have recorded:
 *   2 notifications to arn:aws:sns:us-east-1:123456789012:alerts
 * but it recorded:
 *   1
 * notifications recorded:
 *   AnomalyDetection of g to arn:aws:sns:us-east-1:123456789012:alerts about 0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveRecordedNotifications extends TextErrorMessageFactory {

  private ShouldHaveRecordedNotifications(String text) {
    super(text);
  }

  /**
   * The number of notifications differs.
   *
   * @param channelUri the channel counted, or {@code null} for every channel
   * @param expected the expected number
   * @param actual the number recorded
   * @param notifications every notification the fake recorded
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveRecordedNotifications(
      String channelUri, int expected, int actual, List<RecordedNotification> notifications) {
    return new ShouldHaveRecordedNotifications(
        ArrivalText.countDiffers(
            "Expecting the fake to have recorded",
            ArrivalText.count(expected, "notification")
                + (channelUri == null ? "" : " to " + channelUri),
            "but it recorded",
            actual,
            "notifications recorded",
            ArrivalText.notifications(notifications)));
  }
}

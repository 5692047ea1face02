package dev.fakeguru.assertj.error;

import dev.fakeguru.assertj.internal.ArrivalText;
import dev.fakeguru.recording.RecordedProfilePost;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a fake that received another number of posts (PostAgentProfile calls,
 * stored or not) than expected.
 *
 * <pre>
 * Expecting the fake to have received:
 *   2 posts for profiling group 'g'
 * but it received:
 *   1
 * posts received:
 *   #1 g token=t1 application/json 104 bytes, stored: 3 nodes, 7 WALL_TIME samples, top frame: worker 7
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveReceivedProfilePosts extends TextErrorMessageFactory {

  private ShouldHaveReceivedProfilePosts(String text) {
    super(text);
  }

  /**
   * The number of posts, stored or not, differs.
   *
   * @param group the profiling group counted, or {@code null} for every group
   * @param expected the expected number of posts
   * @param actual the number received
   * @param posts every post the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveReceivedProfilePosts(
      String group, int expected, int actual, List<RecordedProfilePost> posts) {
    return new ShouldHaveReceivedProfilePosts(
        ArrivalText.countDiffers(
            "Expecting the fake to have received",
            ArrivalText.count(expected, "post") + ArrivalText.forGroup(group),
            "but it received",
            actual,
            "posts received",
            ArrivalText.posts(posts)));
  }
}

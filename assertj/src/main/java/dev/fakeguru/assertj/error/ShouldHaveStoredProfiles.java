package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import dev.fakeguru.assertj.internal.ArrivalText;
import dev.fakeguru.recording.RecordedProfilePost;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the messages for a fake that has another number of stored profiles than expected, or no
 * stored profile at an index. A stored profile is a post the fake kept and aggregated.
 *
 * <pre>
 * Expecting the fake to have:
 *   2 stored profiles for profiling group 'g'
 * but it had:
 *   1
 * posts received:
 *   #1 g token=t1 application/json 352 bytes, stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
 *   #2 g token=t1 application/json 352 bytes, not stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
 * (a stored profile is a post the fake kept: rejected posts, retries of a stored profile token and posts stopped by an injected fault are not stored)
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveStoredProfiles extends TextErrorMessageFactory {
  private static final String NOTE =
      "(a stored profile is a post the fake kept: " + ArrivalText.NOT_STORED + ")";

  private ShouldHaveStoredProfiles(String text) {
    super(text);
  }

  /**
   * The number of stored profiles differs.
   *
   * @param group the profiling group counted, or {@code null} for every group
   * @param expected the expected number of stored profiles
   * @param actual the number of stored profiles
   * @param posts every post the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveStoredProfiles(
      String group, int expected, int actual, List<RecordedProfilePost> posts) {
    return new ShouldHaveStoredProfiles(
        ArrivalText.countDiffers(
                "Expecting the fake to have",
                ArrivalText.count(expected, "stored profile") + ArrivalText.forGroup(group),
                "but it had",
                actual,
                "posts received",
                ArrivalText.posts(posts))
            + "\n"
            + NOTE);
  }

  /**
   * There is no stored profile at an index.
   *
   * @param group the profiling group, or {@code null} for every group
   * @param index the index asked for, from 0
   * @param stored the number of stored profiles
   * @param posts every post the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveStoredProfileAt(
      String group, int index, int stored, List<RecordedProfilePost> posts) {
    return new ShouldHaveStoredProfiles(
        block(
                "Expecting the fake to have a stored profile"
                    + ArrivalText.forGroup(group)
                    + " at index",
                Integer.toString(index))
            + "\n"
            + "but it had "
            + ArrivalText.count(stored, "stored profile")
            + ArrivalText.forGroup(group)
            + " (indexes start at 0).\n"
            + block("posts received", ArrivalText.posts(posts))
            + "\n"
            + NOTE);
  }
}

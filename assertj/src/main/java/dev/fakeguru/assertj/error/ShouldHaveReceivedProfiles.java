package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.assertj.internal.ArrivalText;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a fake that stored (or received) another number of profiles than expected,
 * or has no stored profile at an index.
 *
 * <pre>
 * Expecting the fake to have stored:
 *   2 profiles for profiling group 'g'
 * but it stored:
 *   1
 * profile posts received:
 *   #1 g token=t1 application/json 352 bytes, stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
 *   #2 g token=t1 application/json 352 bytes, not stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
 * (only stored posts count: rejected posts, retries of a stored profile token and posts stopped by an injected fault are not stored)
 * </pre>
 */
public class ShouldHaveReceivedProfiles extends TextErrorMessageFactory {
  static final String STORED_NOTE =
      "(only stored posts count: rejected posts, retries of a stored profile token and posts stopped by an"
          + " injected fault are not stored)";

  private ShouldHaveReceivedProfiles(String text) {
    super(text);
  }

  /**
   * The number of stored profiles differs.
   *
   * @param group the profiling group counted, or {@code null} for every group
   * @param expected the expected number of stored profiles
   * @param actual the number stored
   * @param posts every profile post the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveStoredProfiles(
      String group, int expected, int actual, List<RecordedProfilePost> posts) {
    return new ShouldHaveReceivedProfiles(
        block("Expecting the fake to have stored", ArrivalText.count(expected, "profile") + forGroup(group))
            + "\n"
            + block("but it stored", Integer.toString(actual))
            + "\n"
            + block("profile posts received", ArrivalText.posts(posts))
            + "\n"
            + STORED_NOTE);
  }

  /**
   * The number of profile posts, stored or not, differs.
   *
   * @param group the profiling group counted, or {@code null} for every group
   * @param expected the expected number of posts
   * @param actual the number received
   * @param posts every profile post the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveReceivedProfilePosts(
      String group, int expected, int actual, List<RecordedProfilePost> posts) {
    return new ShouldHaveReceivedProfiles(
        block("Expecting the fake to have received", ArrivalText.count(expected, "profile post") + forGroup(group))
            + "\n"
            + block("but it received", Integer.toString(actual))
            + "\n"
            + block("profile posts received", ArrivalText.posts(posts)));
  }

  /**
   * There is no stored profile at an index.
   *
   * @param group the profiling group, or {@code null} for every group
   * @param index the index asked for, from 0
   * @param stored how many profiles were stored
   * @param posts every profile post the fake received
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveStoredProfileAt(
      String group, int index, int stored, List<RecordedProfilePost> posts) {
    return new ShouldHaveReceivedProfiles(
        block("Expecting the fake to have stored a profile" + forGroup(group) + " at index", Integer.toString(index))
            + "\n"
            + "but it stored "
            + ArrivalText.count(stored, "profile")
            + forGroup(group)
            + " (indexes start at 0).\n"
            + block("profile posts received", ArrivalText.posts(posts))
            + "\n"
            + STORED_NOTE);
  }

  static String forGroup(String group) {
    return group == null ? "" : " for profiling group '" + group + "'";
  }
}

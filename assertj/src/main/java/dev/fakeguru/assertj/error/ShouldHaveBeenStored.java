package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import dev.fakeguru.assertj.internal.ArrivalText;
import dev.fakeguru.recording.RecordedProfilePost;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a post that should (or should not) have been stored.
 *
 * <pre>
 * Expecting post:
 *   #2 g token=t1 application/json 352 bytes, not stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
 * to have been stored,
 * but it was not (rejected posts, retries of a stored profile token and posts stopped by an injected fault are not stored).
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveBeenStored extends TextErrorMessageFactory {

  private ShouldHaveBeenStored(String text) {
    super(text);
  }

  /**
   * A post was not stored.
   *
   * @param post the post
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveBeenStored(RecordedProfilePost post) {
    String but =
        post.decodeFailure().isPresent()
            ? block("but it was rejected", post.decodeFailure().get())
            : "but it was not (" + ArrivalText.NOT_STORED + ").";
    return new ShouldHaveBeenStored(
        block("Expecting post", ArrivalText.post(post)) + "\nto have been stored,\n" + but);
  }

  /**
   * A post was stored.
   *
   * @param post the post
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotHaveBeenStored(RecordedProfilePost post) {
    return new ShouldHaveBeenStored(
        block("Expecting post", ArrivalText.post(post))
            + "\nnot to have been stored,\nbut it was.");
  }
}

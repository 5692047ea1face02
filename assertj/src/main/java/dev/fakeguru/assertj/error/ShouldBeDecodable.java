package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import dev.fakeguru.assertj.internal.ArrivalText;
import dev.fakeguru.recording.RecordedProfilePost;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a post that should (or should not) have been decoded into a profile.
 *
 * <pre>
 * Expecting post:
 *   #1 g application/json 8 bytes, rejected: Invalid agentProfile: …
 * to be decodable,
 * but decoding failed:
 *   Invalid agentProfile: …
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldBeDecodable extends TextErrorMessageFactory {

  private ShouldBeDecodable(String text) {
    super(text);
  }

  /**
   * A post has no decoded profile.
   *
   * @param post the post
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeDecodable(RecordedProfilePost post) {
    return new ShouldBeDecodable(
        block("Expecting post", ArrivalText.post(post))
            + "\nto be decodable,\n"
            + block("but decoding failed", post.decodeFailure().orElse("(no reason recorded)")));
  }

  /**
   * A post was decoded, or failed for another reason, although a failure containing a text was
   * expected.
   *
   * @param post the post
   * @param expected the text the failure should contain
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveDecodeFailureContaining(
      RecordedProfilePost post, String expected) {
    String but =
        post.decodeFailure().isPresent()
            ? block("but the failure was", post.decodeFailure().get())
            : "but it was decoded.";
    return new ShouldBeDecodable(
        block("Expecting post", ArrivalText.post(post))
            + "\n"
            + block("to have failed to decode with a message containing", expected)
            + "\n"
            + but);
  }
}

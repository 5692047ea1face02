package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import dev.fakeguru.assertj.internal.ArrivalText;
import dev.fakeguru.recording.RecordedProfilePost;
import java.util.Optional;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a post whose content type, content encoding, profile token or body
 * differs from the expected one.
 *
 * <pre>
 * Expecting the content type of post:
 *   #1 g token=t1 application/json 352 bytes, stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
 * to be:
 *   application/x-amzn-ion
 * but was:
 *   application/json
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHavePostAttribute extends TextErrorMessageFactory {
  /** How many bytes of a body are shown in hex. */
  static final int BYTES_SHOWN = 16;

  private ShouldHavePostAttribute(String text) {
    super(text);
  }

  /**
   * An optional header-like value differs; an absent value reads {@code (none)}.
   *
   * @param attribute what differs, e.g. {@code content type}
   * @param post the post
   * @param expected the expected value
   * @param actual the actual value
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHavePostAttribute(
      String attribute, RecordedProfilePost post, String expected, Optional<String> actual) {
    return new ShouldHavePostAttribute(
        block("Expecting the " + attribute + " of post", ArrivalText.post(post))
            + "\n"
            + block("to be", expected)
            + "\n"
            + block("but was", actual.orElse("(none)")));
  }

  /**
   * The body differs.
   *
   * @param post the post
   * @param expected the expected body
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveBody(RecordedProfilePost post, byte[] expected) {
    byte[] actual = post.body();
    int first = 0;
    while (first < expected.length && first < actual.length && expected[first] == actual[first]) {
      first++;
    }
    return new ShouldHavePostAttribute(
        block("Expecting the body of post", ArrivalText.post(post))
            + "\n"
            + block("to be", hex(expected))
            + "\n"
            + block("but was", hex(actual))
            + "\n(the bodies differ from byte "
            + first
            + ")");
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(ArrivalText.count(bytes.length, "byte"));
    if (bytes.length > 0) {
      sb.append(':');
    }
    for (int i = 0; i < Math.min(BYTES_SHOWN, bytes.length); i++) {
      sb.append(' ').append(String.format("%02x", bytes[i] & 0xff));
    }
    if (bytes.length > BYTES_SHOWN) {
      sb.append(" …");
    }
    return sb.toString();
  }
}

package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.AbstractCallTreeAssert.requireNonNullArgument;
import static dev.fakeguru.assertj.AbstractCallTreeAssert.verbatim;
import static dev.fakeguru.assertj.error.ShouldBeDecodable.shouldBeDecodable;
import static dev.fakeguru.assertj.error.ShouldBeDecodable.shouldHaveDecodeFailureContaining;
import static dev.fakeguru.assertj.error.ShouldHaveBeenStored.shouldHaveBeenStored;
import static dev.fakeguru.assertj.error.ShouldHaveBeenStored.shouldNotHaveBeenStored;
import static dev.fakeguru.assertj.error.ShouldHavePostAttribute.shouldHaveBody;
import static dev.fakeguru.assertj.error.ShouldHavePostAttribute.shouldHavePostAttribute;

import dev.fakeguru.recording.RecordedProfilePost;
import java.util.Arrays;
import java.util.Optional;
import org.apiguardian.api.API;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over one {@link RecordedProfilePost}: whether the fake stored it, its headers, token
 * and bytes, whether it could be decoded, and navigation to the decoded profile. Failure messages
 * show the post on one line (arrival number, group, token, content type, size, and a summary of its
 * profile or why it was rejected).
 *
 * <pre>{@code
 * RecordedProfilePost post = fake.takeProfilePost(Duration.ofSeconds(5));
 * assertThat(post)
 *     .wasStored()
 *     .hasContentType("application/json")
 *     .profile().hasCallPath("main", "handle");
 * }</pre>
 *
 * @param <SELF> the "self" type of this assertion class
 * @param <ACTUAL> the type of the actual value
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class AbstractRecordedProfilePostAssert<
        SELF extends AbstractRecordedProfilePostAssert<SELF, ACTUAL>,
        ACTUAL extends RecordedProfilePost>
    extends AbstractAssert<SELF, ACTUAL> {

  /**
   * Creates the assertion.
   *
   * @param actual the post under test
   * @param selfType the concrete assertion class
   */
  protected AbstractRecordedProfilePostAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /**
   * Verifies that the fake stored the post (added it to the aggregated profiles). Rejected posts,
   * retries of a profile token that was already stored, and posts stopped by an injected fault are
   * not stored.
   *
   * <pre>{@code
   * // the agent posted a profile with token "t1" twice
   * List<RecordedProfilePost> posts = fake.profilePosts("g");
   *
   * // assertion will pass
   * assertThat(posts.get(0)).wasStored();
   *
   * // assertion will fail: the retry was not stored
   * assertThat(posts.get(1)).wasStored();
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the post was not stored
   */
  public SELF wasStored() {
    isNotNull();
    if (!actual.stored()) {
      throw assertionError(shouldHaveBeenStored(actual));
    }
    return myself;
  }

  /**
   * Verifies that the fake did not store the post; see {@link #wasStored()}.
   *
   * <pre>{@code
   * // the agent posted a profile with token "t1" twice
   * List<RecordedProfilePost> posts = fake.profilePosts("g");
   *
   * // assertion will pass
   * assertThat(posts.get(1)).wasNotStored();
   *
   * // assertion will fail
   * assertThat(posts.get(0)).wasNotStored();
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the post was stored
   */
  public SELF wasNotStored() {
    isNotNull();
    if (actual.stored()) {
      throw assertionError(shouldNotHaveBeenStored(actual));
    }
    return myself;
  }

  /**
   * Verifies the {@code Content-Type} header exactly as sent (parameters such as {@code charset}
   * included).
   *
   * <pre>{@code
   * // the agent posted JSON
   *
   * // assertion will pass
   * assertThat(post).hasContentType("application/json");
   *
   * // assertion will fail
   * assertThat(post).hasContentType("application/x-amzn-ion");
   * }</pre>
   *
   * @param contentType the expected content type
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the header is absent or differs
   * @throws IllegalArgumentException if {@code contentType} is {@code null}
   */
  public SELF hasContentType(String contentType) {
    return hasAttribute(
        "content type",
        actual == null ? null : actual.contentType(),
        contentType,
        "The expected content type must not be null.");
  }

  /**
   * Verifies the {@code Content-Encoding} header, e.g. {@code gzip}.
   *
   * <pre>{@code
   * // the agent posted a gzipped body
   *
   * // assertion will pass
   * assertThat(post).hasContentEncoding("gzip");
   *
   * // assertion will fail
   * assertThat(post).hasContentEncoding("identity");
   * }</pre>
   *
   * @param contentEncoding the expected content encoding
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the header is absent or differs
   * @throws IllegalArgumentException if {@code contentEncoding} is {@code null}
   */
  public SELF hasContentEncoding(String contentEncoding) {
    return hasAttribute(
        "content encoding",
        actual == null ? null : actual.contentEncoding(),
        contentEncoding,
        "The expected content encoding must not be null.");
  }

  /**
   * Verifies the {@code profileToken} query parameter.
   *
   * <pre>{@code
   * // the agent posted with profileToken=t1
   *
   * // assertion will pass
   * assertThat(post).hasProfileToken("t1");
   *
   * // assertion will fail
   * assertThat(post).hasProfileToken("t2");
   * }</pre>
   *
   * @param profileToken the expected token
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if no token was sent or it differs
   * @throws IllegalArgumentException if {@code profileToken} is {@code null}
   */
  public SELF hasProfileToken(String profileToken) {
    return hasAttribute(
        "profile token",
        actual == null ? null : actual.profileToken(),
        profileToken,
        "The expected profile token must not be null.");
  }

  private SELF hasAttribute(
      String attribute, Optional<String> value, String expected, String nullArgument) {
    isNotNull();
    requireNonNullArgument(expected, nullArgument);
    if (!value.filter(expected::equals).isPresent()) {
      throw assertionError(shouldHavePostAttribute(attribute, actual, expected, value));
    }
    return myself;
  }

  /**
   * Verifies the request body byte for byte, as received (still compressed if it was sent
   * compressed).
   *
   * <pre>{@code
   * byte[] body = ProfileCodec.defaults().encode(profile, ProfileFormat.JSON);
   * // the agent posted body
   *
   * // assertion will pass
   * assertThat(post).hasBody(body);
   *
   * // assertion will fail
   * assertThat(post).hasBody("{}".getBytes(StandardCharsets.UTF_8));
   * }</pre>
   *
   * @param body the expected bytes
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the body differs
   * @throws IllegalArgumentException if {@code body} is {@code null}
   */
  public SELF hasBody(byte[] body) {
    isNotNull();
    requireNonNullArgument(body, "The expected body must not be null.");
    if (!Arrays.equals(actual.body(), body)) {
      throw assertionError(shouldHaveBody(actual, body));
    }
    return myself;
  }

  /**
   * Verifies that the fake decoded a profile from the post.
   *
   * <pre>{@code
   * // assertion will pass for a well-formed agent profile
   * assertThat(post).isDecodable();
   *
   * // assertion will fail for a post whose body is not a profile
   * assertThat(post).isDecodable();
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if no profile was decoded
   */
  public SELF isDecodable() {
    isNotNull();
    if (actual.profile().isEmpty()) {
      throw assertionError(shouldBeDecodable(actual));
    }
    return myself;
  }

  /**
   * Verifies that the fake could not decode the post, and that the reason it recorded contains
   * {@code text}. The reason is the error message the fake answered, e.g. {@code Invalid
   * agentProfile: …}.
   *
   * <pre>{@code
   * // the agent posted a truncated JSON body as application/json
   *
   * // assertion will pass
   * assertThat(post).hasDecodeFailureContaining("Invalid agentProfile");
   *
   * // assertion will fail
   * assertThat(post).hasDecodeFailureContaining("content type");
   * }</pre>
   *
   * @param text the text the reason should contain
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the post was decoded or the reason does not contain {@code text}
   * @throws IllegalArgumentException if {@code text} is {@code null}
   */
  public SELF hasDecodeFailureContaining(String text) {
    isNotNull();
    requireNonNullArgument(text, "The expected text must not be null.");
    if (!actual.decodeFailure().filter(f -> f.contains(text)).isPresent()) {
      throw assertionError(shouldHaveDecodeFailureContaining(actual, text));
    }
    return myself;
  }

  /**
   * Navigates to the decoded profile. The returned assertion is described as {@code [post #3 >
   * profile]} (or the description of this assertion followed by {@code > profile}).
   *
   * <p>In soft assertions (AssertJ 3.x), a failed navigation returns {@code null}; use {@code
   * softly.check(() -> assertThat(post).profile().hasFrame("x"))}.
   *
   * <pre>{@code
   * // assertion will pass for a post whose stacks start at "main"
   * assertThat(post).profile().hasCallPath("main");
   *
   * // assertion will fail for a post the fake could not decode
   * assertThat(post).profile();
   * }</pre>
   *
   * @return an assertion over the decoded profile
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if no profile was decoded
   */
  @CheckReturnValue
  public ProfileAssert profile() {
    isDecodable();
    String d = descriptionText();
    String label = d == null || d.isEmpty() ? "post #" + actual.sequence() : d;
    return new ProfileAssert(actual.profile().get()).describedAs(verbatim(label + " > profile"));
  }
}

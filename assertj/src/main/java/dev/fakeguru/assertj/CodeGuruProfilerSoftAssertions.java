package dev.fakeguru.assertj;

import dev.fakeguru.ProfilerFake;
import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.RecordedProfilePost;
import org.apiguardian.api.API;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractSoftAssertions;

/**
 * Soft assertions over profiles, call trees, the fake and the posts it received: failures are
 * collected and reported together by {@link #assertAll()}. Works with AssertJ's {@code
 * SoftAssertionsExtension}:
 *
 * <pre>{@code
 * @ExtendWith(SoftAssertionsExtension.class)
 * class ProfileTest {
 *   @InjectSoftAssertions CodeGuruProfilerSoftAssertions softly;
 *
 *   @Test
 *   void profile_has_the_expected_shape() {
 *     softly.assertThat(profile).hasFrame("handle").hasTotalSamples(100);
 *     softly.assertThat(profile.callTree()).hasMaxDepthAtMost(10);
 *   }
 * }
 * }</pre>
 *
 * <p><b>Navigation caveat (AssertJ 3.x).</b> Navigation methods ({@code frame}, {@code path},
 * {@code children}, {@code hottestFrames…}, {@code storedProfile}, {@code profile}) are not soft:
 * when navigation fails, the failure is collected and the method returns {@code null}; when it
 * passes, it returns an ordinary (hard) assertion. Wrap navigation chains in {@link
 * #check(org.assertj.core.api.ThrowingRunnable) check}, which collects the first failure of the
 * chain:
 *
 * <pre>{@code
 * softly.check(() -> CodeGuruProfilerAssertions.assertThat(profile).frame("handle").hasSelfSamples(3));
 * }</pre>
 *
 * <p>Not thread-safe, like AssertJ's own soft assertions.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class CodeGuruProfilerSoftAssertions extends AbstractSoftAssertions {

  /** Creates an empty collector of soft assertion failures. */
  public CodeGuruProfilerSoftAssertions() {}

  /**
   * Creates a soft assertion over a profile.
   *
   * @param actual the profile under test, possibly {@code null}
   * @return the soft assertion
   */
  @CheckReturnValue
  public ProfileAssert assertThat(Profile actual) {
    return proxy(ProfileAssert.class, Profile.class, actual);
  }

  /**
   * Creates a soft assertion over a call-tree node.
   *
   * @param actual the node under test, possibly {@code null}
   * @return the soft assertion
   */
  @CheckReturnValue
  public CallTreeNodeAssert assertThat(CallTreeNode actual) {
    return proxy(CallTreeNodeAssert.class, CallTreeNode.class, actual);
  }

  /**
   * Creates a soft assertion over what a fake received: a {@code FakeCodeGuruProfiler} or the JUnit
   * extension's field.
   *
   * @param actual the fake under test, possibly {@code null}
   * @return the soft assertion
   */
  @CheckReturnValue
  public FakeCodeGuruProfilerAssert assertThat(ProfilerFake actual) {
    return proxy(FakeCodeGuruProfilerAssert.class, ProfilerFake.class, actual);
  }

  /**
   * Creates a soft assertion over one post (PostAgentProfile call) the fake received.
   *
   * @param actual the post under test, possibly {@code null}
   * @return the soft assertion
   */
  @CheckReturnValue
  public RecordedProfilePostAssert assertThat(RecordedProfilePost actual) {
    return proxy(RecordedProfilePostAssert.class, RecordedProfilePost.class, actual);
  }

  /**
   * Creates a soft assertion over an agent conformance report.
   *
   * @param actual the report under test, possibly {@code null}
   * @return the soft assertion
   */
  @CheckReturnValue
  public AgentConformanceAssert assertThat(ConformanceReport actual) {
    return proxy(AgentConformanceAssert.class, ConformanceReport.class, actual);
  }
}

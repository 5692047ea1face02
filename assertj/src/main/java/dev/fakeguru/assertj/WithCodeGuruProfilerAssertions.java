package dev.fakeguru.assertj;

import dev.fakeguru.ProfilerFake;
import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.RecordedProfilePost;
import org.apiguardian.api.API;
import org.assertj.core.annotation.CheckReturnValue;

/**
 * A mix-in giving a test class FakeGuru's {@code assertThat} entry points without a static import,
 * in the style of AssertJ's {@code WithAssertions}; it combines with {@code WithAssertions}, whose
 * overloads take other types.
 *
 * <pre>{@code
 * class CheckoutProfileTest implements WithAssertions, WithCodeGuruProfilerAssertions {
 *   @Test
 *   void checkout_spends_little_time_in_the_database() {
 *     assertThat(profile).hasFrameShareAtMost("queryDb", 20.0);
 *   }
 * }
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface WithCodeGuruProfilerAssertions {

  /**
   * Delegates to {@link CodeGuruProfilerAssertions#assertThat(Profile)}.
   *
   * @param actual the profile under test
   * @return the assertion
   */
  @CheckReturnValue
  default ProfileAssert assertThat(Profile actual) {
    return CodeGuruProfilerAssertions.assertThat(actual);
  }

  /**
   * Delegates to {@link CodeGuruProfilerAssertions#assertThat(CallTreeNode)}.
   *
   * @param actual the node under test
   * @return the assertion
   */
  @CheckReturnValue
  default CallTreeNodeAssert assertThat(CallTreeNode actual) {
    return CodeGuruProfilerAssertions.assertThat(actual);
  }

  /**
   * Delegates to {@link CodeGuruProfilerAssertions#assertThat(ProfilerFake)}.
   *
   * @param actual the fake under test: a {@code FakeCodeGuruProfiler} or the JUnit extension's
   *     field
   * @return the assertion
   */
  @CheckReturnValue
  default FakeCodeGuruProfilerAssert assertThat(ProfilerFake actual) {
    return CodeGuruProfilerAssertions.assertThat(actual);
  }

  /**
   * Delegates to {@link CodeGuruProfilerAssertions#assertThat(RecordedProfilePost)}.
   *
   * @param actual the post under test
   * @return the assertion
   */
  @CheckReturnValue
  default RecordedProfilePostAssert assertThat(RecordedProfilePost actual) {
    return CodeGuruProfilerAssertions.assertThat(actual);
  }

  /**
   * Delegates to {@link CodeGuruProfilerAssertions#assertThat(ConformanceReport)}.
   *
   * @param actual the report under test
   * @return the assertion
   */
  @CheckReturnValue
  default AgentConformanceAssert assertThat(ConformanceReport actual) {
    return CodeGuruProfilerAssertions.assertThat(actual);
  }
}

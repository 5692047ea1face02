package dev.fakeguru.assertj;

import dev.fakeguru.ProfilerFake;
import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.RecordedProfilePost;
import org.apiguardian.api.API;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.InstanceOfAssertFactory;

/**
 * The entry point of FakeGuru's AssertJ assertions. The class name is unique so that a static
 * import never clashes with {@code org.assertj.core.api.Assertions.assertThat}.
 *
 * <pre>{@code
 * import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
 *
 * assertThat(profile)
 *     .hasCallPath("py_agent_driver:<module>", "py_agent_driver:main", "<Sleep>")
 *     .frame("py_agent_driver:fib").hasShareOfTotalAtLeast(10.0);
 *
 * assertThat(fake)
 *     .hasStoredProfiles("my-app", 1)
 *     .hasNoUnexpectedCalls()
 *     .storedProfile("my-app", 0).hasFrame("py_agent_driver:fib");
 * }</pre>
 *
 * <p>Extend this class to add entry points of your own.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class CodeGuruProfilerAssertions {

  /**
   * An {@link InstanceOfAssertFactory} for {@link Profile}, for {@code asInstanceOf}:
   *
   * <pre>{@code
   * Object value = profile;
   * org.assertj.core.api.Assertions.assertThat(value).asInstanceOf(PROFILE).hasTotalSamples(89);
   * }</pre>
   */
  public static final InstanceOfAssertFactory<Profile, ProfileAssert> PROFILE =
      new InstanceOfAssertFactory<>(Profile.class, CodeGuruProfilerAssertions::assertThat);

  /** An {@link InstanceOfAssertFactory} for {@link CallTreeNode}, for {@code asInstanceOf}. */
  public static final InstanceOfAssertFactory<CallTreeNode, CallTreeNodeAssert> CALL_TREE_NODE =
      new InstanceOfAssertFactory<>(CallTreeNode.class, CodeGuruProfilerAssertions::assertThat);

  /**
   * An {@link InstanceOfAssertFactory} for any {@link ProfilerFake} (a {@code FakeCodeGuruProfiler}
   * or the JUnit extension's field), for {@code asInstanceOf}:
   *
   * <pre>{@code
   * Object value = fake;
   * org.assertj.core.api.Assertions.assertThat(value).asInstanceOf(FAKE).hasStoredProfiles(1);
   * }</pre>
   */
  public static final InstanceOfAssertFactory<ProfilerFake, FakeCodeGuruProfilerAssert> FAKE =
      new InstanceOfAssertFactory<>(ProfilerFake.class, CodeGuruProfilerAssertions::assertThat);

  /**
   * An {@link InstanceOfAssertFactory} for {@link RecordedProfilePost}, for {@code asInstanceOf}.
   */
  public static final InstanceOfAssertFactory<RecordedProfilePost, RecordedProfilePostAssert>
      RECORDED_PROFILE_POST =
          new InstanceOfAssertFactory<>(
              RecordedProfilePost.class, CodeGuruProfilerAssertions::assertThat);

  /** For subclasses that add entry points; this class has only static members. */
  protected CodeGuruProfilerAssertions() {}

  /**
   * Creates an assertion over a profile.
   *
   * @param actual the profile under test, possibly {@code null}
   * @return the assertion
   */
  @CheckReturnValue
  public static ProfileAssert assertThat(Profile actual) {
    return new ProfileAssert(actual);
  }

  /**
   * Creates an assertion over a call-tree node; paths in its assertions start at the node's
   * children.
   *
   * @param actual the node under test, possibly {@code null}
   * @return the assertion
   */
  @CheckReturnValue
  public static CallTreeNodeAssert assertThat(CallTreeNode actual) {
    return new CallTreeNodeAssert(actual);
  }

  /**
   * Creates an assertion over what a fake received: a {@code FakeCodeGuruProfiler}, or the field of
   * the JUnit extension ({@code FakeCodeGuruProfilerExtension}), which is a {@link ProfilerFake}
   * too.
   *
   * @param actual the fake under test, possibly {@code null}
   * @return the assertion
   */
  @CheckReturnValue
  public static FakeCodeGuruProfilerAssert assertThat(ProfilerFake actual) {
    return new FakeCodeGuruProfilerAssert(actual);
  }

  /**
   * Creates an assertion over one post (PostAgentProfile call) the fake received.
   *
   * @param actual the post under test, possibly {@code null}
   * @return the assertion
   */
  @CheckReturnValue
  public static RecordedProfilePostAssert assertThat(RecordedProfilePost actual) {
    return new RecordedProfilePostAssert(actual);
  }

  /**
   * Creates an assertion over an agent conformance report, e.g. the one a scenario run made.
   *
   * <pre>{@code
   * assertThat(run.awaitEnd(Duration.ofMinutes(3))).passes();
   * }</pre>
   *
   * @param actual the report
   * @return the assertion
   */
  @CheckReturnValue
  public static AgentConformanceAssert assertThat(ConformanceReport actual) {
    return new AgentConformanceAssert(actual);
  }
}

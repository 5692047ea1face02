package dev.fakeguru.assertj;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import org.assertj.core.api.InstanceOfAssertFactory;
import org.assertj.core.util.CheckReturnValue;

/**
 * The entry point of FakeGuru's AssertJ assertions. The class name is unique so that a static import
 * never clashes with {@code org.assertj.core.api.Assertions.assertThat}.
 *
 * <pre>{@code
 * import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
 *
 * assertThat(profile)
 *     .hasCallPath("py_agent_driver:<module>", "py_agent_driver:main", "<Sleep>")
 *     .frame("py_agent_driver:fib").hasShareOfTotalAtLeast(10.0);
 * }</pre>
 *
 * <p>Extend this class to add entry points of your own; assertions over the fake server and the
 * profiles it received will be added here as further {@code assertThat} overloads.
 */
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
   * Creates an assertion over a call-tree node; paths in its assertions start at the node's children.
   *
   * @param actual the node under test, possibly {@code null}
   * @return the assertion
   */
  @CheckReturnValue
  public static CallTreeNodeAssert assertThat(CallTreeNode actual) {
    return new CallTreeNodeAssert(actual);
  }
}

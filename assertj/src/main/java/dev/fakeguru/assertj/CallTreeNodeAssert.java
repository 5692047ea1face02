package dev.fakeguru.assertj;

import dev.fakeguru.profile.CallTreeNode;
import org.apiguardian.api.API;

/**
 * Assertions over a {@link CallTreeNode}; create one with {@link
 * CodeGuruProfilerAssertions#assertThat(CallTreeNode)} or navigate to one from a profile assertion.
 *
 * <p>Not final and with a public constructor, so that AssertJ's soft assertions can proxy it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class CallTreeNodeAssert
    extends AbstractCallTreeNodeAssert<CallTreeNodeAssert, CallTreeNode> {

  /**
   * Creates the assertion; prefer {@link CodeGuruProfilerAssertions#assertThat(CallTreeNode)}.
   *
   * @param actual the node under test
   */
  public CallTreeNodeAssert(CallTreeNode actual) {
    super(actual, CallTreeNodeAssert.class);
  }

  CallTreeNodeAssert(CallTreeNode actual, Navigation navigation) {
    super(actual, CallTreeNodeAssert.class, navigation);
  }
}

package dev.fakeguru.assertj;

import dev.fakeguru.profile.CallTreeNode;

/**
 * Assertions over a {@link CallTreeNode}; create one with {@link
 * CodeGuruProfilerAssertions#assertThat(CallTreeNode)} or navigate to one from a profile assertion.
 *
 * <p>Not final and with a public constructor, so that AssertJ's soft assertions can proxy it.
 */
public class CallTreeNodeAssert extends AbstractCallTreeNodeAssert<CallTreeNodeAssert, CallTreeNode> {

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

package dev.fakeguru.assertj;

import dev.fakeguru.profile.CallTreeNode;

/**
 * Where a {@link CallTreeNodeAssert} came from: the assertion it was navigated from, the profile
 * (if any) at the top, the tree whose total shares are relative to, and, when it was reached by
 * frame name, the frame and the subtree its occurrences were collected from.
 */
final class Navigation {
  final AbstractCallTreeAssert<?, ?> parent;
  final ProfileAssert profile;
  final CallTreeNode referenceRoot;
  final String referenceSubject;
  final CallTreeNode scope;
  final String aggregatedFrame;
  final String what;

  Navigation(
      AbstractCallTreeAssert<?, ?> parent,
      ProfileAssert profile,
      CallTreeNode referenceRoot,
      String referenceSubject,
      CallTreeNode scope,
      String aggregatedFrame,
      String what) {
    this.parent = parent;
    this.profile = profile;
    this.referenceRoot = referenceRoot;
    this.referenceSubject = referenceSubject;
    this.scope = scope;
    this.aggregatedFrame = aggregatedFrame;
    this.what = what;
  }
}

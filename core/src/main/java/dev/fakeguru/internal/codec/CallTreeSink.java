package dev.fakeguru.internal.codec;

import dev.fakeguru.profile.LineRange;

/**
 * Receives a call graph as the codec reads it, node by node, so that the server can merge a posted
 * profile straight into its aggregation without first building an immutable {@code CallTreeNode}.
 * The codec calls it in document order; a child name seen twice under one parent must give the same
 * node back (the two are merged), exactly as {@code CallTreeNode.Builder#child} does.
 *
 * @param <N> the sink's node handle
 */
public interface CallTreeSink<N> {
  /**
   * The root node (the call graph object itself), of a tree that starts empty: a body may name its
   * call graph twice, and the last one counts, as in the decoded {@code Profile}, so a sink forgets
   * whatever it received before.
   */
  N root();

  /** The child {@code name} of {@code parent}, created on first use. */
  N child(N parent, String name);

  /** Adds to a node's self count. @throws ArithmeticException if the node's count overflows */
  void addSelfCount(N node, String counterType, long count);

  /** Whether a file was already set (a repeated child name keeps the first file). */
  boolean hasFile(N node);

  void file(N node, String file);

  /** Widens the node's line range to include {@code lines}. */
  void widenLines(N node, LineRange lines);
}

package dev.fakeguru.internal.aggregation;

/**
 * Adding a profile would make the aggregates hold more call-tree nodes than the fake allows; the
 * aggregates are unchanged. Internal.
 */
public final class NodeLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NodeLimitException(long needed, long used, long max, String group) {
    super(
        "storing the profile in profiling group '"
            + group
            + "' would add "
            + needed
            + " call-tree nodes to the aggregates, which hold "
            + used
            + " of at most "
            + max
            + " (the fake's maxAggregatedNodes limit); nothing was added",
        null,
        false,
        false);
  }
}

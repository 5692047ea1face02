package dev.fakeguru.internal.aggregation;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many call-tree nodes the aggregates of every group may hold together: each add reserves what
 * it will add before it merges anything, and gives back what it did not use. Thread-safe. Internal.
 */
final class NodeBudget {
  private final long max;
  private final AtomicLong used = new AtomicLong();

  NodeBudget(long max) {
    this.max = max;
  }

  long max() {
    return max;
  }

  long used() {
    return used.get();
  }

  /**
   * Reserves {@code nodes}.
   *
   * @throws NodeLimitException if they do not fit (nothing is reserved)
   */
  void reserve(long nodes, String group) {
    while (true) {
      long now = used.get();
      if (nodes > max - now) {
        throw new NodeLimitException(nodes, now, max, group);
      }
      if (used.compareAndSet(now, now + nodes)) {
        return;
      }
    }
  }

  /** Checks, without reserving, that {@code nodes} would fit now. */
  void check(long nodes, String group) {
    long now = used.get();
    if (nodes > max - now) {
      throw new NodeLimitException(nodes, now, max, group);
    }
  }

  /** Gives back {@code nodes} (freed, or reserved and not used). */
  void release(long nodes) {
    used.addAndGet(-nodes);
  }
}

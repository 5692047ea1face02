package dev.fakeguru.internal.aggregation;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many call-tree nodes the aggregates of every group may hold together: each add reserves what
 * it will add before it merges anything, and gives back what it did not use. Thread-safe. Internal.
 *
 * <p>An add far from the limit reserves an upper bound of what it will add ({@link
 * #reserveUpperBound}) rather than counting exactly. So that such a bound never makes another
 * group's add fail where the exact counts fit, a reserve or check that does not fit waits (briefly)
 * for the bounds in flight to be settled before it refuses.
 */
final class NodeBudget {
  /** How many times a refusal waits for the bounds in flight to settle: each wait is a yield. */
  private static final int SETTLE_WAITS = 10_000;

  private final long max;
  private final AtomicLong used = new AtomicLong();

  /** Upper bounds reserved and not yet settled. */
  private final AtomicInteger bounds = new AtomicInteger();

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
    int waits = 0;
    while (true) {
      long now = used.get();
      if (nodes > max - now) {
        if (bounds.get() > 0 && waits++ < SETTLE_WAITS) {
          Thread.yield();
          continue;
        }
        throw new NodeLimitException(nodes, now, max, group);
      }
      if (used.compareAndSet(now, now + nodes)) {
        return;
      }
    }
  }

  /**
   * Reserves {@code nodes}, an upper bound of what an add will use, if they fit; the add then gives
   * back what it did not use ({@link #release}) and calls {@link #endUpperBound()}.
   *
   * @return false if they do not fit (nothing is reserved): the add counts exactly instead
   */
  boolean reserveUpperBound(long nodes) {
    bounds.incrementAndGet();
    while (true) {
      long now = used.get();
      if (nodes > max - now) {
        bounds.decrementAndGet();
        return false;
      }
      if (used.compareAndSet(now, now + nodes)) {
        return true;
      }
    }
  }

  /** An upper bound reserved by {@link #reserveUpperBound} is settled. */
  void endUpperBound() {
    bounds.decrementAndGet();
  }

  /** Whether {@code nodes} fit now, without reserving them. */
  boolean fits(long nodes) {
    return nodes <= max - used.get();
  }

  /** Checks, without reserving, that {@code nodes} would fit now. */
  void check(long nodes, String group) {
    int waits = 0;
    long now;
    while (nodes > max - (now = used.get())) {
      if (bounds.get() == 0 || waits++ >= SETTLE_WAITS) {
        throw new NodeLimitException(nodes, now, max, group);
      }
      Thread.yield();
    }
  }

  /**
   * Charges {@code nodes} without a check, for content that moves from finer buckets to a coarser
   * one: the total may then exceed {@link #max()} until buckets expire, and adds are refused
   * meanwhile.
   */
  void charge(long nodes) {
    used.addAndGet(nodes);
  }

  /** Gives back {@code nodes} (freed, or reserved and not used). */
  void release(long nodes) {
    used.addAndGet(-nodes);
  }
}

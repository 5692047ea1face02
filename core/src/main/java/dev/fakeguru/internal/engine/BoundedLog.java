package dev.fakeguru.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * An append-only log that keeps the newest {@code capacity} entries and counts the ones it evicted.
 * Each entry has a weight (about the bytes it holds), summed in {@link #weight()}, so that its
 * owner can also evict by size ({@link #evictOldest()}). Entries have absolute positions (0 for the
 * first ever added), so a reader can resume after evictions. Not thread-safe: the {@link Journal}
 * guards it.
 */
final class BoundedLog<T> {
  private final int capacity;
  private final ToLongFunction<? super T> weigher;
  private Object[] ring = new Object[16];
  private long[] weights = new long[16];
  private int head;
  private int size;
  private long evicted;
  private long weight;

  /** A log bounded by count only: its entries weigh nothing. */
  BoundedLog(int capacity) {
    this(capacity, entry -> 0);
  }

  BoundedLog(int capacity, ToLongFunction<? super T> weigher) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, but was " + capacity);
    }
    this.capacity = capacity;
    this.weigher = weigher;
  }

  void add(T entry) {
    if (size == capacity) {
      evictOldest();
    } else if (size == ring.length) {
      grow();
    }
    int at = (head + size) % ring.length;
    ring[at] = entry;
    weights[at] = weigher.applyAsLong(entry);
    weight += weights[at];
    size++;
  }

  /** Evicts the oldest entry, counting it; false if the log is empty. */
  boolean evictOldest() {
    if (size == 0) {
      return false;
    }
    ring[head] = null;
    weight -= weights[head];
    head = (head + 1) % ring.length;
    size--;
    evicted++;
    return true;
  }

  /** The oldest retained entry, or null. */
  @SuppressWarnings("unchecked")
  T oldest() {
    return size == 0 ? null : (T) ring[head];
  }

  /** The sum of the retained entries' weights. */
  long weight() {
    return weight;
  }

  private void grow() {
    int length = (int) Math.min((long) ring.length * 2, capacity);
    Object[] bigger = new Object[length];
    long[] heavier = new long[length];
    for (int i = 0; i < size; i++) {
      bigger[i] = ring[(head + i) % ring.length];
      heavier[i] = weights[(head + i) % ring.length];
    }
    ring = bigger;
    weights = heavier;
    head = 0;
  }

  /** The absolute position of the oldest retained entry (= how many were evicted). */
  long firstPosition() {
    return evicted;
  }

  /** The absolute position the next entry will get. */
  long endPosition() {
    return evicted + size;
  }

  @SuppressWarnings("unchecked")
  T at(long position) {
    if (position < evicted || position >= evicted + size) {
      throw new IndexOutOfBoundsException("position " + position);
    }
    return (T) ring[(int) ((head + (position - evicted)) % ring.length)];
  }

  long evicted() {
    return evicted;
  }

  List<T> snapshot(Predicate<? super T> filter) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      @SuppressWarnings("unchecked")
      T t = (T) ring[(head + i) % ring.length];
      if (filter.test(t)) {
        out.add(t);
      }
    }
    return out;
  }

  void clear() {
    ring = new Object[16];
    weights = new long[16];
    head = 0;
    size = 0;
    evicted = 0;
    weight = 0;
  }
}

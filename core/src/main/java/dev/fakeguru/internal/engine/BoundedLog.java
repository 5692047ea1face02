package dev.fakeguru.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An append-only log that keeps the newest {@code capacity} entries and counts the ones it evicted.
 * Entries have absolute positions (0 for the first ever added), so a reader can resume after
 * evictions. Not thread-safe: the {@link Journal} guards it.
 */
final class BoundedLog<T> {
  private final int capacity;
  private Object[] ring = new Object[16];
  private int head;
  private int size;
  private long evicted;

  BoundedLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, but was " + capacity);
    }
    this.capacity = capacity;
  }

  void add(T entry) {
    if (size == capacity) {
      ring[head] = null;
      head = (head + 1) % ring.length;
      size--;
      evicted++;
    } else if (size == ring.length) {
      grow();
    }
    ring[(head + size) % ring.length] = entry;
    size++;
  }

  private void grow() {
    Object[] bigger = new Object[(int) Math.min((long) ring.length * 2, capacity)];
    for (int i = 0; i < size; i++) {
      bigger[i] = ring[(head + i) % ring.length];
    }
    ring = bigger;
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
    head = 0;
    size = 0;
    evicted = 0;
  }
}

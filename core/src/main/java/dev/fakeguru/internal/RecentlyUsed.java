package dev.fakeguru.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A few remembered answers: a map that keeps only its {@code capacity} most recently used entries.
 * Thread-safe (each call holds the instance's lock). Internal.
 *
 * @param <K> the key
 * @param <V> the remembered value
 */
public final class RecentlyUsed<K, V> {
  private final Map<K, V> entries;

  public RecentlyUsed(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The value remembered for {@code key}, or null. */
  public synchronized V get(K key) {
    return entries.get(key);
  }

  public synchronized void put(K key, V value) {
    entries.put(key, value);
  }

  public synchronized void clear() {
    entries.clear();
  }
}

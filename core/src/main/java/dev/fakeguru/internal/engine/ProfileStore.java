package dev.fakeguru.internal.engine;

import dev.fakeguru.internal.aggregation.PostedProfile;
import dev.fakeguru.internal.aggregation.ProfileAggregator;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored profiles: the aggregation of every stored post, and the profile tokens already stored
 * per group, so that an SDK retry (same token) is stored once. Thread-safe. Internal.
 */
public final class ProfileStore {
  private final ProfileAggregator aggregator;
  private final Map<String, Set<String>> tokens = new ConcurrentHashMap<>();

  ProfileStore(Clock clock) {
    this.aggregator = new ProfileAggregator(clock);
  }

  public ProfileAggregator aggregator() {
    return aggregator;
  }

  /**
   * Stores a decoded post unless its token was stored before: {@code persist} runs first (it makes
   * the post durable), then the profile joins the aggregates. If either fails the token is
   * forgotten, so that a retry can still store it.
   *
   * @param token the post's profile token, or null
   * @return true if stored, false for a retry of a stored token
   * @throws ArithmeticException if aggregating it would overflow a count (nothing is aggregated)
   */
  public boolean store(String group, String token, PostedProfile profile, Runnable persist) {
    Set<String> stored = tokens.computeIfAbsent(group, k -> ConcurrentHashMap.newKeySet());
    if (token != null && !stored.add(token)) {
      return false;
    }
    try {
      persist.run();
      aggregator.add(group, profile);
      return true;
    } catch (RuntimeException e) {
      if (token != null) {
        stored.remove(token);
      }
      throw e;
    }
  }

  /** Stores a post read back from a data directory, with no checks beyond the aggregation's. */
  public void restore(String group, String token, PostedProfile profile) {
    if (token != null) {
      tokens.computeIfAbsent(group, k -> ConcurrentHashMap.newKeySet()).add(token);
    }
    aggregator.add(group, profile);
  }

  void dropGroup(String group) {
    aggregator.dropGroup(group);
    tokens.remove(group);
  }

  void clear() {
    aggregator.clear();
    tokens.clear();
  }
}

package dev.fakeguru.internal.engine;

import dev.fakeguru.internal.aggregation.PostedProfile;
import dev.fakeguru.internal.aggregation.ProfileAggregator;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The stored profiles: the aggregation of every stored post, and the profile tokens already stored
 * per group, so that an SDK retry (same token) is stored once. Thread-safe. Internal.
 */
public final class ProfileStore {
  private final ProfileAggregator aggregator;
  private final Map<String, Set<String>> tokens = new ConcurrentHashMap<>();

  ProfileStore(Clock clock, long maxAggregatedNodes) {
    this.aggregator = new ProfileAggregator(clock, maxAggregatedNodes);
  }

  public ProfileAggregator aggregator() {
    return aggregator;
  }

  /**
   * Stores a decoded post unless its token was stored before: checks that it fits the aggregates,
   * runs {@code persist} (which makes it durable), then adds it to the aggregates. If any step
   * fails nothing remains: the token is forgotten and the durable write undone, so a retry can
   * still store it and a restart does not bring it back.
   *
   * @param token the post's profile token, or null
   * @return true if stored, false for a retry of a stored token
   * @throws ArithmeticException if aggregating it would overflow a count (nothing is kept)
   */
  public boolean store(
      String group, String token, PostedProfile profile, Supplier<Persistence.Undo> persist) {
    Set<String> stored = tokensOf(group);
    if (token != null && !stored.add(token)) {
      return false;
    }
    try {
      aggregator.requireFits(group, profile);
      Persistence.Undo undo = persist.get();
      try {
        aggregator.add(group, profile);
      } catch (RuntimeException e) {
        undo.undo();
        throw e;
      }
      return true;
    } catch (RuntimeException e) {
      if (token != null) {
        stored.remove(token);
      }
      throw e;
    }
  }

  /**
   * Stores a post read back from a data directory under the live rules: a token stored before is
   * not stored again, and the token is remembered only once the profile is aggregated.
   *
   * @return false if the token was stored before
   * @throws ArithmeticException if aggregating it would overflow a count (nothing is kept)
   */
  public boolean restore(String group, String token, PostedProfile profile) {
    return store(group, token, profile, () -> () -> {});
  }

  private Set<String> tokensOf(String group) {
    return tokens.computeIfAbsent(group, k -> ConcurrentHashMap.newKeySet());
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

package dev.fakeguru.internal.engine;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The profiling-group registry: groups by name (sorted, as ListProfilingGroups pages them), their
 * ARNs, the quota and CreateProfilingGroup's idempotency. Every change is reported to a listener
 * (the engine persists the groups). Thread-safe. Internal.
 */
public final class ProfilingGroups {
  private static final String ARN_MARKER = ":profilingGroup/";

  private final ConcurrentSkipListMap<String, GroupState> groups = new ConcurrentSkipListMap<>();
  private final EngineSettings settings;
  private final Clock clock;
  private final Consumer<String> changed;

  ProfilingGroups(EngineSettings settings, Clock clock, Consumer<String> changed) {
    this.settings = settings;
    this.clock = clock;
    this.changed = changed;
  }

  /** The ARN the fake gives a group of this name. */
  public String arnOf(String name) {
    return "arn:aws:codeguru-profiler:"
        + settings.region()
        + ":"
        + settings.accountId()
        + ARN_MARKER
        + name;
  }

  /** The group name an ARN ends with, or null when it names no profiling group. */
  public static String nameFromArn(String arn) {
    int i = arn.lastIndexOf(ARN_MARKER);
    return i < 0 ? null : arn.substring(i + ARN_MARKER.length());
  }

  public Optional<GroupState> find(String name) {
    return Optional.ofNullable(groups.get(name));
  }

  /**
   * The existing group; created on first use when the fake auto-creates groups.
   *
   * @throws ServiceException 404 when there is none
   */
  public GroupState require(String name) {
    GroupState g = groups.get(name);
    if (g == null && settings.autoCreateGroups()) {
      g = createIfAbsent(name, true);
    }
    if (g == null) {
      throw ServiceException.groupNotFound(name);
    }
    return g;
  }

  /**
   * The group with this exact ARN.
   *
   * @throws ServiceException 404 when there is none
   */
  public GroupState requireByArn(String arn, String shownArn) {
    String name = nameFromArn(arn);
    GroupState g = name == null ? null : groups.get(name);
    if (g == null || !g.arn().equals(arn)) {
      throw ServiceException.notFound("No profiling group has the ARN '" + shownArn + "'.");
    }
    return g;
  }

  /** Creates a group with default settings unless one of that name exists; returns the group. */
  public GroupState createIfAbsent(String name, boolean profilingEnabled) {
    return createNew(name, profilingEnabled).orElseGet(() -> groups.get(name));
  }

  /** Creates a group with default settings; empty if one of that name exists. */
  public Optional<GroupState> createNew(String name, boolean profilingEnabled) {
    return putNew(name, "Default", profilingEnabled, Map.of(), null, null);
  }

  /** Registers a new group unless one of that name exists; empty if one did. */
  private Optional<GroupState> putNew(
      String name,
      String platform,
      boolean enabled,
      Map<String, String> tags,
      String clientToken,
      String fingerprint) {
    GroupState[] created = new GroupState[1];
    groups.computeIfAbsent(
        name,
        k ->
            created[0] =
                new GroupState(
                    name,
                    arnOf(name),
                    clock.instant(),
                    platform,
                    enabled,
                    tags,
                    clientToken,
                    fingerprint));
    if (created[0] != null) {
      changed.accept(name);
    }
    return Optional.ofNullable(created[0]);
  }

  /**
   * CreateProfilingGroup: a new group, or the existing one when this is a retry of the call that
   * created it (same client token, same parameters).
   *
   * @throws ServiceException 409 when the name exists otherwise, 402 over the quota
   */
  public GroupState create(
      String name,
      String platform,
      boolean enabled,
      Map<String, String> tags,
      String clientToken,
      String fingerprint) {
    GroupState existing = groups.get(name);
    if (existing != null) {
      if (existing.createdBy(clientToken, fingerprint)) {
        return existing;
      }
      throw ServiceException.conflict("Profiling group '" + name + "' already exists.");
    }
    if (groups.size() >= settings.profilingGroupQuota()) {
      throw ServiceException.quotaExceeded(
          "You have reached the quota of " + settings.profilingGroupQuota() + " profiling groups.");
    }
    Optional<GroupState> created = putNew(name, platform, enabled, tags, clientToken, fingerprint);
    if (created.isPresent()) {
      return created.get();
    }
    // Another call created it meanwhile: only a retry of that very call gets it.
    GroupState g = groups.get(name);
    if (g == null || !g.createdBy(clientToken, fingerprint)) {
      throw ServiceException.conflict("Profiling group '" + name + "' already exists.");
    }
    return g;
  }

  /** Removes this very group from the registry (the engine drops its profiles). */
  boolean remove(GroupState g) {
    return groups.remove(g.name(), g);
  }

  /** A group restored from a data directory, replacing any of the same name. */
  public void restore(GroupState g) {
    groups.put(g.name(), g);
  }

  /** Reports a change made to a group's state (policy, tags, channels, settings). */
  public void changed(GroupState g) {
    changed.accept(g.name());
  }

  public List<String> names() {
    return List.copyOf(groups.keySet());
  }

  /** Every group, sorted by name. */
  public Collection<GroupState> all() {
    return groups.values();
  }

  /**
   * The groups after {@code name} (all when null), sorted by name: one page of ListProfilingGroups.
   */
  public Collection<GroupState> after(String name) {
    return (name == null ? groups : groups.tailMap(name, false)).values();
  }

  void clear() {
    groups.clear();
  }
}

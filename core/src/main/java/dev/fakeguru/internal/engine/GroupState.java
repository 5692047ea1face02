package dev.fakeguru.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The mutable state of one profiling group. Every accessor holds the object's monitor; a caller
 * that reads and then changes (a revision check, a quota check) holds it around both. Storing a
 * profile and deleting the group exclude each other through {@link #lifecycle()}: posts share its
 * read lock, a delete takes its write lock and marks the group {@linkplain #isDeleted() deleted},
 * so a post either completes before the delete or finds the group gone. Internal.
 */
public final class GroupState {
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private volatile boolean deleted;
  private final String name;
  private final String arn;
  private final Instant createdAt;
  private final String computePlatform;
  private final String clientToken;
  private final String creationFingerprint;
  private Instant updatedAt;
  private boolean profilingEnabled;
  private Instant latestAgentOrchestratedAt;
  private Instant latestAgentProfileReportedAt;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private Policy policy;
  private final List<Channel> channels = new ArrayList<>();

  /** A notification channel. */
  public record Channel(String id, String uri, List<String> eventPublishers) {
    public Channel {
      eventPublishers = List.copyOf(eventPublishers);
    }
  }

  /** The attached resource policy: the document, its revision and the principals it allows. */
  public record Policy(String document, String revisionId, List<String> principals) {
    public Policy {
      principals = List.copyOf(principals);
    }
  }

  /** Everything a group holds, read at one moment. */
  public record Snapshot(
      String name,
      String arn,
      Instant createdAt,
      Instant updatedAt,
      String computePlatform,
      boolean profilingEnabled,
      Instant latestAgentOrchestratedAt,
      Instant latestAgentProfileReportedAt,
      Map<String, String> tags,
      String clientToken,
      String creationFingerprint,
      Policy policy,
      List<Channel> channels) {}

  /**
   * A new group.
   *
   * @param clientToken the CreateProfilingGroup token that created it, or null
   * @param creationFingerprint what that call asked for, to recognise its retries, or null
   */
  public GroupState(
      String name,
      String arn,
      Instant createdAt,
      String computePlatform,
      boolean profilingEnabled,
      Map<String, String> tags,
      String clientToken,
      String creationFingerprint) {
    this.name = name;
    this.arn = arn;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.computePlatform = computePlatform;
    this.profilingEnabled = profilingEnabled;
    this.tags.putAll(tags);
    this.clientToken = clientToken;
    this.creationFingerprint = creationFingerprint;
  }

  /** A group as a snapshot described it (restoring a data directory). */
  public static GroupState restore(Snapshot s) {
    GroupState g =
        new GroupState(
            s.name(),
            s.arn(),
            s.createdAt(),
            s.computePlatform(),
            s.profilingEnabled(),
            s.tags(),
            s.clientToken(),
            s.creationFingerprint());
    g.updatedAt = s.updatedAt();
    g.latestAgentOrchestratedAt = s.latestAgentOrchestratedAt();
    g.latestAgentProfileReportedAt = s.latestAgentProfileReportedAt();
    g.policy = s.policy();
    g.channels.addAll(s.channels());
    return g;
  }

  public String name() {
    return name;
  }

  /** Read-locked while a profile is stored into the group, write-locked to delete it. */
  ReentrantReadWriteLock lifecycle() {
    return lifecycle;
  }

  /** Whether the group was deleted (or the fake reset) since this state was looked up. */
  public boolean isDeleted() {
    return deleted;
  }

  /** Under the write lock of {@link #lifecycle()}. */
  void markDeleted() {
    deleted = true;
  }

  public String arn() {
    return arn;
  }

  /**
   * Whether a CreateProfilingGroup with this token and fingerprint is a retry of the one that made
   * it.
   */
  public boolean createdBy(String token, String fingerprint) {
    return token.equals(clientToken) && fingerprint.equals(creationFingerprint);
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(
        name,
        arn,
        createdAt,
        updatedAt,
        computePlatform,
        profilingEnabled,
        latestAgentOrchestratedAt,
        latestAgentProfileReportedAt,
        orderedCopy(tags),
        clientToken,
        creationFingerprint,
        policy,
        List.copyOf(channels));
  }

  public synchronized boolean profilingEnabled() {
    return profilingEnabled;
  }

  public synchronized void setProfilingEnabled(boolean enabled, Instant now) {
    profilingEnabled = enabled;
    updatedAt = now;
  }

  public synchronized void agentOrchestrated(Instant now) {
    latestAgentOrchestratedAt = now;
  }

  /** A profile was reported at {@code at}; the latest report time only moves forward. */
  public synchronized void profileReported(Instant at) {
    if (latestAgentProfileReportedAt == null || latestAgentProfileReportedAt.isBefore(at)) {
      latestAgentProfileReportedAt = at;
    }
  }

  public synchronized Map<String, String> tags() {
    return orderedCopy(tags);
  }

  public synchronized void putTags(Map<String, String> more) {
    tags.putAll(more);
  }

  public synchronized void removeTags(Collection<String> keys) {
    keys.forEach(tags::remove);
  }

  public synchronized Optional<Policy> policy() {
    return Optional.ofNullable(policy);
  }

  /**
   * Replaces the policy; null removes it. Callers check the revision under this object's monitor.
   */
  public synchronized void setPolicy(Policy policy) {
    this.policy = policy;
  }

  public synchronized List<Channel> channels() {
    return List.copyOf(channels);
  }

  public synchronized void addChannels(List<Channel> more) {
    channels.addAll(more);
  }

  public synchronized boolean removeChannel(String id) {
    return channels.removeIf(c -> c.id().equals(id));
  }

  private static Map<String, String> orderedCopy(Map<String, String> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}

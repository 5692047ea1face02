package dev.fakeguru.internal.engine;

import dev.fakeguru.findings.Pattern;
import dev.fakeguru.findings.Recommendation;
import dev.fakeguru.internal.aggregation.AggregationPeriod;
import dev.fakeguru.internal.aggregation.NodeLimitException;
import dev.fakeguru.internal.aggregation.PostedProfile;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.time.SettableClock;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fake's engine: it owns all state (profiling groups, stored profiles, the journal of calls and
 * posts, scripted answers, fault rules, the clock, the persistence) and the operations on it that
 * more than one face needs. The Java API ({@code FakeCodeGuruProfiler}), the CodeGuru API handlers
 * and the admin API are peers over it; none of them holds state of its own beyond caches.
 *
 * <p>Thread-safe: every component is, and compound operations say how they order themselves.
 * Internal.
 */
public final class Engine {
  private final EngineSettings settings;
  private final Clock clock;
  private final ProfilingGroups groups;
  private final ProfileStore profiles;
  private final Journal journal;
  private final Findings findings;
  private final Scripts scripts = new Scripts();
  private final Faults faults = new Faults();
  private final PageTokens pageTokens = new PageTokens();
  private final List<Runnable> resetListeners = new CopyOnWriteArrayList<>();
  private volatile Persistence persistence = Persistence.NONE;

  public Engine(EngineSettings settings) {
    this.settings = settings;
    this.clock = settings.clock();
    this.journal =
        new Journal(
            settings.maxRecordedCalls(), settings.maxRecordedPosts(), settings.maxRecordedBytes());
    this.profiles = new ProfileStore(clock, settings.maxAggregatedNodes());
    this.groups = new ProfilingGroups(settings, clock, name -> persistence.groupChanged(name));
    this.findings =
        new Findings(
            clock, settings.maxRecordedCalls(), g -> groups.find(g.name()).orElse(null) == g);
    createDeclaredGroups();
  }

  public EngineSettings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant();
  }

  public ProfilingGroups groups() {
    return groups;
  }

  public ProfileStore profiles() {
    return profiles;
  }

  public Journal journal() {
    return journal;
  }

  public Scripts scripts() {
    return scripts;
  }

  public Faults faults() {
    return faults;
  }

  public Findings findings() {
    return findings;
  }

  public PageTokens pageTokens() {
    return pageTokens;
  }

  public Persistence persistence() {
    return persistence;
  }

  /** Reports every durable change to {@code p} from now on. */
  public void persistTo(Persistence p) {
    this.persistence = p;
  }

  /** Runs {@code listener} after every reset (caches keyed by state drop their entries). */
  public void onReset(Runnable listener) {
    resetListeners.add(listener);
  }

  /**
   * Deletes a group with its stored profiles, tokens, policy, channels and tags; false if none. It
   * waits for posts being stored into the group, and later ones find it deleted.
   */
  public boolean deleteGroup(String name) {
    GroupState g = groups.find(name).orElse(null);
    if (g == null) {
      return false;
    }
    g.lifecycle().writeLock().lock();
    try {
      if (g.isDeleted() || !groups.remove(g)) {
        return false;
      }
      g.markDeleted();
      profiles.dropGroup(name);
      findings.dropGroup(name);
      persistence.groupChanged(name);
      return true;
    } finally {
      g.lifecycle().writeLock().unlock();
    }
  }

  /**
   * Stores a decoded post into {@code g} (unless its token was stored before): checked against the
   * aggregates, made durable, then aggregated; a failure at any step leaves nothing behind.
   * Excludes a delete of the group: a post either completes first or finds the group deleted.
   *
   * @param token the post's profile token, or null
   * @return true if stored, false for a retry of a stored token
   * @throws ServiceException 404 when the group was deleted meanwhile, 402 when the aggregates
   *     would hold more nodes than {@code maxAggregatedNodes}, 500 when the post cannot be made
   *     durable
   * @throws ArithmeticException when aggregating it would overflow a count
   */
  public boolean storeProfile(
      GroupState g,
      String token,
      String contentType,
      String contentEncoding,
      byte[] body,
      PostedProfile profile) {
    String group = g.name();
    g.lifecycle().readLock().lock();
    try {
      if (g.isDeleted()) {
        throw ServiceException.groupNotFound(group);
      }
      Instant receivedAt = now();
      return profiles.store(
          group,
          token,
          profile,
          () -> {
            try {
              return persistence.profileStored(
                  group, token, contentType, contentEncoding, body, receivedAt);
            } catch (RuntimeException e) {
              throw new ServiceException(
                  500,
                  "InternalServerException",
                  "The fake could not persist the profile: " + e.getMessage());
            }
          });
    } catch (NodeLimitException e) {
      throw ServiceException.quotaExceeded(
          "The fake cannot store this profile: " + e.getMessage() + ".");
    } finally {
      g.lifecycle().readLock().unlock();
    }
  }

  /**
   * Stores a post read back from a data directory, as if it had just been posted: aggregated, its
   * token remembered, the group's latest report moved, and recorded as a stored post. The live
   * rules apply: a token stored before is not stored again.
   *
   * @return false if the post repeats a token stored before (nothing is restored)
   * @throws RuntimeException if the body no longer decodes or would overflow the aggregates
   */
  public boolean restoreProfile(
      String group,
      String token,
      String contentType,
      String contentEncoding,
      byte[] body,
      Instant receivedAt) {
    PostedProfile profile =
        PostedProfile.decode(settings.codecLimits(), body, contentType, contentEncoding);
    if (!profiles.restore(group, token, profile)) {
      return false;
    }
    groups.find(group).ifPresent(g -> g.profileReported(receivedAt));
    journal.record(
        Recordings.decodedPost(
            new Recordings.PostFacts(
                journal.nextSequence(),
                group,
                token,
                contentType,
                contentEncoding,
                body,
                receivedAt),
            settings.codecLimits(),
            true));
    return true;
  }

  /**
   * The aggregated profile of {@code [from, to)}, as GetProfile combines it; empty without data.
   */
  public Optional<Profile> aggregatedProfile(String group, Instant from, Instant to) {
    return profiles.aggregator().aggregate(group, from, to);
  }

  /**
   * The start of the group's newest 5-minute aggregate ({@code latestAggregatedProfile}), if any.
   */
  public Optional<Instant> latestAggregatedStart(String group) {
    return profiles.aggregator().latestBucketStart(group, AggregationPeriod.PT5M);
  }

  /**
   * Applies {@code pattern} to the group's aggregated profile of {@code [from, to)} and adds the
   * recommendation it makes, if any (see {@link DerivedRecommendations}).
   *
   * @return the recommendation added; empty without data or without a match
   */
  public Optional<Recommendation> deriveRecommendation(
      GroupState group, Instant from, Instant to, Pattern pattern) {
    Optional<Recommendation> r =
        aggregatedProfile(group.name(), from, to)
            .flatMap(p -> DerivedRecommendations.derive(p, pattern));
    r.ifPresent(rec -> findings.addRecommendation(group, rec));
    return r;
  }

  /**
   * Forgets everything that happened: fault rules, scripts, recorded calls and posts, findings,
   * groups (the declared ones are created again), stored profiles, tokens and page tokens, and what
   * the persistence holds; a {@link SettableClock} goes back to where it started.
   */
  public void reset() {
    for (GroupState g : groups.all()) {
      // Posts being stored finish first; later ones find their group deleted.
      g.lifecycle().writeLock().lock();
      try {
        g.markDeleted();
      } finally {
        g.lifecycle().writeLock().unlock();
      }
    }
    faults.clear();
    scripts.clear();
    journal.clear();
    findings.clear();
    groups.clear();
    profiles.clear();
    pageTokens.clear();
    persistence.cleared();
    if (clock instanceof SettableClock settable) {
      settable.reset();
    }
    resetListeners.forEach(Runnable::run);
    createDeclaredGroups();
  }

  private void createDeclaredGroups() {
    for (String name : settings.declaredGroups()) {
      groups.createIfAbsent(name, true);
    }
  }
}

package dev.fakeguru;

import dev.fakeguru.conformance.AgentScenario;
import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.conformance.ScenarioRun;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.findings.Anomaly;
import dev.fakeguru.findings.FindingsReport;
import dev.fakeguru.findings.Recommendation;
import dev.fakeguru.findings.RecordedFeedback;
import dev.fakeguru.findings.RecordedNotification;
import dev.fakeguru.internal.conformance.ConformanceChecker;
import dev.fakeguru.internal.conformance.ScenarioRunner;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The one implementation of {@link ProfilerFake}: every operation, against the engine of the fake
 * that {@link #fake()} names. {@link FakeCodeGuruProfiler} names itself; the JUnit extension names
 * the fake it is running for the current test. A new operation added here is therefore available on
 * both without further code; there is no forwarding to keep in step.
 *
 * <p>Extend it to give another test framework's integration the fake's operations:
 *
 * <pre>{@code
 * final class FakeGuruRule extends AbstractProfilerFake implements TestRule {
 *   private volatile FakeCodeGuruProfiler current;
 *
 *   protected FakeCodeGuruProfiler fake() {
 *     return Objects.requireNonNull(current, "no test is running");
 *   }
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe as {@link ProfilerFake} is, provided {@link #fake()} is.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class AbstractProfilerFake implements ProfilerFake {
  private static final Pattern GROUP_NAME = Pattern.compile("^[\\w-]{1,255}$");
  private static final int ARRIVALS_SHOWN = 50;

  /** For subclasses. */
  protected AbstractProfilerFake() {}

  /**
   * The fake the operations act on.
   *
   * @return the fake
   * @throws IllegalStateException when there is none at the moment (the message says when there is)
   */
  protected abstract FakeCodeGuruProfiler fake();

  private Engine engine() {
    return fake().engine();
  }

  // --- The server -------------------------------------------------------------------------------

  @Override
  public boolean isRunning() {
    return fake().isServing();
  }

  @Override
  public int port() {
    return fake().listeningPort("port()");
  }

  @Override
  public URI endpoint() {
    FakeCodeGuruProfiler fake = fake();
    return URI.create("http://" + fake.endpointHost() + ":" + fake.listeningPort("endpoint()"));
  }

  @Override
  public String region() {
    return engine().settings().region();
  }

  @Override
  public String accountId() {
    return engine().settings().accountId();
  }

  @Override
  public Clock clock() {
    return engine().clock();
  }

  @Override
  public Optional<String> adminToken() {
    return fake().adminTokenSetting();
  }

  // --- Profiling groups -------------------------------------------------------------------------

  @Override
  public ProfilerFake createProfilingGroup(String name) {
    return createProfilingGroup(name, true);
  }

  @Override
  public ProfilerFake createProfilingGroup(String name, boolean profilingEnabled) {
    engine().groups().createIfAbsent(requireValidName(name), profilingEnabled);
    return this;
  }

  /** The name, if it is 1 to 255 characters of {@code [A-Za-z0-9_-]}. */
  static String requireValidName(String name) {
    if (name == null || !GROUP_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "A profiling group name must be 1 to 255 characters of [A-Za-z0-9_-], but was '"
              + name
              + "'");
    }
    return name;
  }

  @Override
  public boolean deleteProfilingGroup(String name) {
    return engine().deleteGroup(name);
  }

  @Override
  public List<String> profilingGroupNames() {
    return engine().groups().names();
  }

  @Override
  public String profilingGroupArn(String name) {
    return engine().groups().arnOf(name);
  }

  // --- Calls
  // --------------------------------------------------------------------------------------

  @Override
  public List<RecordedCall> recordedCalls() {
    return engine().journal().calls();
  }

  @Override
  public List<RecordedCall> recordedCalls(Operation operation) {
    return engine().journal().calls(c -> c.operation() == operation);
  }

  @Override
  public List<RecordedCall> recordedCalls(Operation operation, String profilingGroup) {
    return engine().journal().calls(c -> c.operation() == operation && names(c, profilingGroup));
  }

  private static boolean names(RecordedCall c, String profilingGroup) {
    return c.profilingGroup().filter(profilingGroup::equals).isPresent();
  }

  @Override
  public int callCount(Operation operation) {
    return recordedCalls(operation).size();
  }

  @Override
  public int callCount(Operation operation, String profilingGroup) {
    return recordedCalls(operation, profilingGroup).size();
  }

  @Override
  public List<RecordedCall> unexpectedCalls() {
    return engine().journal().calls(c -> c.status() >= 400 && !c.faultInjected());
  }

  @Override
  public void verifyNoUnexpectedCalls() {
    List<RecordedCall> unexpected = unexpectedCalls();
    if (!unexpected.isEmpty()) {
      StringBuilder sb =
          new StringBuilder(
              "The fake answered " + unexpected.size() + " unexpected call(s) with an error:");
      unexpected.forEach(c -> sb.append("\n  ").append(c));
      throw new AssertionError(sb.append("\n").append(describeArrivals()).toString());
    }
  }

  @Override
  public long evictedCalls() {
    return engine().journal().evictedCalls();
  }

  @Override
  public String describeArrivals() {
    List<RecordedCall> calls = recordedCalls();
    if (calls.isEmpty()) {
      return "The fake received no calls.";
    }
    long evicted = evictedCalls();
    StringBuilder sb =
        new StringBuilder(
            "The fake received "
                + calls.size()
                + (calls.size() == 1 ? " call" : " calls")
                + (evicted > 0
                    ? " (after forgetting the " + evicted + " oldest, over maxRecordedCalls)"
                    : "")
                + ":");
    int shown = 0;
    for (RecordedCall c : calls) {
      if (shown++ == ARRIVALS_SHOWN) {
        sb.append("\n  … ").append(calls.size() - ARRIVALS_SHOWN).append(" more");
        break;
      }
      sb.append("\n  ").append(c);
    }
    return sb.toString();
  }

  // --- Posts and stored profiles
  // ------------------------------------------------------------------

  @Override
  public List<RecordedProfilePost> profilePosts() {
    return engine().journal().posts(p -> true);
  }

  @Override
  public List<RecordedProfilePost> profilePosts(String profilingGroup) {
    return engine().journal().posts(p -> p.profilingGroup().equals(profilingGroup));
  }

  @Override
  public List<RecordedProfilePost> storedProfiles() {
    return engine().journal().posts(RecordedProfilePost::stored);
  }

  @Override
  public List<RecordedProfilePost> storedProfiles(String profilingGroup) {
    return engine().journal().posts(storedIn(profilingGroup));
  }

  private static Predicate<RecordedProfilePost> storedIn(String profilingGroup) {
    return p -> p.stored() && p.profilingGroup().equals(profilingGroup);
  }

  @Override
  public RecordedProfilePost takeProfilePost(Duration timeout) {
    try {
      RecordedProfilePost post = engine().journal().takePost(timeout);
      if (post == null) {
        throw new AssertionError(
            "No PostAgentProfile arrived within "
                + timeout
                + " (beyond those already taken). "
                + describeArrivals());
      }
      return post;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for a PostAgentProfile", e);
    }
  }

  @Override
  public List<RecordedProfilePost> awaitStoredProfiles(
      String profilingGroup, int count, Duration timeout) {
    try {
      List<RecordedProfilePost> stored =
          engine().journal().awaitPosts(storedIn(profilingGroup), count, timeout);
      if (stored == null) {
        throw new AssertionError(
            "Expected "
                + count
                + " stored profiles for profiling group '"
                + profilingGroup
                + "' within "
                + timeout
                + ", but "
                + storedProfiles(profilingGroup).size()
                + " arrived. "
                + describeArrivals());
      }
      return stored;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for stored profiles", e);
    }
  }

  @Override
  public long evictedProfilePosts() {
    return engine().journal().evictedPosts();
  }

  @Override
  public Optional<Profile> aggregatedProfile(String profilingGroup, Instant from, Instant to) {
    return engine().aggregatedProfile(profilingGroup, from, to);
  }

  // --- Scripted answers
  // ---------------------------------------------------------------------------

  @Override
  public ProfilerFake enqueueGetProfile(ScriptedProfileResponse response) {
    engine().scripts().enqueueProfile(null, Objects.requireNonNull(response, "response"));
    return this;
  }

  @Override
  public ProfilerFake enqueueGetProfile(String profilingGroup, ScriptedProfileResponse response) {
    engine()
        .scripts()
        .enqueueProfile(
            Objects.requireNonNull(profilingGroup, "profilingGroup"),
            Objects.requireNonNull(response, "response"));
    return this;
  }

  @Override
  public ProfilerFake answerGetProfile(
      String profilingGroup, Instant start, Instant end, ScriptedProfileResponse response) {
    engine()
        .scripts()
        .answerRange(
            profilingGroup,
            Objects.requireNonNull(start, "start"),
            Objects.requireNonNull(end, "end"),
            Objects.requireNonNull(response, "response"));
    return this;
  }

  @Override
  public ProfilerFake setGetProfileFallback(ScriptedProfileResponse response) {
    engine().scripts().setProfileFallback(response);
    return this;
  }

  @Override
  public ProfilerFake enqueueConfigureAgent(AgentConfiguration configuration) {
    engine()
        .scripts()
        .enqueueConfiguration(null, Objects.requireNonNull(configuration, "configuration"));
    return this;
  }

  @Override
  public ProfilerFake enqueueConfigureAgent(
      String profilingGroup, AgentConfiguration configuration) {
    engine()
        .scripts()
        .enqueueConfiguration(
            Objects.requireNonNull(profilingGroup, "profilingGroup"),
            Objects.requireNonNull(configuration, "configuration"));
    return this;
  }

  @Override
  public List<String> unconsumedScripts() {
    return engine().scripts().unconsumed();
  }

  @Override
  public void verifyAllScriptsConsumed() {
    List<String> left = unconsumedScripts();
    if (!left.isEmpty()) {
      StringBuilder sb = new StringBuilder(left.size() + " scripted answer(s) were never served:");
      left.forEach(s -> sb.append("\n  ").append(s));
      throw new AssertionError(sb.append("\n").append(describeArrivals()).toString());
    }
  }

  // --- Faults
  // ---------------------------------------------------------------------------------------

  @Override
  public InjectedFault injectFault(FaultRule rule) {
    return engine().faults().add(Objects.requireNonNull(rule, "rule"));
  }

  @Override
  public InjectedFault injectFault(ProfilerFault fault, Operation operation, int times) {
    return injectFault(FaultRule.of(fault).onOperation(operation).nextCalls(times));
  }

  @Override
  public List<InjectedFault> activeFaults() {
    return engine().faults().active();
  }

  @Override
  public void clearFaults() {
    engine().faults().clear();
  }

  @Override
  public void reset() {
    engine().reset();
  }

  // --- Findings: recommendations, anomalies, reports, feedback, notifications -----------------

  @Override
  public ProfilerFake addRecommendation(String profilingGroup, Recommendation recommendation) {
    engine()
        .findings()
        .addRecommendation(
            existing(profilingGroup), Objects.requireNonNull(recommendation, "recommendation"));
    return this;
  }

  @Override
  public ProfilerFake addAnomaly(String profilingGroup, Anomaly anomaly) {
    engine()
        .findings()
        .addAnomaly(existing(profilingGroup), Objects.requireNonNull(anomaly, "anomaly"));
    return this;
  }

  @Override
  public Optional<Recommendation> deriveRecommendation(
      String profilingGroup, Instant from, Instant to, dev.fakeguru.findings.Pattern pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (!Objects.requireNonNull(from, "from").isBefore(Objects.requireNonNull(to, "to"))) {
      throw new IllegalArgumentException(
          "from must be before to, but from is " + from + " and to is " + to);
    }
    return engine().deriveRecommendation(existing(profilingGroup), from, to, pattern);
  }

  @Override
  public Optional<Recommendation> deriveRecommendation(
      String profilingGroup, Instant from, Instant to, String frame, double thresholdPercent) {
    return deriveRecommendation(
        profilingGroup, from, to, dev.fakeguru.findings.Pattern.hotFrame(frame, thresholdPercent));
  }

  /** The group, which must exist for findings to be scripted. */
  private GroupState existing(String profilingGroup) {
    return engine()
        .groups()
        .find(Objects.requireNonNull(profilingGroup, "profilingGroup"))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No profiling group is named '"
                        + profilingGroup
                        + "'; create it before scripting its findings."));
  }

  @Override
  public List<Recommendation> recommendations(String profilingGroup) {
    return ofGroup(profilingGroup, engine().findings()::recommendations);
  }

  @Override
  public List<Anomaly> anomalies(String profilingGroup) {
    return ofGroup(profilingGroup, engine().findings()::anomalies);
  }

  @Override
  public List<FindingsReport> findingsReports(String profilingGroup) {
    return ofGroup(profilingGroup, engine().findings()::reports);
  }

  /** What {@code read} says about the group; empty for a group that does not exist. */
  private <T> List<T> ofGroup(String profilingGroup, Function<GroupState, List<T>> read) {
    return engine().groups().find(profilingGroup).map(read).orElse(List.of());
  }

  @Override
  public List<RecordedFeedback> receivedFeedback() {
    return engine().findings().feedback();
  }

  @Override
  public List<RecordedNotification> recordedNotifications() {
    return engine().findings().notifications();
  }

  // --- Agent conformance ------------------------------------------------------------------------

  @Override
  public ConformanceReport conformance(String profilingGroup) {
    return ConformanceChecker.check(
        engine(), Objects.requireNonNull(profilingGroup, "profilingGroup"), null, null);
  }

  @Override
  public ConformanceReport conformance(String profilingGroup, Instant since) {
    return ConformanceChecker.check(
        engine(),
        Objects.requireNonNull(profilingGroup, "profilingGroup"),
        Objects.requireNonNull(since, "since"),
        null);
  }

  @Override
  public ScenarioRun startScenario(String profilingGroup, AgentScenario scenario) {
    return ScenarioRunner.start(engine(), requireValidName(profilingGroup), scenario);
  }
}

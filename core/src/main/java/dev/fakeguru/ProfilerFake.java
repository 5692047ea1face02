package dev.fakeguru;

import dev.fakeguru.conformance.AgentScenario;
import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.conformance.ScenarioRun;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.findings.Anomaly;
import dev.fakeguru.findings.FindingsReport;
import dev.fakeguru.findings.Match;
import dev.fakeguru.findings.Pattern;
import dev.fakeguru.findings.Recommendation;
import dev.fakeguru.findings.RecordedFeedback;
import dev.fakeguru.findings.RecordedNotification;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import dev.fakeguru.time.SettableClock;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A fake CodeGuru Profiler as a test uses it: script it, let the code under test run against it,
 * verify what it received. {@link FakeCodeGuruProfiler} implements it, and so does the JUnit
 * extension's field ({@code FakeCodeGuruProfilerExtension}), both through {@link
 * AbstractProfilerFake}, so every operation here is available on both; write test helpers against
 * this type to serve both.
 *
 * <p>Vocabulary: a <em>post</em> is one PostAgentProfile call, whatever became of it; a <em>stored
 * profile</em> is a post the fake kept and aggregated (see {@link RecordedProfilePost#stored()}).
 *
 * <pre>{@code
 * // script
 * fake.injectFault(ProfilerFault.throttling(), Operation.POST_AGENT_PROFILE, 2);
 * // run
 * uploader.upload(profile);
 * // verify
 * assertThat(fake.callCount(Operation.POST_AGENT_PROFILE)).isEqualTo(3);
 * assertThat(fake.storedProfiles("checkout")).hasSize(1);
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread while clients call the server
 * concurrently. Recorded calls and posts are immutable snapshots.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface ProfilerFake {

  // --- The server -------------------------------------------------------------------------------

  /**
   * Whether the fake is serving.
   *
   * @return true between start and close
   */
  boolean isRunning();

  /**
   * The port the server listens on.
   *
   * @return the port
   * @throws IllegalStateException if the fake is not running
   */
  int port();

  /**
   * The URI to give SDK clients as their endpoint override, e.g. {@code http://127.0.0.1:50123}.
   *
   * @return the endpoint
   * @throws IllegalStateException if the fake is not running
   */
  URI endpoint();

  /**
   * The region used in ARNs (and by the SDK clients the JUnit extension injects).
   *
   * @return e.g. {@code us-east-1}
   */
  String region();

  /**
   * The account id used in ARNs.
   *
   * @return 12 digits
   */
  String accountId();

  /**
   * The clock the fake reads for timestamps, buckets and retention.
   *
   * @return a {@link SettableClock} unless the builder was given another clock
   */
  Clock clock();

  /**
   * The admin API's token, if calls to it must carry one.
   *
   * @return the token
   */
  Optional<String> adminToken();

  // --- Profiling groups -------------------------------------------------------------------------

  /**
   * Creates a profiling group with profiling enabled, as CreateProfilingGroup would; nothing
   * happens if it exists.
   *
   * @param name 1 to 255 characters of {@code [A-Za-z0-9_-]}
   * @return this fake
   * @throws IllegalArgumentException if the name is invalid
   */
  ProfilerFake createProfilingGroup(String name);

  /**
   * Creates a profiling group; nothing happens if it exists.
   *
   * @param name 1 to 255 characters of {@code [A-Za-z0-9_-]}
   * @param profilingEnabled the group's {@code agentOrchestrationConfig.profilingEnabled}
   * @return this fake
   * @throws IllegalArgumentException if the name is invalid
   */
  ProfilerFake createProfilingGroup(String name, boolean profilingEnabled);

  /**
   * Deletes a profiling group with its stored profiles, policy, channels and tags.
   *
   * @param name the group
   * @return false if there was none
   */
  boolean deleteProfilingGroup(String name);

  /**
   * The names of the existing profiling groups.
   *
   * @return the names, sorted
   */
  List<String> profilingGroupNames();

  /**
   * The ARN the fake gives a profiling group of this name.
   *
   * @param name the group
   * @return {@code arn:aws:codeguru-profiler:REGION:ACCOUNT:profilingGroup/NAME}
   */
  String profilingGroupArn(String name);

  // --- Calls
  // --------------------------------------------------------------------------------------

  /**
   * Every API call received since the start or the last reset, in arrival order.
   *
   * @return an immutable snapshot
   */
  List<RecordedCall> recordedCalls();

  /**
   * The calls of one operation, in arrival order.
   *
   * @param operation the operation
   * @return an immutable snapshot
   */
  List<RecordedCall> recordedCalls(Operation operation);

  /**
   * The calls of one operation naming one profiling group, in arrival order.
   *
   * @param operation the operation
   * @param profilingGroup the group
   * @return an immutable snapshot
   */
  List<RecordedCall> recordedCalls(Operation operation, String profilingGroup);

  /**
   * How many calls of one operation arrived.
   *
   * @param operation the operation
   * @return the count
   */
  int callCount(Operation operation);

  /**
   * How many calls of one operation naming one profiling group arrived.
   *
   * @param operation the operation
   * @param profilingGroup the group
   * @return the count
   */
  int callCount(Operation operation, String profilingGroup);

  /**
   * The calls the fake answered with an error that no test injected: unknown operations, unknown
   * profiling groups, invalid input. In a test these usually mean the code under test is
   * misconfigured.
   *
   * @return an immutable snapshot
   */
  List<RecordedCall> unexpectedCalls();

  /**
   * Fails if any call was {@linkplain #unexpectedCalls() unexpected}.
   *
   * @throws AssertionError listing them and everything else that arrived
   */
  void verifyNoUnexpectedCalls();

  /**
   * How many recorded calls were forgotten because the builder's {@code maxRecordedCalls} was
   * reached.
   *
   * @return the count since the start or the last reset
   */
  long evictedCalls();

  /**
   * A readable summary of everything received, for failure messages.
   *
   * @return one line per call (at most 50)
   */
  String describeArrivals();

  // --- Posts and stored profiles
  // ------------------------------------------------------------------

  /**
   * Every post (PostAgentProfile call), stored or not, in arrival order.
   *
   * @return an immutable snapshot
   */
  List<RecordedProfilePost> profilePosts();

  /**
   * The posts for one profiling group, stored or not, in arrival order.
   *
   * @param profilingGroup the group
   * @return an immutable snapshot
   */
  List<RecordedProfilePost> profilePosts(String profilingGroup);

  /**
   * The stored profiles: the posts the fake kept and aggregated, in arrival order.
   *
   * @return an immutable snapshot
   */
  List<RecordedProfilePost> storedProfiles();

  /**
   * The stored profiles of one profiling group, in arrival order.
   *
   * @param profilingGroup the group
   * @return an immutable snapshot
   */
  List<RecordedProfilePost> storedProfiles(String profilingGroup);

  /**
   * The next post not yet taken (in arrival order, stored or not), waiting for it: the way to meet
   * an asynchronous agent one post at a time.
   *
   * @param timeout how long to wait
   * @return the post
   * @throws AssertionError listing what did arrive if none comes in time
   */
  RecordedProfilePost takeProfilePost(Duration timeout);

  /**
   * Waits until a profiling group has at least {@code count} stored profiles (SDK retries of a
   * stored token and refused posts do not count), and returns all of them.
   *
   * @param profilingGroup the group
   * @param count how many stored profiles to wait for
   * @param timeout how long to wait
   * @return the group's stored profiles, at least {@code count}
   * @throws AssertionError listing what did arrive if they do not come in time
   */
  List<RecordedProfilePost> awaitStoredProfiles(String profilingGroup, int count, Duration timeout);

  /**
   * How many posts were forgotten because the builder's {@code maxRecordedProfilePosts} was reached
   * (their samples stay in the aggregates).
   *
   * @return the count since the start or the last reset
   */
  long evictedProfilePosts();

  /**
   * The aggregated profile of {@code [from, to)} as GetProfile would combine it (best effort,
   * narrowed to the data).
   *
   * @param profilingGroup the group
   * @param from the start of the range
   * @param to the end of the range
   * @return the profile, or empty when no retained data overlaps
   */
  Optional<Profile> aggregatedProfile(String profilingGroup, Instant from, Instant to);

  // --- Scripted answers
  // ---------------------------------------------------------------------------

  /**
   * Queues a GetProfile answer for any profiling group: the next GetProfile call with valid
   * parameters gets it (answers queued for the call's own group come first). Queued answers are
   * served even for groups the fake does not know.
   *
   * @param response the answer
   * @return this fake
   */
  ProfilerFake enqueueGetProfile(ScriptedProfileResponse response);

  /**
   * Queues a GetProfile answer for one profiling group (first in, first out).
   *
   * @param profilingGroup the group
   * @param response the answer
   * @return this fake
   */
  ProfilerFake enqueueGetProfile(String profilingGroup, ScriptedProfileResponse response);

  /**
   * Answers every GetProfile for exactly {@code [start, end)} with {@code response} (not consumed;
   * queued answers come first).
   *
   * @param profilingGroup the group, or null for any group
   * @param start the exact start asked for
   * @param end the exact end asked for
   * @param response the answer
   * @return this fake
   */
  ProfilerFake answerGetProfile(
      String profilingGroup, Instant start, Instant end, ScriptedProfileResponse response);

  /**
   * Sets what GetProfile answers when no queued or range answer applies.
   *
   * @param response the answer, or null (the default) for the aggregation of what was posted
   * @return this fake
   */
  ProfilerFake setGetProfileFallback(ScriptedProfileResponse response);

  /**
   * Queues a ConfigureAgent answer for any profiling group (answers for the call's own group
   * first).
   *
   * @param configuration the answer
   * @return this fake
   */
  ProfilerFake enqueueConfigureAgent(AgentConfiguration configuration);

  /**
   * Queues a ConfigureAgent answer for one profiling group, e.g. {@code shouldProfile=false}.
   *
   * @param profilingGroup the group
   * @param configuration the answer
   * @return this fake
   */
  ProfilerFake enqueueConfigureAgent(String profilingGroup, AgentConfiguration configuration);

  /**
   * Descriptions of the queued answers never served.
   *
   * @return one line each
   */
  List<String> unconsumedScripts();

  /**
   * Fails if a queued answer was never served.
   *
   * @throws AssertionError listing them and what arrived
   */
  void verifyAllScriptsConsumed();

  // --- Faults
  // ---------------------------------------------------------------------------------------

  /**
   * Puts a fault rule in force; see {@link FaultRule} for targets and schedules.
   *
   * @param rule the rule
   * @return the rule in force, to count its applications or remove it early
   */
  InjectedFault injectFault(FaultRule rule);

  /**
   * Shorthand: {@code fault} on the next {@code times} calls of {@code operation}.
   *
   * @param fault the fault
   * @param operation the operation
   * @param times how many calls
   * @return the rule in force
   */
  InjectedFault injectFault(ProfilerFault fault, Operation operation, int times);

  /**
   * The fault rules that can still fire, in the order injected.
   *
   * @return an immutable snapshot
   */
  List<InjectedFault> activeFaults();

  /** Removes every fault rule. */
  void clearFaults();

  // --- Reset
  // ------------------------------------------------------------------------------------------

  /**
   * Forgets everything that happened since the start: fault rules, scripted answers, recorded calls
   * and posts, profiling groups (the declared ones are created again), stored profiles and tokens;
   * a {@link SettableClock} goes back to its initial instant. The port and configuration stay. A
   * data directory is emptied too: a restart after a reset brings nothing back. Findings, received
   * feedback and recorded notifications are forgotten too.
   */
  void reset();

  // --- Findings: recommendations, anomalies, reports, feedback, notifications -----------------

  /**
   * Adds a recommendation to a profiling group: GetRecommendations answers it for every range that
   * overlaps its own, and the group's {@linkplain #findingsReports(String) reports} count it.
   *
   * @param profilingGroup an existing group
   * @param recommendation the recommendation, spanning at most 31 days
   * @return this fake
   * @throws IllegalArgumentException if the group does not exist or the span is longer
   */
  ProfilerFake addRecommendation(String profilingGroup, Recommendation recommendation);

  /**
   * Adds an anomaly to a profiling group: GetRecommendations answers it, with the instances a range
   * overlaps, SubmitFeedback accepts its instances' ids, and for each of the group's notification
   * channels a notification per instance is {@linkplain #recordedNotifications() recorded}. An
   * instance without an end goes on until the fake's clock says now (at most 31 days).
   *
   * @param profilingGroup an existing group
   * @param anomaly the anomaly; each instance spans at most 31 days
   * @return this fake
   * @throws IllegalArgumentException if the group does not exist, an instance spans longer, or an
   *     instance id is already the group's
   */
  ProfilerFake addAnomaly(String profilingGroup, Anomaly anomaly);

  /**
   * Derives a recommendation from the profiles the group stored: applies {@code pattern} to the
   * aggregated profile of {@code [from, to)} (as {@link #aggregatedProfile} combines it), and adds
   * the recommendation it makes. Every outermost occurrence of a target frame whose share of the
   * samples reaches {@link Pattern#thresholdPercent()} is a {@link Match}: its call path as the
   * frame address, its share in percent as the breach value. The recommendation covers the
   * aggregated profile's range.
   *
   * <pre>{@code
   * // 30 of 100 samples went through Json.serialize
   * Optional<Recommendation> r =
   *     fake.deriveRecommendation("checkout", from, to, Pattern.hotFrame("Json.serialize", 25));
   * assertThat(r.orElseThrow().allMatchesSum()).isEqualTo(30.0);
   * }</pre>
   *
   * @param profilingGroup an existing group
   * @param from the start of the range
   * @param to the end of the range, after {@code from}
   * @param pattern what to look for
   * @return the recommendation added, or empty (nothing added) when no data overlaps the range or
   *     no target frame reaches the threshold
   * @throws IllegalArgumentException if the group does not exist or the range is empty
   */
  Optional<Recommendation> deriveRecommendation(
      String profilingGroup, Instant from, Instant to, Pattern pattern);

  /**
   * Derives the recommendation "{@code frame} over {@code thresholdPercent} % of the samples" from
   * the profiles the group stored: {@link #deriveRecommendation(String, Instant, Instant, Pattern)}
   * with {@link Pattern#hotFrame(String, double)}.
   *
   * @param profilingGroup an existing group
   * @param from the start of the range
   * @param to the end of the range, after {@code from}
   * @param frame the frame name
   * @param thresholdPercent 0 to 100
   * @return the recommendation added, or empty (nothing added)
   * @throws IllegalArgumentException if the group does not exist or the range is empty
   */
  Optional<Recommendation> deriveRecommendation(
      String profilingGroup, Instant from, Instant to, String frame, double thresholdPercent);

  /**
   * The recommendations of a profiling group, in the order added.
   *
   * @param profilingGroup the group
   * @return an immutable snapshot; empty for a group that does not exist
   */
  List<Recommendation> recommendations(String profilingGroup);

  /**
   * The anomalies of a profiling group, in the order added, each instance with the latest feedback
   * it received.
   *
   * @param profilingGroup the group
   * @return an immutable snapshot; empty for a group that does not exist
   */
  List<Anomaly> anomalies(String profilingGroup);

  /**
   * The findings reports the fake derives for a profiling group, as ListFindingsReports answers
   * them (see {@link FindingsReport}): by start, then end.
   *
   * @param profilingGroup the group
   * @return an immutable snapshot; empty for a group that does not exist
   */
  List<FindingsReport> findingsReports(String profilingGroup);

  /**
   * The feedback SubmitFeedback delivered, in arrival order.
   *
   * @return an immutable snapshot (at most the builder's {@code maxRecordedCalls}, the newest)
   */
  List<RecordedFeedback> receivedFeedback();

  /**
   * The notifications the service would have sent to notification channels, in the order recorded.
   *
   * @return an immutable snapshot (at most the builder's {@code maxRecordedCalls}, the newest)
   */
  List<RecordedNotification> recordedNotifications();

  // --- Agent conformance
  // -------------------------------------------------------------------------

  /**
   * Judges the agent that called for a profiling group: every {@link
   * dev.fakeguru.conformance.ConformanceRule} over the ConfigureAgent and PostAgentProfile calls
   * the fake retained for the group, each rule passing, failing (with the calls as evidence) or not
   * observed. The report is a snapshot; the agent may go on calling.
   *
   * <pre>{@code
   * ConformanceReport report = fake.conformance("my-app");
   * assertThat(report.failures()).isEmpty();
   * }</pre>
   *
   * @param profilingGroup the group
   * @return the report
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  ConformanceReport conformance(String profilingGroup);

  /**
   * Judges the agent on the calls that arrived at or after {@code since} (the fake's clock), e.g.
   * after a warm-up or a previous test's agent.
   *
   * @param profilingGroup the group
   * @param since the start of the window
   * @return the report
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  ConformanceReport conformance(String profilingGroup, Instant since);

  /**
   * Starts steering the agent of a profiling group (created if absent) through a scenario, from now
   * on the fake's clock: ConfigureAgent answers for the group follow its schedule (answers queued
   * with {@link #enqueueConfigureAgent} still come first), and its faults fire once each.
   *
   * <pre>{@code
   * ScenarioRun run = fake.startScenario("my-app", AgentScenario.named(AgentScenario.FULL, 10));
   * ConformanceReport report = run.awaitEnd(Duration.ofMinutes(3));
   * }</pre>
   *
   * @param profilingGroup 1 to 255 characters of {@code [A-Za-z0-9_-]}
   * @param scenario the scenario
   * @return the run, to wait for its end and its report
   * @throws IllegalArgumentException if the name is invalid
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  ScenarioRun startScenario(String profilingGroup, AgentScenario scenario);
}

package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.AbstractCallTreeAssert.requireNonNullArgument;
import static dev.fakeguru.assertj.AbstractCallTreeAssert.verbatim;
import static dev.fakeguru.assertj.error.ShouldBeDecodable.shouldBeDecodable;
import static dev.fakeguru.assertj.error.ShouldHaveReceivedCalls.shouldHaveConsumedAllScripts;
import static dev.fakeguru.assertj.error.ShouldHaveReceivedCalls.shouldHaveNoUnexpectedCalls;
import static dev.fakeguru.assertj.error.ShouldHaveReceivedCalls.shouldHaveReceivedCalls;
import static dev.fakeguru.assertj.error.ShouldHaveReceivedCalls.shouldHaveReceivedNoCalls;
import static dev.fakeguru.assertj.error.ShouldHaveReceivedFeedback.shouldHaveReceivedFeedback;
import static dev.fakeguru.assertj.error.ShouldHaveReceivedProfilePosts.shouldHaveReceivedProfilePosts;
import static dev.fakeguru.assertj.error.ShouldHaveRecordedNotifications.shouldHaveRecordedNotifications;
import static dev.fakeguru.assertj.error.ShouldHaveStoredProfiles.shouldHaveStoredProfileAt;
import static dev.fakeguru.assertj.error.ShouldHaveStoredProfiles.shouldHaveStoredProfiles;

import dev.fakeguru.ProfilerFake;
import dev.fakeguru.findings.FeedbackType;
import dev.fakeguru.findings.RecordedFeedback;
import dev.fakeguru.findings.RecordedNotification;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over what a {@link ProfilerFake} received (a {@code FakeCodeGuruProfiler} or the JUnit
 * extension's field): calls per operation, posts and stored profiles, unexpected calls and unserved
 * scripts. Every failure message lists what did arrive: the calls (operation, group, status, error
 * type) or the posts with a compact summary of each profile (node count, total samples, top-level
 * frames).
 *
 * <p>Vocabulary, as everywhere in FakeGuru: a <em>post</em> is one PostAgentProfile call, whatever
 * became of it ({@link ProfilerFake#profilePosts()}); a <em>stored profile</em> is a post the fake
 * kept and aggregated ({@link ProfilerFake#storedProfiles()}). Rejected posts (unknown group, bad
 * content type, undecodable body…), SDK retries of a profile token that was already stored, and
 * posts stopped by an injected fault are posts but not stored profiles.
 *
 * <pre>{@code
 * assertThat(fake)
 *     .hasStoredProfiles("my-app", 1)
 *     .hasReceivedCalls(Operation.CONFIGURE_AGENT, "my-app", 1)
 *     .hasNoUnexpectedCalls()
 *     .storedProfile("my-app", 0).hasCallPath("main", "handle");
 * }</pre>
 *
 * <p>The assertions read the fake's journal when they run; an agent that posts asynchronously may
 * not have posted yet, so wait first with {@link ProfilerFake#awaitStoredProfiles} or {@link
 * ProfilerFake#takeProfilePost}.
 *
 * @param <SELF> the "self" type of this assertion class
 * @param <ACTUAL> the type of the actual value
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class AbstractFakeCodeGuruProfilerAssert<
        SELF extends AbstractFakeCodeGuruProfilerAssert<SELF, ACTUAL>, ACTUAL extends ProfilerFake>
    extends AbstractAssert<SELF, ACTUAL> {

  /**
   * Creates the assertion.
   *
   * @param actual the fake under test
   * @param selfType the concrete assertion class
   */
  protected AbstractFakeCodeGuruProfilerAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  // ---------------------------------------------------------------- stored profiles and posts

  /**
   * Verifies that the fake has exactly {@code expected} stored profiles ({@link
   * ProfilerFake#storedProfiles()}), over every profiling group. Rejected posts, retries of a
   * stored profile token and posts stopped by an injected fault are not stored profiles; use {@link
   * #hasReceivedProfilePosts(int)} to count every post.
   *
   * <pre>{@code
   * // the agent posted one profile to group "g" and retried it with the same profileToken
   *
   * // assertion will pass
   * assertThat(fake).hasStoredProfiles(1);
   *
   * // assertion will fail: the retry was not stored
   * assertThat(fake).hasStoredProfiles(2);
   * }</pre>
   *
   * @param expected the expected number of stored profiles
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the fake has another number of stored profiles
   * @throws IllegalArgumentException if {@code expected} is negative
   */
  public SELF hasStoredProfiles(int expected) {
    return checkStoredProfiles(null, expected);
  }

  /**
   * Verifies that the fake has exactly {@code expected} stored profiles for one profiling group
   * ({@link ProfilerFake#storedProfiles(String)}); what is stored is described in {@link
   * #hasStoredProfiles(int)}.
   *
   * <pre>{@code
   * // the agent posted one profile to group "g"
   *
   * // assertion will pass
   * assertThat(fake).hasStoredProfiles("g", 1).hasStoredProfiles("other", 0);
   *
   * // assertion will fail
   * assertThat(fake).hasStoredProfiles("g", 2);
   * }</pre>
   *
   * @param profilingGroup the profiling group
   * @param expected the expected number of stored profiles
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the fake has another number of stored profiles for the group
   * @throws IllegalArgumentException if {@code profilingGroup} is {@code null} or {@code expected}
   *     is negative
   */
  public SELF hasStoredProfiles(String profilingGroup, int expected) {
    requireGroup(profilingGroup);
    return checkStoredProfiles(profilingGroup, expected);
  }

  private SELF checkStoredProfiles(String group, int expected) {
    isNotNull();
    requireCount(expected);
    int stored = storedProfiles(group).size();
    if (stored != expected) {
      throw assertionError(
          shouldHaveStoredProfiles(group, expected, stored, actual.profilePosts()));
    }
    return myself;
  }

  /**
   * Verifies that the fake received exactly {@code expected} posts ({@link
   * ProfilerFake#profilePosts()}), stored or not: rejected posts, retries of a stored profile token
   * and posts stopped by an injected fault all count. Use {@link #hasStoredProfiles(int)} to count
   * only stored profiles.
   *
   * <pre>{@code
   * // the agent posted one profile and retried it with the same profileToken
   *
   * // assertion will pass
   * assertThat(fake).hasReceivedProfilePosts(2);
   *
   * // assertion will fail
   * assertThat(fake).hasReceivedProfilePosts(1);
   * }</pre>
   *
   * @param expected the expected number of posts
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the fake received another number of posts
   * @throws IllegalArgumentException if {@code expected} is negative
   */
  public SELF hasReceivedProfilePosts(int expected) {
    return checkPosts(null, expected);
  }

  /**
   * Verifies that the fake received exactly {@code expected} posts, stored or not, for one
   * profiling group ({@link ProfilerFake#profilePosts(String)}); see {@link
   * #hasReceivedProfilePosts(int)}.
   *
   * <pre>{@code
   * // the agent posted one profile to group "g"
   *
   * // assertion will pass
   * assertThat(fake).hasReceivedProfilePosts("g", 1);
   *
   * // assertion will fail
   * assertThat(fake).hasReceivedProfilePosts("other", 1);
   * }</pre>
   *
   * @param profilingGroup the profiling group
   * @param expected the expected number of posts
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the fake received another number of posts for the group
   * @throws IllegalArgumentException if {@code profilingGroup} is {@code null} or {@code expected}
   *     is negative
   */
  public SELF hasReceivedProfilePosts(String profilingGroup, int expected) {
    requireGroup(profilingGroup);
    return checkPosts(profilingGroup, expected);
  }

  private SELF checkPosts(String group, int expected) {
    isNotNull();
    requireCount(expected);
    int posts = group == null ? actual.profilePosts().size() : actual.profilePosts(group).size();
    if (posts != expected) {
      throw assertionError(
          shouldHaveReceivedProfilePosts(group, expected, posts, actual.profilePosts()));
    }
    return myself;
  }

  /**
   * Navigates to the decoded profile of the {@code index}-th stored profile (from 0, in arrival
   * order, over every group, as in {@link ProfilerFake#storedProfiles()}; what is stored is
   * described in {@link #hasStoredProfiles(int)}). The returned assertion is described as {@code
   * [fake > stored profile #0]}, and navigation from it goes on like {@code [fake > stored profile
   * #0 > main > handle]}.
   *
   * <p>In soft assertions (AssertJ 3.x), a failed navigation returns {@code null}; use {@code
   * softly.check(() -> assertThat(fake).storedProfile(0).hasFrame("x"))}.
   *
   * <pre>{@code
   * // the agent posted one profile whose stacks all start at "main"
   *
   * // assertion will pass
   * assertThat(fake).storedProfile(0).hasCallPath("main");
   *
   * // assertion will fail: the fake has only one stored profile
   * assertThat(fake).storedProfile(1);
   * }</pre>
   *
   * @param index the index among the stored profiles, from 0
   * @return an assertion over the profile
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the fake has fewer than {@code index + 1} stored profiles
   * @throws IllegalArgumentException if {@code index} is negative
   */
  @CheckReturnValue
  public ProfileAssert storedProfile(int index) {
    return navigateToStoredProfile(null, index);
  }

  /**
   * Navigates to the decoded profile of the {@code index}-th stored profile of one profiling group
   * (from 0, in arrival order, as in {@link ProfilerFake#storedProfiles(String)}); see {@link
   * #storedProfile(int)}. The returned assertion is described as {@code [fake > stored profile #0
   * of group 'g']}.
   *
   * <pre>{@code
   * // the agent posted one profile to "g" whose stacks all start at "main"
   *
   * // assertion will pass
   * assertThat(fake).storedProfile("g", 0).hasCallPath("main");
   *
   * // assertion will fail: "other" has no stored profile
   * assertThat(fake).storedProfile("other", 0);
   * }</pre>
   *
   * @param profilingGroup the profiling group
   * @param index the index among the group's stored profiles, from 0
   * @return an assertion over the profile
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the group has fewer than {@code index + 1} stored profiles
   * @throws IllegalArgumentException if {@code profilingGroup} is {@code null} or {@code index} is
   *     negative
   */
  @CheckReturnValue
  public ProfileAssert storedProfile(String profilingGroup, int index) {
    requireGroup(profilingGroup);
    return navigateToStoredProfile(profilingGroup, index);
  }

  private ProfileAssert navigateToStoredProfile(String group, int index) {
    isNotNull();
    if (index < 0) {
      throw new IllegalArgumentException("The index must not be negative, but was " + index + ".");
    }
    List<RecordedProfilePost> stored = storedProfiles(group);
    if (index >= stored.size()) {
      throw assertionError(
          shouldHaveStoredProfileAt(group, index, stored.size(), actual.profilePosts()));
    }
    RecordedProfilePost post = stored.get(index);
    if (post.profile().isEmpty()) {
      throw assertionError(shouldBeDecodable(post));
    }
    String description =
        rootLabelForNavigation()
            + " > stored profile #"
            + index
            + (group == null ? "" : " of group '" + group + "'");
    return new ProfileAssert(post.profile().get()).describedAs(verbatim(description));
  }

  // ---------------------------------------------------------------- calls

  /**
   * Verifies that the fake received exactly {@code expected} calls of an operation, whatever their
   * outcome (rejected and fault-injected calls count).
   *
   * <pre>{@code
   * // the agent called ConfigureAgent once and posted two profiles
   *
   * // assertion will pass
   * assertThat(fake).hasReceivedCalls(Operation.POST_AGENT_PROFILE, 2).hasReceivedCalls(Operation.GET_PROFILE, 0);
   *
   * // assertion will fail
   * assertThat(fake).hasReceivedCalls(Operation.CONFIGURE_AGENT, 2);
   * }</pre>
   *
   * @param operation the operation
   * @param expected the expected number of calls
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the fake received another number of calls of the operation
   * @throws IllegalArgumentException if {@code operation} is {@code null} or {@code expected} is
   *     negative
   */
  public SELF hasReceivedCalls(Operation operation, int expected) {
    return hasCalls(operation, null, expected);
  }

  /**
   * Verifies that the fake received exactly {@code expected} calls of an operation naming one
   * profiling group, whatever their outcome.
   *
   * <pre>{@code
   * // the agent called ConfigureAgent once for "g"
   *
   * // assertion will pass
   * assertThat(fake).hasReceivedCalls(Operation.CONFIGURE_AGENT, "g", 1);
   *
   * // assertion will fail
   * assertThat(fake).hasReceivedCalls(Operation.CONFIGURE_AGENT, "other", 1);
   * }</pre>
   *
   * @param operation the operation
   * @param profilingGroup the profiling group
   * @param expected the expected number of calls
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the fake received another number of such calls
   * @throws IllegalArgumentException if {@code operation} or {@code profilingGroup} is {@code
   *     null}, or {@code expected} is negative
   */
  public SELF hasReceivedCalls(Operation operation, String profilingGroup, int expected) {
    requireGroup(profilingGroup);
    return hasCalls(operation, profilingGroup, expected);
  }

  private SELF hasCalls(Operation operation, String group, int expected) {
    isNotNull();
    requireNonNullArgument(operation, "The operation must not be null.");
    requireCount(expected);
    int calls = group == null ? actual.callCount(operation) : actual.callCount(operation, group);
    if (calls != expected) {
      throw assertionError(
          shouldHaveReceivedCalls(operation, group, expected, calls, actual.recordedCalls()));
    }
    return myself;
  }

  /**
   * Verifies that the fake received no call at all.
   *
   * <pre>{@code
   * // assertion will pass on a fresh fake
   * assertThat(fake).hasReceivedNoCalls();
   *
   * // assertion will fail once the agent called ConfigureAgent
   * assertThat(fake).hasReceivedNoCalls();
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the fake received any call
   */
  public SELF hasReceivedNoCalls() {
    isNotNull();
    List<RecordedCall> calls = actual.recordedCalls();
    if (!calls.isEmpty()) {
      throw assertionError(shouldHaveReceivedNoCalls(calls));
    }
    return myself;
  }

  /**
   * Verifies that the fake answered no call with an error the test did not inject ({@link
   * ProfilerFake#unexpectedCalls()}): unknown operations, unknown profiling groups, invalid input.
   * Such calls usually mean the code under test is misconfigured.
   *
   * <pre>{@code
   * // assertion will pass after the agent posted to an existing group
   * assertThat(fake).hasNoUnexpectedCalls();
   *
   * // assertion will fail after a call to a profiling group that does not exist (404)
   * assertThat(fake).hasNoUnexpectedCalls();
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if any call was unexpected
   */
  public SELF hasNoUnexpectedCalls() {
    isNotNull();
    List<RecordedCall> unexpected = actual.unexpectedCalls();
    if (!unexpected.isEmpty()) {
      throw assertionError(shouldHaveNoUnexpectedCalls(unexpected, actual.recordedCalls()));
    }
    return myself;
  }

  /**
   * Verifies that every answer queued with {@code enqueueGetProfile} or {@code
   * enqueueConfigureAgent} was served ({@link ProfilerFake#unconsumedScripts()} is empty).
   *
   * <pre>{@code
   * fake.enqueueConfigureAgent("g", AgentConfiguration.defaults().withShouldProfile(false));
   *
   * // assertion will fail: no ConfigureAgent call has consumed the answer yet
   * assertThat(fake).hasConsumedAllScripts();
   *
   * // assertion will pass once the agent called ConfigureAgent for "g"
   * assertThat(fake).hasConsumedAllScripts();
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if a queued answer was never served
   */
  public SELF hasConsumedAllScripts() {
    isNotNull();
    List<String> left = actual.unconsumedScripts();
    if (!left.isEmpty()) {
      throw assertionError(shouldHaveConsumedAllScripts(left, actual.recordedCalls()));
    }
    return myself;
  }

  // ---------------------------------------------------------------- findings: feedback,
  // notifications

  /**
   * Verifies that the fake accepted exactly {@code expected} feedback submissions (SubmitFeedback
   * calls on a scripted anomaly instance, {@link ProfilerFake#receivedFeedback()}). Calls it
   * refused (unknown instance, invalid input) are not feedback; count them with {@link
   * #hasReceivedCalls(Operation, int)}.
   *
   * <pre>{@code
   * // the user clicked "useful" once on an anomaly the test scripted
   *
   * // assertion will pass
   * assertThat(fake).hasReceivedFeedback(1);
   *
   * // assertion will fail
   * assertThat(fake).hasReceivedFeedback(2);
   * }</pre>
   *
   * @param expected the expected number of feedback submissions
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the fake received another number of feedback submissions
   * @throws IllegalArgumentException if {@code expected} is negative
   */
  public SELF hasReceivedFeedback(int expected) {
    isNotNull();
    requireCount(expected);
    List<RecordedFeedback> feedback = actual.receivedFeedback();
    if (feedback.size() != expected) {
      throw assertionError(shouldHaveReceivedFeedback(expected, feedback.size(), feedback));
    }
    return myself;
  }

  /**
   * Verifies that the fake accepted feedback of the given type on one anomaly instance (at least
   * once, whatever came before or after; the instance's current {@code userFeedback} is the
   * latest).
   *
   * <pre>{@code
   * // the user clicked "useful" on instance id
   *
   * // assertion will pass
   * assertThat(fake).hasReceivedFeedback(id, FeedbackType.POSITIVE);
   *
   * // assertion will fail
   * assertThat(fake).hasReceivedFeedback(id, FeedbackType.NEGATIVE);
   * }</pre>
   *
   * @param anomalyInstanceId the anomaly instance
   * @param type the feedback
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if no such feedback was received
   * @throws IllegalArgumentException if an argument is {@code null}
   */
  public SELF hasReceivedFeedback(String anomalyInstanceId, FeedbackType type) {
    isNotNull();
    requireNonNullArgument(anomalyInstanceId, "The anomaly instance id must not be null.");
    requireNonNullArgument(type, "The feedback type must not be null.");
    List<RecordedFeedback> feedback = actual.receivedFeedback();
    boolean received =
        feedback.stream()
            .anyMatch(f -> f.anomalyInstanceId().equals(anomalyInstanceId) && f.type() == type);
    if (!received) {
      throw assertionError(shouldHaveReceivedFeedback(anomalyInstanceId, type, feedback));
    }
    return myself;
  }

  /**
   * Verifies that the fake recorded exactly {@code expected} notifications ({@link
   * ProfilerFake#recordedNotifications()}): what the service would have sent to notification
   * channels, one per channel for every instance of an anomaly scripted while the group had
   * channels.
   *
   * <pre>{@code
   * // the group has one channel; the test scripted an anomaly with two instances
   *
   * // assertion will pass
   * assertThat(fake).hasRecordedNotifications(2);
   *
   * // assertion will fail
   * assertThat(fake).hasRecordedNotifications(1);
   * }</pre>
   *
   * @param expected the expected number of notifications
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the fake recorded another number of notifications
   * @throws IllegalArgumentException if {@code expected} is negative
   */
  public SELF hasRecordedNotifications(int expected) {
    return checkNotifications(null, expected);
  }

  /**
   * Verifies that the fake recorded exactly {@code expected} notifications to one channel; see
   * {@link #hasRecordedNotifications(int)}.
   *
   * <pre>{@code
   * // the group's channel is arn:aws:sns:us-east-1:123456789012:alerts; one anomaly instance
   *
   * // assertion will pass
   * assertThat(fake).hasRecordedNotifications("arn:aws:sns:us-east-1:123456789012:alerts", 1);
   *
   * // assertion will fail
   * assertThat(fake).hasRecordedNotifications("arn:aws:sns:us-east-1:123456789012:other", 1);
   * }</pre>
   *
   * @param channelUri the channel's URI (an SNS topic ARN)
   * @param expected the expected number of notifications to it
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the fake recorded another number of notifications to the channel
   * @throws IllegalArgumentException if {@code channelUri} is {@code null} or {@code expected} is
   *     negative
   */
  public SELF hasRecordedNotifications(String channelUri, int expected) {
    requireNonNullArgument(channelUri, "The channel URI must not be null.");
    return checkNotifications(channelUri, expected);
  }

  private SELF checkNotifications(String channelUri, int expected) {
    isNotNull();
    requireCount(expected);
    List<RecordedNotification> notifications = actual.recordedNotifications();
    long count =
        notifications.stream()
            .filter(n -> channelUri == null || n.channelUri().equals(channelUri))
            .count();
    if (count != expected) {
      throw assertionError(
          shouldHaveRecordedNotifications(channelUri, expected, (int) count, notifications));
    }
    return myself;
  }

  // ---------------------------------------------------------------- agent conformance

  /**
   * Navigates to the agent conformance report of a profiling group ({@link
   * ProfilerFake#conformance(String)}): every rule a CodeGuru Profiler agent is judged by, over the
   * ConfigureAgent and PostAgentProfile calls the fake retained for the group. The returned
   * assertion is described as {@code [fake > agent conformance of 'g']}.
   *
   * <pre>{@code
   * // the agent called ConfigureAgent, then posted every period with well-formed profiles
   *
   * // assertion will pass
   * assertThat(fake).agentConformance("g").passes();
   *
   * // assertion will fail: the agent broke no rule
   * assertThat(fake).agentConformance("g").failsOnly(ConformanceRule.RETRY_BACKOFF);
   * }</pre>
   *
   * @param profilingGroup the profiling group
   * @return an assertion over the report
   * @throws AssertionError if the actual value is {@code null}
   * @throws IllegalArgumentException if {@code profilingGroup} is {@code null}
   */
  @CheckReturnValue
  public AgentConformanceAssert agentConformance(String profilingGroup) {
    isNotNull();
    requireGroup(profilingGroup);
    return new AgentConformanceAssert(actual.conformance(profilingGroup))
        .describedAs(
            verbatim(
                rootLabelForNavigation() + " > agent conformance of '" + profilingGroup + "'"));
  }

  // ---------------------------------------------------------------- helpers

  private List<RecordedProfilePost> storedProfiles(String group) {
    return group == null ? actual.storedProfiles() : actual.storedProfiles(group);
  }

  /** The description text, or {@code fake} when there is none. */
  final String rootLabelForNavigation() {
    String d = descriptionText();
    return d == null || d.isEmpty() ? "fake" : d;
  }

  static void requireGroup(String profilingGroup) {
    requireNonNullArgument(profilingGroup, "The profiling group must not be null.");
  }

  static void requireCount(int expected) {
    if (expected < 0) {
      throw new IllegalArgumentException(
          "The expected count must not be negative, but was " + expected + ".");
    }
  }
}

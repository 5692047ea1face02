package dev.fakeguru.conformance;

import java.util.Arrays;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The rules a CodeGuru Profiler agent is judged by, each with what it requires, its tolerance and
 * where the requirement comes from ("spec" is the API reference FakeGuru is built from; "inference"
 * marks a tolerance AWS publishes nothing about). docs/conformance.md lists them as a table.
 *
 * <p>The agent is one process: the rules read the calls naming one profiling group as the calls of
 * one agent, in arrival order. Attempts of one call are recognised by their {@code profileToken}
 * (posts) or their {@code amz-sdk-invocation-id} header (which every AWS SDK sends, the same on
 * every attempt).
 *
 * <pre>{@code
 * assertThat(fake).agentConformance("my-app").failsOnly(ConformanceRule.RETRY_BACKOFF);
 * ConformanceRule.byId("retry-backoff"); // Optional[RETRY_BACKOFF]
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ConformanceRule {
  /** The agent's first call is ConfigureAgent. */
  FIRST_CALL_IS_CONFIGURE_AGENT(
      "first-call-configure-agent",
      "The agent's first call is ConfigureAgent.",
      "None. Only the agent's calls count: ConfigureAgent and PostAgentProfile naming the group.",
      "Spec §9 (at start the agent calls ConfigureAgent), §13 (the Python agent's cycle)."),

  /** The agent calls ConfigureAgent again about every {@code periodInSeconds}. */
  CONFIGURE_AGENT_CADENCE(
      "configure-agent-cadence",
      "After each ConfigureAgent answer, the agent calls ConfigureAgent again about periodInSeconds"
          + " later.",
      "The next ConfigureAgent comes at most periodInSeconds + max(25 %, 2 s) after the answer, plus"
          + " the time spent retrying calls in between; an interval still open at the end of the"
          + " window is judged only when a later call shows the agent was still running. Coming"
          + " earlier than periodInSeconds - max(25 %, 2 s) is tolerated once in a row (the Python"
          + " agent asks twice when profiling resumes), not twice.",
      "Spec §3.6 (ConfigureAgent is the heartbeat), §9 (the cycle); the tolerance is inference from"
          + " the Python agent's recorded cycle (9.6 s for a 10 s period) and its profiler_runner."),

  /** With {@code shouldProfile=false} the agent posts nothing until a later answer says true. */
  SHOULD_PROFILE_FALSE_HONOURED(
      "should-profile-false",
      "After an answer with shouldProfile=false the agent posts nothing until a later answer says"
          + " true.",
      "None. SDK retries of a post first sent before the pause are not new posts.",
      "Spec §9 (with shouldProfile false the agent waits a period and asks again); the"
          + " ConfigureAgent API reference (shouldProfile)."),

  /** While profiling, the agent posts about every reporting period. */
  REPORTING_PERIOD(
      "reporting-period",
      "While profiling, the agent posts about every periodInSeconds.",
      "A post comes at most periodInSeconds + max(25 %, 2 s) after the previous post's last attempt"
          + " (or after the answer that turned profiling on), plus the time spent retrying in"
          + " between. A pause or a 400/404 to ConfigureAgent ends the interval; an interval still"
          + " open at the end of the window is judged only when a later call shows the agent kept"
          + " running. Posting sooner is the minimum-reporting-time rule's concern.",
      "Spec §9 (a flush once periodInSeconds has passed), §13; the tolerance is inference, as for"
          + " the ConfigureAgent cadence."),

  /** Posts are never closer than {@code MinimumTimeForReportingInMilliseconds}. */
  MINIMUM_REPORTING_TIME(
      "minimum-reporting-time",
      "Two new posts are never closer than MinimumTimeForReportingInMilliseconds.",
      "1 s less than the minimum in force at the later post (arrival jitter), measured between"
          + " first attempts; not judged before the agent was told a minimum.",
      "Spec §3.6 (AgentParameterField), §9 (the minimum time between reports; a younger profile is"
          + " dropped); the Python agent's local_aggregator."),

  /** Every post's body decodes. */
  POST_DECODES(
      "post-decodes",
      "Every post's body decodes as an agent profile (JSON or Ion, optionally gzip).",
      "None.",
      "Spec §7 (the agent profile format), §3.7."),

  /** Every profile has {@code start < end}, and {@code end} is not in the future. */
  PROFILE_TIME_RANGE(
      "profile-time-range",
      "Every profile has start < end, and end is not in the future on the fake's clock.",
      "end may be up to 1 s after the post arrived (the agent's clock and the fake's).",
      "Spec §7.1 (start and end in epoch milliseconds, end is the last sample); the tolerance is"
          + " inference."),

  /** A profile's duration is close to the time since the previous post. */
  PROFILE_DURATION(
      "profile-duration",
      "A profile's duration (end - start) is close to the time since the agent's previous post.",
      "Within max(25 %, 2 s) of the time from the previous post's last attempt to this post; the"
          + " first post after the start or a resume is not judged (its profile may begin before"
          + " the answer).",
      "Spec §7.1; the Python agent starts a profile when the previous flush ends (local_aggregator),"
          + " and its recorded posts differ by 66 ms and 646 ms; the tolerance is inference."),

  /** Sample counts are consistent with {@code SamplingIntervalInMilliseconds}. */
  SAMPLING_INTERVAL(
      "sampling-interval",
      "The samples fit SamplingIntervalInMilliseconds: agentMetadata.numTimesSampled is about"
          + " durationInMs / SamplingIntervalInMilliseconds.",
      "Between 0.5 and 1.1 times the expected count, plus or minus one sample; posts without both"
          + " fields, or before the agent was told an interval, are not judged. The numbers are the"
          + " agent's own and are not compared with start and end (§13).",
      "Spec §3.6, §7.2 (numTimesSampled; durationInMs of active time), §9 (the sampling interval);"
          + " the Python agent samples at 0.89 times the nominal rate (recorded); the tolerance is"
          + " inference."),

  /** No stack is deeper than {@code MaxStackDepth}. */
  MAX_STACK_DEPTH(
      "max-stack-depth",
      "No stack is deeper than MaxStackDepth.",
      "None (at the limit the Python agent replaces the last frame with a synthetic Truncated"
          + " frame); not judged before the agent was told a depth.",
      "Spec §3.6, §7.3, §9; the Python agent's sampling_utils."),

  /** {@code agentMetadata} has the fields the service expects. */
  AGENT_METADATA(
      "agent-metadata",
      "Every profile's agentMetadata has sampleWeights (a positive weight for every counter type"
          + " in the call graph), durationInMs (> 0), agentInfo.type and agentInfo.version"
          + " (strings) and fleetInfo (an object).",
      "Other fields are free, and values are not compared with start and end (§13).",
      "Spec §7.2 (what the Python agent sends); which fields the service requires is"
          + " undocumented, so the list is inference from the Python agent."),

  /** Retries reuse the profile token; new profiles get a new one. */
  PROFILE_TOKEN(
      "profile-token",
      "Each profile is posted under one profileToken: a retry or resend reuses its token, a new"
          + " profile gets a new one.",
      "A resend is recognised by the same decoded start and end (or the same bytes when they do"
          + " not decode).",
      "Spec §3.7 and §10.3 (profileToken is an idempotency token; retries reuse it)."),

  /** Retries back off. */
  RETRY_BACKOFF(
      "retry-backoff",
      "Retries back off: no two attempts of one call are closer than 10 ms.",
      "One shorter gap per window is tolerated: SDKs back off with full jitter (the Java SDK v2"
          + " draws its first delay from [0, 100 ms) and was recorded retrying after 6 ms)."
          + " Attempts of one call share a profileToken (posts) or an amz-sdk-invocation-id"
          + " header.",
      "Spec §6.3 (exponential backoff with jitter, 100 ms or 500 ms base), §13; the 10 ms minimum is"
          + " inference from the recorded gaps of the SDKs and the Python agent (6 ms and up)."),

  /** A call answered 400 or 404 is not retried. */
  NO_RETRY_AFTER_CLIENT_ERROR(
      "no-retry-after-400-404",
      "A call answered 400 or 404 is not retried, and a post answered 400 or 404 is not resent.",
      "None.",
      "Spec §6.3 (no SDK retries 400 or 404), §13 (one attempt per 400 and 404 in every client)."),

  /** After a 404 on ConfigureAgent the agent stops posting. */
  STOP_AFTER_CONFIGURE_AGENT_404(
      "stop-after-configure-agent-404",
      "After ConfigureAgent answers 404, the agent posts nothing until a later ConfigureAgent"
          + " succeeds.",
      "None. Retries of a post first sent before the 404 are not new posts.",
      "Spec §3.6 and §9 (the Python agent disables profiling until its next refresh)."),

  /** Every call carries a {@code User-Agent}. */
  USER_AGENT(
      "user-agent",
      "Every call carries a User-Agent header.",
      "Any value that is not blank.",
      "Spec §13 (every recorded client and the Python agent send one); that the service attributes"
          + " agents by it is inference."),

  /** Every post has a {@code Content-Type} the service accepts. */
  CONTENT_TYPE(
      "content-type",
      "Every post's Content-Type is application/json or application/x-amzn-ion.",
      "Parameters (such as ; charset=utf-8) and case are ignored.",
      "Spec §3.7 (the contentType header member)."),

  /** Every call is SigV4-signed. */
  SIGV4_SIGNATURE(
      "sigv4-signature",
      "Every call is signed with AWS Signature Version 4 for codeguru-profiler; when the fake checks"
          + " signatures (requireSignatures), every signature verifies.",
      "When the fake does not check signatures, only the Authorization header's form and its"
          + " codeguru-profiler scope are judged.",
      "Spec §1 (signing name codeguru-profiler), §10.2, §13 (the Python agent's credential"
          + " scope).");

  private final String id;
  private final String requirement;
  private final String tolerance;
  private final String source;

  ConformanceRule(String id, String requirement, String tolerance, String source) {
    this.id = id;
    this.requirement = requirement;
    this.tolerance = tolerance;
    this.source = source;
  }

  /**
   * The rule's stable name in reports, JSON and docs.
   *
   * @return e.g. {@code retry-backoff}
   */
  public String id() {
    return id;
  }

  /**
   * What the rule requires of the agent.
   *
   * @return one or two sentences
   */
  public String requirement() {
    return requirement;
  }

  /**
   * How much leeway the rule gives, and what it does not judge.
   *
   * @return one or more sentences
   */
  public String tolerance() {
    return tolerance;
  }

  /**
   * Where the requirement and the tolerance come from.
   *
   * @return spec sections, recorded behaviour, or "inference"
   */
  public String source() {
    return source;
  }

  /**
   * The rule with this {@link #id()}.
   *
   * @param id e.g. {@code retry-backoff}
   * @return the rule, or empty for an unknown id
   */
  public static Optional<ConformanceRule> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}

package dev.fakeguru.internal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeguru.internal.engine.Journal;
import dev.fakeguru.internal.wire.Wire;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.AgentConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The calls of one agent, in arrival order: the ConfigureAgent and PostAgentProfile calls naming a
 * profiling group in a window, each with its post, its attempt chain and the configuration in
 * force. Attempts of one call share a {@code profileToken} and profile (posts) or an {@code
 * amz-sdk-invocation-id} header (what every AWS SDK sends on each attempt). Not thread-safe
 * (confined to one check). Internal.
 */
final class AgentTimeline {
  final String group;
  final List<AgentCall> calls = new ArrayList<>();

  /** First attempts of posts whose profile was not posted before, in arrival order. */
  final List<AgentCall> newPosts = new ArrayList<>();

  final List<AgentCall.Chain> chains = new ArrayList<>();

  /** Whether the agent called for this group before the window began. */
  final boolean calledBeforeWindow;

  final long evictedCalls;

  final long evictedPosts;

  /** The fleetInstanceIds ConfigureAgent named, sorted. */
  final Set<String> fleetInstanceIds = new TreeSet<>();

  private AgentTimeline(
      String group, boolean calledBeforeWindow, long evictedCalls, long evictedPosts) {
    this.group = group;
    this.calledBeforeWindow = calledBeforeWindow;
    this.evictedCalls = evictedCalls;
    this.evictedPosts = evictedPosts;
  }

  /** The agent's calls for {@code group} that arrived in {@code [since, until]} (either null). */
  static AgentTimeline read(Journal journal, String group, Instant since, Instant until) {
    Predicate<RecordedCall> agentCall =
        c ->
            (c.operation() == Operation.CONFIGURE_AGENT
                    || c.operation() == Operation.POST_AGENT_PROFILE)
                && c.profilingGroup().filter(group::equals).isPresent();
    Predicate<RecordedCall> inWindow =
        c ->
            (since == null || !c.receivedAt().isBefore(since))
                && (until == null || !c.receivedAt().isAfter(until));
    boolean before =
        since != null
            && !journal.calls(agentCall.and(c -> c.receivedAt().isBefore(since))).isEmpty();
    AgentTimeline t =
        new AgentTimeline(group, before, journal.evictedCalls(), journal.evictedPosts());
    Map<Long, RecordedProfilePost> posts = new LinkedHashMap<>();
    for (RecordedProfilePost p : journal.posts(p -> p.profilingGroup().equals(group))) {
      posts.put(p.sequence(), p);
    }
    for (RecordedCall c : journal.calls(agentCall.and(inWindow))) {
      t.calls.add(new AgentCall(c, posts.get(c.sequence())));
    }
    t.link();
    return t;
  }

  private void link() {
    Map<Object, AgentCall.Chain> byKey = new LinkedHashMap<>();
    Set<Object> postedProfiles = new HashSet<>();
    AgentConfiguration inForce = null;
    for (AgentCall c : calls) {
      c.inForce = inForce;
      if (c.answered().isPresent()) {
        inForce = c.answered().get();
      }
      AgentCall.Chain chain = byKey.computeIfAbsent(chainKey(c), k -> new AgentCall.Chain());
      if (chain.attempts.isEmpty()) {
        chains.add(chain);
      }
      chain.attempts.add(c);
      c.chain = chain;
      if (c.isPost() && c.firstAttempt() && postedProfiles.add(c.identity())) {
        newPosts.add(c);
      }
      if (c.isConfigure()) {
        fleetInstanceId(c.call.body());
      }
    }
  }

  private static Object chainKey(AgentCall c) {
    if (c.isPost() && c.post != null && c.post.profileToken().isPresent()) {
      return List.of("token", c.post.profileToken().get(), c.identity());
    }
    return c.call
        .header("amz-sdk-invocation-id")
        .<Object>map(id -> List.of("invocation", c.operationName(), id))
        .orElse(c.sequence());
  }

  private void fleetInstanceId(byte[] body) {
    try {
      JsonNode id = Wire.JSON.readTree(body).path("fleetInstanceId");
      if (id.isTextual()) {
        fleetInstanceIds.add(id.asText());
      }
    } catch (IOException | RuntimeException e) {
      // An unparsable body says nothing about the fleet; ConfigureAgent answered it 400 already.
    }
  }

  /** The time spent between the attempts of retried calls, within {@code (from, to)}. */
  Duration retryTime(Instant from, Instant to) {
    Duration total = Duration.ZERO;
    for (AgentCall.Chain chain : chains) {
      if (chain.attempts.size() < 2) {
        continue;
      }
      Instant a = later(chain.first().at(), from);
      Instant b = earlier(chain.last().at(), to);
      if (a.isBefore(b)) {
        total = total.plus(Duration.between(a, b));
      }
    }
    return total;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}

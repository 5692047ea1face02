package dev.fakeguru.internal.conformance;

import static dev.fakeguru.internal.conformance.Finding.seconds;

import dev.fakeguru.conformance.ConformanceRule;
import dev.fakeguru.conformance.RuleVerdict;
import dev.fakeguru.profile.Profile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules about retries: one profile token per profile, backoff between attempts, no retry after
 * a 400 or 404. Stateless. Internal.
 */
final class RetryRules {
  private RetryRules() {}

  static RuleVerdict profileToken(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.PROFILE_TOKEN);
    Map<Object, AgentCall> byProfile = new HashMap<>();
    Map<String, AgentCall> byToken = new HashMap<>();
    for (AgentCall c : t.calls) {
      if (c.post == null) {
        continue;
      }
      f.judged();
      Optional<String> token = c.post.profileToken();
      AgentCall sameProfile = byProfile.putIfAbsent(c.identity(), c);
      if (sameProfile != null) {
        Optional<String> earlier = sameProfile.post.profileToken();
        if (token.isEmpty()) {
          f.violation(
              c, "resends " + profileOf(sameProfile) + " without a profileToken", sameProfile);
        } else if (!token.equals(earlier)) {
          f.violation(
              c,
              "resends "
                  + profileOf(sameProfile)
                  + " under profileToken "
                  + token.get()
                  + ", but #"
                  + sameProfile.sequence()
                  + " used "
                  + earlier.orElse("none"),
              sameProfile);
        } else {
          f.observation(
              c, "retries " + profileOf(sameProfile) + " with its profileToken", sameProfile);
        }
      }
      if (token.isPresent()) {
        AgentCall sameToken = byToken.putIfAbsent(token.get(), c);
        if (sameToken != null && !Objects.equals(sameToken.identity(), c.identity())) {
          f.violation(
              c,
              "reuses profileToken "
                  + token.get()
                  + " of #"
                  + sameToken.sequence()
                  + " for another profile ("
                  + describe(c)
                  + "); the service keeps one profile per token",
              sameToken);
        }
      }
    }
    return f.verdict("post", "no post arrived");
  }

  static RuleVerdict backoff(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.RETRY_BACKOFF);
    List<AgentCall> shortGaps = new ArrayList<>();
    AgentCall shortest = null;
    Duration shortestGap = null;
    for (AgentCall.Chain chain : t.chains) {
      for (int i = 1; i < chain.attempts.size(); i++) {
        AgentCall retry = chain.attempts.get(i);
        Duration gap = gap(chain, i);
        f.judged();
        if (gap.compareTo(Tolerances.MINIMUM_RETRY_GAP) < 0) {
          shortGaps.add(retry);
        }
        if (shortestGap == null || gap.compareTo(shortestGap) < 0) {
          shortest = retry;
          shortestGap = gap;
        }
      }
    }
    boolean fails = shortGaps.size() > Tolerances.SHORT_GAPS_TOLERATED;
    for (AgentCall retry : shortGaps) {
      String text = attempt(retry) + "; the minimum is 10 ms";
      if (fails) {
        f.violation(retry, text + ", and one shorter gap per window is tolerated", previous(retry));
      } else {
        f.observation(retry, text + "; tolerated once per window", previous(retry));
      }
    }
    if (!fails && shortest != null && !shortGaps.contains(shortest)) {
      f.observation(shortest, "the shortest gap: " + attempt(shortest), previous(shortest));
    }
    return f.verdict("retry gap", "no call was retried");
  }

  static RuleVerdict noRetryAfterClientError(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.NO_RETRY_AFTER_CLIENT_ERROR);
    Map<Object, AgentCall> refusedProfiles = new HashMap<>();
    for (AgentCall c : t.calls) {
      AgentCall refused = c.isPost() ? refusedProfiles.get(c.identity()) : null;
      if (refused != null && refused.chain != c.chain && c.firstAttempt()) {
        f.violation(
            c,
            "resends " + profileOf(refused) + ", which was answered " + answer(refused),
            refused);
      }
      if (!c.clientError()) {
        continue;
      }
      f.judged();
      if (c.isPost()) {
        refusedProfiles.putIfAbsent(c.identity(), c);
      }
      int i = c.chain.attempts.indexOf(c);
      if (i + 1 < c.chain.attempts.size()) {
        AgentCall retry = c.chain.attempts.get(i + 1);
        f.violation(retry, "retries #" + c.sequence() + ", which was answered " + answer(c), c);
      }
    }
    return f.verdict("400/404 answer", "no call of the agent was answered 400 or 404");
  }

  private static Duration gap(AgentCall.Chain chain, int i) {
    return Duration.between(chain.attempts.get(i - 1).at(), chain.attempts.get(i).at());
  }

  private static AgentCall previous(AgentCall retry) {
    return retry.chain.attempts.get(retry.chain.attempts.indexOf(retry) - 1);
  }

  /** "attempt 2 of PostAgentProfile came 3.000 s after #4 (same profileToken t)". */
  private static String attempt(AgentCall retry) {
    int i = retry.chain.attempts.indexOf(retry);
    AgentCall before = retry.chain.attempts.get(i - 1);
    return "attempt "
        + (i + 1)
        + " of "
        + retry.operationName()
        + " came "
        + seconds(Duration.between(before.at(), retry.at()))
        + " after #"
        + before.sequence()
        + " ("
        + sameWhat(retry)
        + ")";
  }

  private static String sameWhat(AgentCall c) {
    if (c.post != null && c.post.profileToken().isPresent()) {
      return "same profileToken " + c.post.profileToken().get();
    }
    return "same amz-sdk-invocation-id " + c.call.header("amz-sdk-invocation-id").orElse("");
  }

  private static String answer(AgentCall c) {
    return c.status() + c.call.errorType().map(e -> " " + e).orElse("");
  }

  /** "the profile of #5 (start ..., end ...)". */
  private static String profileOf(AgentCall c) {
    return "the profile of #" + c.sequence() + " (" + describe(c) + ")";
  }

  private static String describe(AgentCall c) {
    Optional<Profile> p = c.profile();
    return p.isPresent()
        ? "start " + p.get().start() + ", end " + p.get().end()
        : (c.post == null ? 0 : c.post.bodySize()) + " bytes";
  }
}

package dev.fakeguru.internal.conformance;

import static dev.fakeguru.internal.conformance.Finding.seconds;

import dev.fakeguru.conformance.ConformanceRule;
import dev.fakeguru.conformance.RuleVerdict;
import dev.fakeguru.scripting.AgentConfiguration;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rules about when the agent calls: ConfigureAgent first and then about every period, no posts
 * while paused or after a 404, a post about every period but never sooner than the minimum
 * reporting time. Stateless. Internal.
 */
final class ScheduleRules {
  private ScheduleRules() {}

  static RuleVerdict firstCall(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.FIRST_CALL_IS_CONFIGURE_AGENT);
    if (t.calledBeforeWindow) {
      return f.verdict("first call", "the agent's first call came before the window");
    }
    if (t.evictedCalls > 0) {
      return f.verdict(
          "first call",
          "the journal forgot its oldest "
              + Finding.count(t.evictedCalls, "call")
              + " (maxRecordedCalls), so the agent's first call is unknown");
    }
    if (!t.calls.isEmpty()) {
      AgentCall first = t.calls.get(0);
      f.judged();
      if (first.isConfigure()) {
        f.observation(first, "ConfigureAgent is the agent's first call");
      } else {
        f.violation(first, "PostAgentProfile came before any ConfigureAgent");
      }
    }
    return f.verdict("first call", "no call of the agent arrived");
  }

  static RuleVerdict configureCadence(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.CONFIGURE_AGENT_CADENCE);
    List<AgentCall> calls = t.calls;
    int earlyInARow = 0;
    for (int i = 0; i < calls.size(); i++) {
      AgentCall answer = calls.get(i);
      if (answer.answered().isEmpty()) {
        continue;
      }
      Duration period = Duration.ofSeconds(answer.answered().get().periodInSeconds());
      Duration slack = Tolerances.periodSlack(period);
      AgentCall next = nextConfigure(calls, i);
      AgentCall end = next != null ? next : calls.get(calls.size() - 1);
      Duration elapsed = Duration.between(answer.at(), end.at());
      Duration latest = period.plus(slack).plus(t.retryTime(answer.at(), end.at()));
      if (elapsed.compareTo(latest) > 0) {
        f.judged();
        earlyInARow = 0;
        f.violation(
            end,
            (next != null
                    ? "ConfigureAgent came " + seconds(elapsed) + " after"
                    : "no ConfigureAgent came in the " + seconds(elapsed) + " after")
                + " the answer #"
                + answer.sequence()
                + " (periodInSeconds "
                + period.toSeconds()
                + (next != null ? ")" : "), though the agent was still calling")
                + "; allowed up to "
                + seconds(latest),
            answer);
      } else if (next != null) {
        f.judged();
        if (elapsed.compareTo(period.minus(slack)) >= 0) {
          earlyInARow = 0;
        } else if (++earlyInARow < 2) {
          f.observation(
              next,
              "ConfigureAgent came early, "
                  + seconds(elapsed)
                  + " after the answer #"
                  + answer.sequence()
                  + " (periodInSeconds "
                  + period.toSeconds()
                  + "); tolerated once in a row",
              answer);
        } else {
          f.violation(
              next,
              "ConfigureAgent came "
                  + seconds(elapsed)
                  + " after the answer #"
                  + answer.sequence()
                  + " (periodInSeconds "
                  + period.toSeconds()
                  + "), the second early call in a row; expected at least "
                  + seconds(period.minus(slack)),
              answer);
        }
      }
    }
    return f.verdict(
        "interval", "no ConfigureAgent answer reached the agent and was followed by a later call");
  }

  private static AgentCall nextConfigure(List<AgentCall> calls, int after) {
    for (int j = after + 1; j < calls.size(); j++) {
      AgentCall c = calls.get(j);
      if (c.isConfigure() && c.firstAttempt()) {
        return c;
      }
    }
    return null;
  }

  static RuleVerdict shouldProfileFalse(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.SHOULD_PROFILE_FALSE_HONOURED);
    noPostWhileStopped(
        f,
        t,
        c -> c.answered().filter(a -> !a.shouldProfile()).isPresent(),
        c -> c.answered().filter(AgentConfiguration::shouldProfile).isPresent(),
        by ->
            "while paused: #"
                + by.sequence()
                + " answered shouldProfile=false and no later answer said true");
    return f.verdict("pause", "no ConfigureAgent answer said shouldProfile=false");
  }

  static RuleVerdict stopAfterNotFound(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.STOP_AFTER_CONFIGURE_AGENT_404);
    noPostWhileStopped(
        f,
        t,
        c -> c.isConfigure() && c.status() == 404,
        c -> c.answered().isPresent(),
        by ->
            "after ConfigureAgent #"
                + by.sequence()
                + " was answered 404 and before any ConfigureAgent succeeded");
    return f.verdict("ConfigureAgent 404", "no ConfigureAgent was answered 404");
  }

  /**
   * Judges each stretch from a call that {@code stops} posting to one that {@code resumes} it: no
   * new post (first attempt) may come in between.
   */
  private static void noPostWhileStopped(
      Finding f,
      AgentTimeline t,
      Predicate<AgentCall> stops,
      Predicate<AgentCall> resumes,
      Function<AgentCall, String> why) {
    AgentCall stoppedBy = null;
    for (AgentCall c : t.calls) {
      if (stops.test(c)) {
        if (stoppedBy == null) {
          stoppedBy = c;
          f.judged();
        }
      } else if (resumes.test(c)) {
        stoppedBy = null;
      } else if (stoppedBy != null && c.isPost() && c.firstAttempt()) {
        f.violation(c, "PostAgentProfile " + why.apply(stoppedBy), stoppedBy);
      }
    }
  }

  static RuleVerdict reportingPeriod(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.REPORTING_PERIOD);
    Set<AgentCall> newPosts = new HashSet<>(t.newPosts);
    AgentCall from = null; // the call the current interval runs from; null while not profiling
    Duration period = Duration.ZERO;
    for (AgentCall c : t.calls) {
      if (c.isConfigure()) {
        AgentConfiguration a = c.answered().orElse(null);
        if (a == null) {
          from = c.clientError() ? null : from; // a 400 or 404 turns profiling off (§9)
        } else if (!a.shouldProfile()) {
          from = null;
        } else if (from == null) {
          from = c;
          period = Duration.ofSeconds(a.periodInSeconds());
        } else {
          period = longer(period, Duration.ofSeconds(a.periodInSeconds()));
        }
      } else if (from != null && newPosts.contains(c)) {
        judgeInterval(f, t, from, c, period, true);
        from = c.chain.last();
        period = c.inForce == null ? period : Duration.ofSeconds(c.inForce.periodInSeconds());
      }
    }
    if (from != null) {
      judgeInterval(f, t, from, t.calls.get(t.calls.size() - 1), period, false);
    }
    return f.verdict("interval", "no post interval while profiling was on could be judged");
  }

  /** Judges the interval from {@code from} to {@code to}: a post, or (open) the last call. */
  private static void judgeInterval(
      Finding f, AgentTimeline t, AgentCall from, AgentCall to, Duration period, boolean post) {
    Duration elapsed = Duration.between(from.at(), to.at());
    Duration allowed =
        period.plus(Tolerances.periodSlack(period)).plus(t.retryTime(from.at(), to.at()));
    if (elapsed.compareTo(allowed) <= 0) {
      if (post) {
        f.judged();
      }
      return;
    }
    f.judged();
    f.violation(
        to,
        (post ? "PostAgentProfile came " : "no post came in the ")
            + seconds(elapsed)
            + " after #"
            + from.sequence()
            + " while profiling (periodInSeconds "
            + period.toSeconds()
            + (post ? ")" : "), though the agent was still calling")
            + "; allowed up to "
            + seconds(allowed),
        from);
  }

  static RuleVerdict minimumReportingTime(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.MINIMUM_REPORTING_TIME);
    AgentCall previous = null;
    for (AgentCall c : t.newPosts) {
      OptionalLong minimum =
          c.parameter(AgentConfiguration.MINIMUM_TIME_FOR_REPORTING_IN_MILLISECONDS);
      if (previous != null && minimum.isPresent()) {
        f.judged();
        Duration gap = Duration.between(previous.at(), c.at());
        Duration least = Duration.ofMillis(minimum.getAsLong());
        if (gap.compareTo(least.minus(Tolerances.MINIMUM_REPORTING_SLACK)) < 0) {
          f.violation(
              c,
              "PostAgentProfile came "
                  + seconds(gap)
                  + " after the post #"
                  + previous.sequence()
                  + "; MinimumTimeForReportingInMilliseconds is "
                  + minimum.getAsLong()
                  + " (1 s tolerance)",
              previous);
        }
      }
      previous = c;
    }
    return f.verdict(
        "post interval", "fewer than two posts arrived after the agent was told a minimum");
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}

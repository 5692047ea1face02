package dev.fakeguru.internal.conformance;

import static dev.fakeguru.internal.conformance.Finding.seconds;

import dev.fakeguru.conformance.ConformanceRule;
import dev.fakeguru.conformance.RuleVerdict;
import dev.fakeguru.internal.codec.ProfileDecoder;
import dev.fakeguru.profile.AgentMetadata;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.LocatedNode;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormatException;
import dev.fakeguru.scripting.AgentConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The rules about what the agent posts: bodies that decode, sane time ranges and durations, sample
 * counts that fit the sampling interval, stacks within the depth, and the metadata the service
 * expects. Stateless. Internal.
 */
final class PostRules {
  private PostRules() {}

  static RuleVerdict decodes(AgentTimeline t, CodecLimits limits) {
    Finding f = new Finding(ConformanceRule.POST_DECODES);
    for (AgentCall c : t.calls) {
      if (c.post == null) {
        continue;
      }
      f.judged();
      if (c.post.hasProfile()) {
        continue;
      }
      try {
        // Refused before decoding (unknown group, bad content type): decode it here.
        ProfileDecoder.decode(
            c.post.body(),
            c.post.contentType().orElse(null),
            c.post.contentEncoding().orElse(null),
            limits);
      } catch (ProfileFormatException e) {
        f.violation(
            c,
            "the body ("
                + c.post.bodySize()
                + " bytes, Content-Type "
                + c.post.contentType().orElse("none")
                + ") does not decode: "
                + e.getMessage());
      }
    }
    return f.verdict("post", "no post arrived");
  }

  static RuleVerdict timeRange(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.PROFILE_TIME_RANGE);
    for (AgentCall c : t.newPosts) {
      if (c.profile().isEmpty()) {
        continue;
      }
      Profile p = c.profile().get();
      f.judged();
      if (!p.start().isBefore(p.end())) {
        f.violation(c, "the profile's start " + p.start() + " is not before its end " + p.end());
      } else if (p.end().isAfter(c.at().plus(Tolerances.FUTURE_END))) {
        f.violation(
            c,
            "the profile ends at "
                + p.end()
                + ", "
                + seconds(Duration.between(c.at(), p.end()))
                + " after the post arrived (1 s tolerance)");
      }
    }
    return f.verdict("profile", "no post decoded");
  }

  static RuleVerdict duration(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.PROFILE_DURATION);
    Set<AgentCall> newPosts = new HashSet<>(t.newPosts);
    AgentCall previous = null;
    for (AgentCall c : t.calls) {
      boolean stops =
          c.isConfigure()
              && (c.clientError() || c.answered().map(a -> !a.shouldProfile()).orElse(false));
      if (stops) {
        previous = null; // the next profile starts after a pause, not at the previous post
      } else if (newPosts.contains(c)) {
        if (previous != null && c.profile().isPresent()) {
          Profile p = c.profile().get();
          Duration expected = Duration.between(previous.chain.last().at(), c.at());
          Duration actual = Duration.between(p.start(), p.end());
          Duration slack = Tolerances.durationSlack(expected);
          f.judged();
          if (actual.minus(expected).abs().compareTo(slack) > 0) {
            f.violation(
                c,
                "the profile lasts "
                    + seconds(actual)
                    + " but "
                    + seconds(expected)
                    + " passed since #"
                    + previous.chain.last().sequence()
                    + ", the previous post; allowed difference "
                    + seconds(slack),
                previous.chain.last());
          }
        }
        previous = c;
      }
    }
    return f.verdict("profile", "no decoded post followed an earlier post while profiling");
  }

  static RuleVerdict samplingInterval(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.SAMPLING_INTERVAL);
    for (AgentCall c : t.newPosts) {
      OptionalLong interval = c.parameter(AgentConfiguration.SAMPLING_INTERVAL_IN_MILLISECONDS);
      if (c.profile().isEmpty() || interval.isEmpty() || interval.getAsLong() <= 0) {
        continue;
      }
      AgentMetadata m = c.profile().get().agentMetadata();
      OptionalLong samples = m.numTimesSampled();
      OptionalLong duration = m.durationInMs();
      if (samples.isEmpty() || duration.isEmpty()) {
        continue;
      }
      f.judged();
      double expected = (double) duration.getAsLong() / interval.getAsLong();
      double fewest = Tolerances.FEWEST_SAMPLES * expected - Tolerances.SAMPLE_SLACK;
      double most = Tolerances.MOST_SAMPLES * expected + Tolerances.SAMPLE_SLACK;
      long n = samples.getAsLong();
      if (n < fewest || n > most) {
        f.violation(
            c,
            String.format(
                Locale.ROOT,
                "numTimesSampled %d in durationInMs %d: SamplingIntervalInMilliseconds %d expects"
                    + " about %.1f (%.1f to %.1f)",
                n,
                duration.getAsLong(),
                interval.getAsLong(),
                expected,
                Math.max(0, fewest),
                most));
      }
    }
    return f.verdict(
        "profile",
        "no post had numTimesSampled and durationInMs after the agent was told an interval");
  }

  static RuleVerdict maxStackDepth(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.MAX_STACK_DEPTH);
    for (AgentCall c : t.newPosts) {
      OptionalLong limit = c.parameter(AgentConfiguration.MAX_STACK_DEPTH);
      if (c.profile().isEmpty() || limit.isEmpty()) {
        continue;
      }
      f.judged();
      Profile p = c.profile().get();
      if (p.maxDepth() > limit.getAsLong()) {
        f.violation(
            c,
            "a stack is "
                + p.maxDepth()
                + " frames deep, MaxStackDepth is "
                + limit.getAsLong()
                + ": "
                + deepestPath(p));
      }
    }
    return f.verdict("profile", "no decoded post arrived after the agent was told a depth");
  }

  private static String deepestPath(Profile p) {
    LocatedNode deepest = null;
    for (LocatedNode n : p.walk()) {
      if (deepest == null || n.depth() > deepest.depth()) {
        deepest = n;
      }
    }
    List<String> path = deepest == null ? List.of() : deepest.path();
    if (path.size() <= 5) {
      return String.join(" > ", path);
    }
    return String.join(" > ", path.subList(0, 2))
        + " > … > "
        + String.join(" > ", path.subList(path.size() - 2, path.size()));
  }

  static RuleVerdict agentMetadata(AgentTimeline t) {
    Finding f = new Finding(ConformanceRule.AGENT_METADATA);
    for (AgentCall c : t.newPosts) {
      if (c.profile().isEmpty()) {
        continue;
      }
      f.judged();
      List<String> problems = metadataProblems(c.profile().get());
      if (!problems.isEmpty()) {
        f.violation(c, "agentMetadata " + String.join(", ", problems));
      }
    }
    return f.verdict("profile", "no post decoded");
  }

  private static List<String> metadataProblems(Profile p) {
    AgentMetadata m = p.agentMetadata();
    List<String> problems = new ArrayList<>();
    if (!(m.get("sampleWeights").orElse(null) instanceof Map<?, ?>)) {
      problems.add("has no sampleWeights object");
    } else {
      for (String type : p.counterTypes()) {
        Double w = m.sampleWeights().get(type);
        if (w == null || !(w > 0)) {
          problems.add("has no positive sampleWeights." + type + " for the counts");
        }
      }
    }
    if (m.durationInMs().isEmpty() || m.durationInMs().getAsLong() <= 0) {
      problems.add("has no positive durationInMs");
    }
    for (String field : List.of("type", "version")) {
      if (!(m.get("agentInfo", field).orElse(null) instanceof String s) || s.isBlank()) {
        problems.add("has no agentInfo." + field + " string");
      }
    }
    if (!(m.get("fleetInfo").orElse(null) instanceof Map<?, ?>)) {
      problems.add("has no fleetInfo object");
    }
    return problems;
  }
}

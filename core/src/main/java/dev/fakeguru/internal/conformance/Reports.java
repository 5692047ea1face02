package dev.fakeguru.internal.conformance;

import static dev.fakeguru.internal.conformance.Finding.seconds;

import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.conformance.ConformanceRule;
import dev.fakeguru.conformance.Evidence;
import dev.fakeguru.conformance.RuleVerdict;
import dev.fakeguru.conformance.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report values the public {@code dev.fakeguru.conformance} interfaces describe (only the
 * checker makes them), and the report's plain-text rendering. Immutable and thread-safe. Internal.
 */
final class Reports {
  private Reports() {}

  static Evidence evidence(AgentCall at, String description, AgentCall... cited) {
    List<Long> sequences = new ArrayList<>();
    sequences.add(at.sequence());
    for (AgentCall c : cited) {
      sequences.add(c.sequence());
    }
    return new EvidenceValue(List.copyOf(sequences), at.at(), description);
  }

  static RuleVerdict verdict(
      ConformanceRule rule, Verdict verdict, String summary, List<Evidence> evidence) {
    return new VerdictValue(rule, verdict, summary, List.copyOf(evidence));
  }

  private record EvidenceValue(List<Long> sequences, Instant at, String description)
      implements Evidence {
    @Override
    public String toString() {
      return "#" + sequences.get(0) + " " + description;
    }
  }

  private record VerdictValue(
      ConformanceRule rule, Verdict verdict, String summary, List<Evidence> evidence)
      implements RuleVerdict {
    @Override
    public String toString() {
      return verdict.label() + " " + rule.id() + ": " + summary;
    }
  }

  /** A report; evidence offsets count from {@code firstCallAt}. */
  record Report(
      String profilingGroup,
      Optional<Instant> since,
      Instant madeAt,
      Optional<Instant> firstCallAt,
      int agentCalls,
      int posts,
      List<RuleVerdict> verdicts,
      List<String> notes)
      implements ConformanceReport {

    Report {
      verdicts = List.copyOf(verdicts);
      notes = List.copyOf(notes);
    }

    @Override
    public String toText() {
      StringBuilder sb = new StringBuilder();
      sb.append("Agent conformance of profiling group '")
          .append(profilingGroup)
          .append("': ")
          .append(headline())
          .append('\n');
      sb.append("Window: ")
          .append(since.map(Instant::toString).orElse("from the start"))
          .append(" to ")
          .append(madeAt)
          .append(" on the fake's clock; ")
          .append(Finding.count(agentCalls, "agent call"))
          .append(", ")
          .append(Finding.count(posts, "post"))
          .append(".\n");
      notes.forEach(n -> sb.append("Note: ").append(n).append('\n'));
      for (Verdict kind : List.of(Verdict.FAIL, Verdict.NOT_OBSERVED, Verdict.PASS)) {
        for (RuleVerdict v : verdicts) {
          if (v.verdict() == kind) {
            append(sb, v);
          }
        }
      }
      return sb.toString();
    }

    private String headline() {
      long failed = count(Verdict.FAIL);
      if (agentCalls == 0) {
        return "NOTHING JUDGED (no call of the agent arrived)";
      }
      return (failed > 0 ? "FAIL (" + failed + " failed, " : "PASS (")
          + count(Verdict.PASS)
          + " passed, "
          + count(Verdict.NOT_OBSERVED)
          + " not observed, of "
          + verdicts.size()
          + " rules)";
    }

    private long count(Verdict kind) {
      return verdicts.stream().filter(v -> v.verdict() == kind).count();
    }

    /**
     * One line per verdict; a failure adds the rule and its evidence as {@code #sequence (+seconds
     * since the first call) what happened}.
     */
    private void append(StringBuilder sb, RuleVerdict v) {
      sb.append(String.format("%-13s", v.verdict().label()))
          .append(v.rule().id())
          .append(": ")
          .append(v.summary())
          .append('\n');
      if (v.verdict() != Verdict.FAIL) {
        return;
      }
      sb.append("    rule: ").append(v.rule().requirement()).append('\n');
      for (Evidence e : v.evidence()) {
        sb.append("    #")
            .append(e.sequences().get(0))
            .append(" (+")
            .append(seconds(Duration.between(firstCallAt.orElse(e.at()), e.at())))
            .append(") ")
            .append(e.description())
            .append('\n');
      }
    }

    @Override
    public String toString() {
      return toText();
    }
  }
}

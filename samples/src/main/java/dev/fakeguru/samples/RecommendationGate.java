package dev.fakeguru.samples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.Recommendation;

/**
 * A CI step that fails the build when CodeGuru Profiler has a recommendation the team has not
 * accepted yet: it asks GetRecommendations for the window the load test ran in, and every
 * recommendation whose pattern name is not in the accepted set is a new one.
 *
 * <p>It uses the SDK client as given (SDK retries included). Stateless and thread-safe.
 */
public final class RecommendationGate {

  /**
   * The gate's decision.
   *
   * @param passed whether there is no new recommendation
   * @param newRecommendations one line per new recommendation: pattern name, share of the samples,
   *     hottest place
   * @param message a one-line explanation, suitable for a CI log
   */
  public record Verdict(boolean passed, List<String> newRecommendations, String message) {}

  /** Thrown by {@link #enforce} when the gate fails. */
  public static final class NewRecommendationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NewRecommendationException(Verdict verdict) {
      super(verdict.message() + "\n  " + String.join("\n  ", verdict.newRecommendations()));
    }
  }

  private final CodeGuruProfilerClient client;
  private final String profilingGroup;
  private final Set<String> acceptedPatterns;

  /**
   * A gate on {@code profilingGroup} that lets the recommendations named in {@code accepted} pass.
   */
  public RecommendationGate(
      CodeGuruProfilerClient client, String profilingGroup, Set<String> acceptedPatterns) {
    this.client = Objects.requireNonNull(client, "client");
    this.profilingGroup = Objects.requireNonNull(profilingGroup, "profilingGroup");
    this.acceptedPatterns = Set.copyOf(acceptedPatterns);
  }

  /** Looks at the recommendations for {@code [start, end)}. */
  public Verdict check(Instant start, Instant end) {
    List<String> fresh = new ArrayList<>();
    for (Recommendation r :
        client
            .getRecommendations(
                b -> b.profilingGroupName(profilingGroup).startTime(start).endTime(end))
            .recommendations()) {
      if (!acceptedPatterns.contains(r.pattern().name())) {
        fresh.add(describe(r));
      }
    }
    String message =
        fresh.isEmpty()
            ? "PASS: no new recommendation for profiling group '" + profilingGroup + "'"
            : "FAIL: "
                + fresh.size()
                + " new recommendation"
                + (fresh.size() == 1 ? "" : "s")
                + " for profiling group '"
                + profilingGroup
                + "'";
    return new Verdict(fresh.isEmpty(), List.copyOf(fresh), message);
  }

  /**
   * Like {@link #check}, but throws when the gate fails.
   *
   * @throws NewRecommendationException listing the new recommendations
   */
  public Verdict enforce(Instant start, Instant end) {
    Verdict verdict = check(start, end);
    if (!verdict.passed()) {
      throw new NewRecommendationException(verdict);
    }
    return verdict;
  }

  private static String describe(Recommendation r) {
    String where =
        r.topMatches().isEmpty() ? "" : ", mostly at " + r.topMatches().get(0).frameAddress();
    return String.format(
        Locale.ROOT, "%s: %.1f%% of the samples%s", r.pattern().name(), r.allMatchesSum(), where);
  }
}

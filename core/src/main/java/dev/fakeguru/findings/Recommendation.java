package dev.fakeguru.findings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A potential improvement found in a profile: the API's {@code Recommendation}. It holds the {@link
 * Pattern} that was recognised, the time range of the profile analysed, and every place the pattern
 * matched; {@link #allMatchesCount()}, {@link #allMatchesSum()} and {@link #topMatches()} are
 * computed from those matches, so they always agree.
 *
 * <p>Script one with {@code ProfilerFake.addRecommendation}, or let the fake derive one from the
 * profiles it stored with {@code ProfilerFake.deriveRecommendation}. Instants are kept to the
 * millisecond, as the API carries them.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Recommendation recommendation =
 *     Recommendation.builder()
 *         .pattern(pattern)
 *         .startTime(Instant.parse("2024-01-02T00:00:00Z"))
 *         .endTime(Instant.parse("2024-01-03T00:00:00Z"))
 *         .match(new Match("main;handle;Json.serialize", 0, 12.5))
 *         .build();
 * fake.addRecommendation("checkout", recommendation);
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Recommendation {
  /** How many matches {@link #topMatches()} holds at most. */
  public static final int TOP_MATCHES = 10;

  private static final Comparator<Match> MOST_IMPACT_FIRST =
      Comparator.comparingDouble(Match::thresholdBreachValue).reversed();

  private final Pattern pattern;
  private final Instant startTime;
  private final Instant endTime;
  private final List<Match> matches;

  private Recommendation(Builder b) {
    if (b.pattern == null) {
      throw new IllegalArgumentException("pattern is required");
    }
    this.pattern = b.pattern;
    if (b.startTime == null || b.endTime == null) {
      throw new IllegalArgumentException("startTime and endTime are required");
    }
    Checks.ordered(b.startTime, b.endTime, "startTime", "endTime");
    this.startTime = b.startTime;
    this.endTime = b.endTime;
    for (Match m : b.matches) {
      if (m.targetFramesIndex() >= pattern.targetFrames().size()) {
        throw new IllegalArgumentException(
            "match "
                + m
                + " names target frame "
                + m.targetFramesIndex()
                + ", but the pattern has "
                + pattern.targetFrames().size());
      }
    }
    this.matches = List.copyOf(b.matches);
  }

  /**
   * A builder: the pattern, the start and the end are required; matches are optional.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The pattern the analysis recognised.
   *
   * @return the pattern
   */
  public Pattern pattern() {
    return pattern;
  }

  /**
   * The start of the profile analysed.
   *
   * @return the instant, to the millisecond
   */
  public Instant startTime() {
    return startTime;
  }

  /**
   * The end of the profile analysed.
   *
   * @return the instant, to the millisecond, after {@link #startTime()}
   */
  public Instant endTime() {
    return endTime;
  }

  /**
   * Every place the pattern matched, in the order given.
   *
   * @return an immutable list
   */
  public List<Match> matches() {
    return matches;
  }

  /**
   * How many places in the call graph matched: the API's {@code allMatchesCount}.
   *
   * @return the number of {@link #matches()}
   */
  public int allMatchesCount() {
    return matches.size();
  }

  /**
   * How much of the samples is potentially affected: the API's {@code allMatchesSum}.
   *
   * @return the sum of the matches' {@link Match#thresholdBreachValue()}, in percent
   */
  public double allMatchesSum() {
    double sum = 0;
    for (Match m : matches) {
      sum += m.thresholdBreachValue();
    }
    return sum;
  }

  /**
   * The matches with most impact: the API's {@code topMatches}.
   *
   * @return at most {@value #TOP_MATCHES} matches, highest {@link Match#thresholdBreachValue()}
   *     first (ties in the order given)
   */
  public List<Match> topMatches() {
    List<Match> sorted = new ArrayList<>(matches);
    sorted.sort(MOST_IMPACT_FIRST);
    return List.copyOf(sorted.subList(0, Math.min(TOP_MATCHES, sorted.size())));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Recommendation r
        && r.pattern.equals(pattern)
        && r.startTime.equals(startTime)
        && r.endTime.equals(endTime)
        && r.matches.equals(matches);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pattern, startTime, endTime, matches);
  }

  @Override
  public String toString() {
    return "Recommendation '"
        + pattern.name()
        + "' for "
        + startTime
        + " to "
        + endTime
        + " with "
        + matches.size()
        + (matches.size() == 1 ? " match" : " matches");
  }

  /** Builds a {@link Recommendation}. Not thread-safe. */
  @API(status = API.Status.STABLE, since = "0.1")
  public static final class Builder {
    private Pattern pattern;
    private Instant startTime;
    private Instant endTime;
    private final List<Match> matches = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the pattern.
     *
     * @param pattern the pattern recognised
     * @return this builder
     */
    public Builder pattern(Pattern pattern) {
      this.pattern = Objects.requireNonNull(pattern, "pattern");
      return this;
    }

    /**
     * Sets the start of the profile analysed.
     *
     * @param startTime kept to the millisecond
     * @return this builder
     */
    public Builder startTime(Instant startTime) {
      this.startTime = Checks.millis(startTime, "startTime");
      return this;
    }

    /**
     * Sets the end of the profile analysed.
     *
     * @param endTime kept to the millisecond
     * @return this builder
     */
    public Builder endTime(Instant endTime) {
      this.endTime = Checks.millis(endTime, "endTime");
      return this;
    }

    /**
     * Adds a match.
     *
     * @param match the match
     * @return this builder
     */
    public Builder match(Match match) {
      matches.add(Objects.requireNonNull(match, "match"));
      return this;
    }

    /**
     * Adds matches.
     *
     * @param matches the matches, in order
     * @return this builder
     */
    public Builder matches(List<Match> matches) {
      matches.forEach(this::match);
      return this;
    }

    /**
     * Builds the recommendation.
     *
     * @return the recommendation
     * @throws IllegalArgumentException if the pattern or the range is missing, the range is empty,
     *     or a match names a target frame the pattern does not have
     */
    public Recommendation build() {
      return new Recommendation(this);
    }
  }
}

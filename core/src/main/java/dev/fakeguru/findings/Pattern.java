package dev.fakeguru.findings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * The rule behind a {@link Recommendation}: the API's {@code Pattern}. It names the target frames
 * the analysis searched for and the share of samples ({@code thresholdPercent}) at which one of
 * them triggers the recommendation, counting the {@code countersToAggregate} (thread states such as
 * {@code RUNNABLE}; none means every counter type).
 *
 * <p>A target frame is a call chain, caller first: {@code ["Db.query"]} is one frame anywhere,
 * {@code ["Cache.get", "Db.query"]} is {@code Db.query} called directly by {@code Cache.get}. Its
 * position in {@link #targetFrames()} is what a {@link Match#targetFramesIndex()} refers to.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Pattern pattern =
 *     Pattern.builder()
 *         .name("Excessive JSON serialization")
 *         .description("Serializing JSON takes a large share of the CPU time.")
 *         .resolutionSteps("Cache the serialized form, or serialize less often.")
 *         .targetFrame("Json.serialize")
 *         .thresholdPercent(10)
 *         .countersToAggregate("RUNNABLE")
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Pattern {
  private final String id;
  private final String name;
  private final Optional<String> description;
  private final Optional<String> resolutionSteps;
  private final List<List<String>> targetFrames;
  private final double thresholdPercent;
  private final List<String> countersToAggregate;

  private Pattern(Builder b) {
    this.id = b.id == null ? UUID.randomUUID().toString() : b.id;
    this.name = Checks.text(b.name, "name");
    this.description = Optional.ofNullable(b.description);
    this.resolutionSteps = Optional.ofNullable(b.resolutionSteps);
    if (b.targetFrames.isEmpty()) {
      throw new IllegalArgumentException("targetFrames must hold at least one target frame");
    }
    this.targetFrames = List.copyOf(b.targetFrames);
    if (b.thresholdPercent == null) {
      throw new IllegalArgumentException("thresholdPercent is required");
    }
    this.thresholdPercent = b.thresholdPercent;
    this.countersToAggregate = List.copyOf(b.countersToAggregate);
  }

  /**
   * A builder: {@code name}, at least one target frame and {@code thresholdPercent} are required;
   * the id defaults to a random UUID.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The pattern "frame X over N % of the samples": one target frame anywhere in the call graph,
   * every counter type counted, with a name, description and resolution steps that say so.
   *
   * <pre>{@code
   * fake.deriveRecommendation("checkout", from, to, Pattern.hotFrame("Json.serialize", 10));
   * }</pre>
   *
   * @param frame the frame name
   * @param thresholdPercent 0 to 100
   * @return the pattern, with a random id
   */
  public static Pattern hotFrame(String frame, double thresholdPercent) {
    String percent =
        BigDecimal.valueOf(Checks.percent(thresholdPercent, "thresholdPercent"))
            .stripTrailingZeros()
            .toPlainString();
    return builder()
        .name("Hot frame: " + Checks.text(frame, "frame"))
        .description(frame + " is on the stack of at least " + percent + "% of the samples.")
        .resolutionSteps(
            "Look at where " + frame + " is called from, and whether it must run that often.")
        .targetFrame(frame)
        .thresholdPercent(thresholdPercent)
        .build();
  }

  /**
   * The pattern's id.
   *
   * @return a UUID unless the builder was given another id
   */
  public String id() {
    return id;
  }

  /**
   * The pattern's name.
   *
   * @return e.g. {@code Excessive JSON serialization}
   */
  public String name() {
    return name;
  }

  /**
   * What the pattern explains about the profiled application.
   *
   * @return the description, if any
   */
  public Optional<String> description() {
    return description;
  }

  /**
   * The steps recommended to address the inefficiency.
   *
   * @return the steps, if any
   */
  public Optional<String> resolutionSteps() {
    return resolutionSteps;
  }

  /**
   * The target frames the analysis searched for, each a call chain, caller first.
   *
   * @return an immutable list of immutable lists
   */
  public List<List<String>> targetFrames() {
    return targetFrames;
  }

  /**
   * The share of samples, in percent, at which a target frame triggers the recommendation.
   *
   * @return 0 to 100
   */
  public double thresholdPercent() {
    return thresholdPercent;
  }

  /**
   * The counter types (thread states) counted; empty means every counter type.
   *
   * @return an immutable list
   */
  public List<String> countersToAggregate() {
    return countersToAggregate;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pattern p
        && p.id.equals(id)
        && p.name.equals(name)
        && p.description.equals(description)
        && p.resolutionSteps.equals(resolutionSteps)
        && p.targetFrames.equals(targetFrames)
        && Double.compare(p.thresholdPercent, thresholdPercent) == 0
        && p.countersToAggregate.equals(countersToAggregate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, targetFrames, thresholdPercent);
  }

  @Override
  public String toString() {
    return "Pattern '" + name + "' " + targetFrames + " at " + thresholdPercent + "%";
  }

  /** Builds a {@link Pattern}. Not thread-safe. */
  @API(status = API.Status.STABLE, since = "0.1")
  public static final class Builder {
    private String id;
    private String name;
    private String description;
    private String resolutionSteps;
    private final List<List<String>> targetFrames = new ArrayList<>();
    private Double thresholdPercent;
    private final List<String> countersToAggregate = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the id.
     *
     * @param id any non-blank text (the service uses UUIDs)
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Checks.text(id, "id");
      return this;
    }

    /**
     * Sets the name.
     *
     * @param name non-blank
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Checks.text(name, "name");
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description the text, or null for none
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets the resolution steps.
     *
     * @param resolutionSteps the text, or null for none
     * @return this builder
     */
    public Builder resolutionSteps(String resolutionSteps) {
      this.resolutionSteps = resolutionSteps;
      return this;
    }

    /**
     * Adds a target frame: a call chain, caller first (one frame name for a frame anywhere).
     *
     * @param callChain at least one frame name
     * @return this builder
     */
    public Builder targetFrame(String... callChain) {
      return targetFrame(List.of(callChain));
    }

    /**
     * Adds a target frame: a call chain, caller first.
     *
     * @param callChain at least one frame name
     * @return this builder
     */
    public Builder targetFrame(List<String> callChain) {
      List<String> chain = Checks.strings(callChain, "targetFrame");
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("a target frame needs at least one frame name");
      }
      targetFrames.add(chain);
      return this;
    }

    /**
     * Sets the threshold.
     *
     * @param thresholdPercent 0 to 100
     * @return this builder
     */
    public Builder thresholdPercent(double thresholdPercent) {
      this.thresholdPercent = Checks.percent(thresholdPercent, "thresholdPercent");
      return this;
    }

    /**
     * Sets the counter types counted (replacing earlier ones); none means every counter type.
     *
     * @param counterTypes e.g. {@code RUNNABLE}
     * @return this builder
     */
    public Builder countersToAggregate(String... counterTypes) {
      return countersToAggregate(List.of(counterTypes));
    }

    /**
     * Sets the counter types counted (replacing earlier ones); none means every counter type.
     *
     * @param counterTypes e.g. {@code RUNNABLE}
     * @return this builder
     */
    public Builder countersToAggregate(List<String> counterTypes) {
      List<String> copy = Checks.strings(counterTypes, "countersToAggregate");
      countersToAggregate.clear();
      countersToAggregate.addAll(copy);
      return this;
    }

    /**
     * Builds the pattern.
     *
     * @return the pattern
     * @throws IllegalArgumentException if the name, target frames or threshold are missing
     */
    public Pattern build() {
      return new Pattern(this);
    }
  }
}

package dev.fakeguru.findings;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * One period in which an {@link Anomaly}'s metric was flagged: the API's {@code AnomalyInstance}.
 * Its id is what SubmitFeedback names; an instance without an end is still going on. Instants are
 * kept to the millisecond, as the API carries them.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * AnomalyInstance instance =
 *     AnomalyInstance.builder()
 *         .startTime(Instant.parse("2024-01-02T03:00:00Z"))
 *         .endTime(Instant.parse("2024-01-02T04:00:00Z"))
 *         .build(); // a random id
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class AnomalyInstance {
  private final String id;
  private final Instant startTime;
  private final Optional<Instant> endTime;
  private final Optional<FeedbackType> userFeedback;

  private AnomalyInstance(
      String id, Instant startTime, Optional<Instant> endTime, Optional<FeedbackType> feedback) {
    this.id = id;
    this.startTime = startTime;
    this.endTime = endTime;
    this.userFeedback = feedback;
  }

  /**
   * A builder: the start is required; the id defaults to a random UUID.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The instance's id, which SubmitFeedback names.
   *
   * @return a lower-case UUID
   */
  public String id() {
    return id;
  }

  /**
   * When the metric was first flagged.
   *
   * @return the instant, to the millisecond
   */
  public Instant startTime() {
    return startTime;
  }

  /**
   * When the metric stopped being flagged.
   *
   * @return the instant, to the millisecond; empty while the anomaly goes on
   */
  public Optional<Instant> endTime() {
    return endTime;
  }

  /**
   * The feedback a user gave on this instance: the API's {@code userFeedback.type}.
   *
   * @return the latest feedback, if any
   */
  public Optional<FeedbackType> userFeedback() {
    return userFeedback;
  }

  /**
   * A copy with other feedback.
   *
   * @param feedback the feedback
   * @return the copy
   */
  public AnomalyInstance withUserFeedback(FeedbackType feedback) {
    return new AnomalyInstance(
        id, startTime, endTime, Optional.of(Objects.requireNonNull(feedback, "feedback")));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnomalyInstance i
        && i.id.equals(id)
        && i.startTime.equals(startTime)
        && i.endTime.equals(endTime)
        && i.userFeedback.equals(userFeedback);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, startTime, endTime, userFeedback);
  }

  @Override
  public String toString() {
    return "AnomalyInstance "
        + id
        + " from "
        + startTime
        + endTime.map(e -> " to " + e).orElse(" (ongoing)")
        + userFeedback.map(f -> ", feedback " + f.wireName()).orElse("");
  }

  /** Builds an {@link AnomalyInstance}. Not thread-safe. */
  @API(status = API.Status.STABLE, since = "0.1")
  public static final class Builder {
    private String id;
    private Instant startTime;
    private Instant endTime;
    private FeedbackType userFeedback;

    private Builder() {}

    /**
     * Sets the id.
     *
     * @param id a lower-case UUID, as the API's {@code AnomalyInstanceId}
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Checks.uuid(id, "id");
      return this;
    }

    /**
     * Sets the start.
     *
     * @param startTime kept to the millisecond
     * @return this builder
     */
    public Builder startTime(Instant startTime) {
      this.startTime = Checks.millis(startTime, "startTime");
      return this;
    }

    /**
     * Sets the end.
     *
     * @param endTime kept to the millisecond, or null for an anomaly that goes on
     * @return this builder
     */
    public Builder endTime(Instant endTime) {
      this.endTime = endTime == null ? null : Checks.millis(endTime, "endTime");
      return this;
    }

    /**
     * Sets the feedback the instance starts with.
     *
     * @param userFeedback the feedback, or null for none
     * @return this builder
     */
    public Builder userFeedback(FeedbackType userFeedback) {
      this.userFeedback = userFeedback;
      return this;
    }

    /**
     * Builds the instance.
     *
     * @return the instance
     * @throws IllegalArgumentException if the start is missing or the end is not after it
     */
    public AnomalyInstance build() {
      if (startTime == null) {
        throw new IllegalArgumentException("startTime is required");
      }
      if (endTime != null) {
        Checks.ordered(startTime, endTime, "startTime", "endTime");
      }
      return new AnomalyInstance(
          id == null ? UUID.randomUUID().toString() : id,
          startTime,
          Optional.ofNullable(endTime),
          Optional.ofNullable(userFeedback));
    }
  }
}

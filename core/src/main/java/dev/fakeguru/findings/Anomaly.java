package dev.fakeguru.findings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A change in the application's normal behaviour: the API's {@code Anomaly}, a {@link Metric}
 * flagged for a {@code reason} in one or more {@link AnomalyInstance instances}.
 *
 * <p>Script one with {@code ProfilerFake.addAnomaly}: GetRecommendations then answers it for every
 * range an instance overlaps, with only those instances; a group with notification channels gets a
 * notification per instance recorded.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Anomaly anomaly =
 *     Anomaly.builder()
 *         .metric(Metric.of("Db.query"))
 *         .reason("Db.query takes 3 times its usual share of the samples")
 *         .instance(Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T04:00:00Z"))
 *         .build();
 * fake.addAnomaly("checkout", anomaly);
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Anomaly {
  private final Metric metric;
  private final String reason;
  private final List<AnomalyInstance> instances;

  private Anomaly(Metric metric, String reason, List<AnomalyInstance> instances) {
    this.metric = metric;
    this.reason = reason;
    this.instances = List.copyOf(instances);
  }

  /**
   * A builder: the metric, the reason and at least one instance are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The metric flagged.
   *
   * @return the metric
   */
  public Metric metric() {
    return metric;
  }

  /**
   * Why the metric was flagged.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /**
   * The periods in which it was flagged.
   *
   * @return an immutable list, at least one
   */
  public List<AnomalyInstance> instances() {
    return instances;
  }

  /**
   * A copy with other instances (the fake answers an anomaly with the instances a range overlaps,
   * and with the feedback they received).
   *
   * @param instances the instances, at least one, with distinct ids
   * @return the copy
   */
  public Anomaly withInstances(List<AnomalyInstance> instances) {
    return new Anomaly(metric, reason, checked(instances));
  }

  private static List<AnomalyInstance> checked(List<AnomalyInstance> instances) {
    if (instances.isEmpty()) {
      throw new IllegalArgumentException("an anomaly needs at least one instance");
    }
    Set<String> ids = new HashSet<>();
    for (AnomalyInstance i : instances) {
      if (!ids.add(Objects.requireNonNull(i, "instance").id())) {
        throw new IllegalArgumentException("two instances have the id " + i.id());
      }
    }
    return instances;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Anomaly a
        && a.metric.equals(metric)
        && a.reason.equals(reason)
        && a.instances.equals(instances);
  }

  @Override
  public int hashCode() {
    return Objects.hash(metric, reason, instances);
  }

  @Override
  public String toString() {
    return "Anomaly of "
        + metric.frameName()
        + " ("
        + reason
        + ") with "
        + instances.size()
        + (instances.size() == 1 ? " instance" : " instances");
  }

  /** Builds an {@link Anomaly}. Not thread-safe. */
  @API(status = API.Status.STABLE, since = "0.1")
  public static final class Builder {
    private Metric metric;
    private String reason;
    private final List<AnomalyInstance> instances = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the metric.
     *
     * @param metric the metric flagged
     * @return this builder
     */
    public Builder metric(Metric metric) {
      this.metric = Objects.requireNonNull(metric, "metric");
      return this;
    }

    /**
     * Sets the reason.
     *
     * @param reason non-blank
     * @return this builder
     */
    public Builder reason(String reason) {
      this.reason = Checks.text(reason, "reason");
      return this;
    }

    /**
     * Adds an instance.
     *
     * @param instance the instance
     * @return this builder
     */
    public Builder instance(AnomalyInstance instance) {
      instances.add(Objects.requireNonNull(instance, "instance"));
      return this;
    }

    /**
     * Adds an instance with a random id.
     *
     * @param startTime its start
     * @param endTime its end, or null for an anomaly that goes on
     * @return this builder
     */
    public Builder instance(Instant startTime, Instant endTime) {
      return instance(AnomalyInstance.builder().startTime(startTime).endTime(endTime).build());
    }

    /**
     * Builds the anomaly.
     *
     * @return the anomaly
     * @throws IllegalArgumentException if the metric, the reason or an instance is missing, or two
     *     instances share an id
     */
    public Anomaly build() {
      if (metric == null) {
        throw new IllegalArgumentException("metric is required");
      }
      if (reason == null) {
        throw new IllegalArgumentException("reason is required");
      }
      return new Anomaly(metric, reason, checked(instances));
    }
  }
}

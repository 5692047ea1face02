package dev.fakeguru.conformance;

import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.scripting.AgentConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A script to steer a profiling agent through: what ConfigureAgent answers from which moment on
 * (profile, pause, resume, a shorter period), which calls fail and when (a throttle, a 500), and
 * when it ends. Moments are offsets from the start of the run, on the fake's clock, so a scenario
 * runs against a {@code SettableClock} the test moves or in real time alike. Start it with {@code
 * fake.startScenario(group, scenario)}; the {@link ScenarioRun} makes the {@link ConformanceReport}
 * when it ends.
 *
 * <p>The {@linkplain #named(String, int) named scenarios} are what the standalone server's {@code
 * --scenario} runs. Immutable and thread-safe; the {@link Builder} is not thread-safe.
 *
 * <pre>{@code
 * AgentScenario scenario = AgentScenario.builder(AgentConfiguration.fastReporting(10))
 *     .throttleAt(Duration.ofSeconds(15), Operation.POST_AGENT_PROFILE)
 *     .pauseAt(Duration.ofSeconds(30))
 *     .resumeAt(Duration.ofSeconds(50))
 *     .periodAt(Duration.ofSeconds(80), 5)
 *     .endAt(Duration.ofSeconds(110));
 * ScenarioRun run = fake.startScenario("my-app", scenario);
 * // ... the agent runs ...
 * ConformanceReport report = run.awaitEnd(Duration.ofMinutes(3));
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AgentScenario {

  /** The scenario {@link #named(String, int)} knows: a few periods of plain profiling. */
  public static final String STEADY = "steady";

  /**
   * The scenario {@link #named(String, int)} knows: profile, a throttled post, a pause, a resume, a
   * failed post (500), a shorter period.
   */
  public static final String FULL = "full";

  /**
   * A fault on the first call of an operation at or after a moment.
   *
   * @param at the moment, from the start of the run
   * @param operation the operation whose next call fails
   * @param fault what that call gets
   */
  public record TimedFault(Duration at, Operation operation, ProfilerFault fault) {
    /** Checks the values. */
    public TimedFault {
      requireOffset(at);
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(fault, "fault");
    }
  }

  private final String name;
  private final NavigableMap<Duration, AgentConfiguration> configurations;
  private final List<TimedFault> faults;
  private final Duration end;

  private AgentScenario(Builder b, Duration end) {
    this.name = b.name;
    this.configurations = Collections.unmodifiableNavigableMap(new TreeMap<>(b.configurations));
    this.faults = List.copyOf(b.faults);
    this.end = end;
  }

  /**
   * A scenario whose ConfigureAgent answers {@code initial} from the start.
   *
   * @param initial the first answer
   * @return a builder
   */
  public static Builder builder(AgentConfiguration initial) {
    return new Builder(Objects.requireNonNull(initial, "initial"));
  }

  /**
   * A scenario by name, timed in multiples of {@code periodInSeconds} (call it P), with {@link
   * AgentConfiguration#fastReporting(int)} answers so that real agents accept the short periods:
   *
   * <ul>
   *   <li>{@value #STEADY}: profile for 4 P.
   *   <li>{@value #FULL}: profile; the first post from 1.5 P on is throttled (429); pause at 3 P;
   *       resume at 5 P; the first post from 6.5 P on fails with a 500; the period halves at 8 P
   *       (at least 1 s); the end at 11 P.
   * </ul>
   *
   * @param name {@value #STEADY} or {@value #FULL}
   * @param periodInSeconds P, at least 1
   * @return the scenario
   * @throws IllegalArgumentException for an unknown name or a period below 1
   */
  public static AgentScenario named(String name, int periodInSeconds) {
    if (periodInSeconds < 1) {
      throw new IllegalArgumentException(
          "periodInSeconds must be at least 1, but was " + periodInSeconds);
    }
    Duration p = Duration.ofSeconds(periodInSeconds);
    Builder b = builder(AgentConfiguration.fastReporting(periodInSeconds));
    b.name = name;
    switch (String.valueOf(name)) {
      case STEADY -> {
        return b.endAt(p.multipliedBy(4));
      }
      case FULL -> {
        return b.throttleAt(p.multipliedBy(3).dividedBy(2), Operation.POST_AGENT_PROFILE)
            .pauseAt(p.multipliedBy(3))
            .resumeAt(p.multipliedBy(5))
            .internalErrorAt(p.multipliedBy(13).dividedBy(2), Operation.POST_AGENT_PROFILE)
            .periodAt(p.multipliedBy(8), Math.max(1, periodInSeconds / 2))
            .endAt(p.multipliedBy(11));
      }
      default ->
          throw new IllegalArgumentException(
              "Unknown scenario '" + name + "'; the named scenarios are " + names() + ".");
    }
  }

  /**
   * The names {@link #named(String, int)} knows.
   *
   * @return {@value #STEADY} and {@value #FULL}
   */
  public static List<String> names() {
    return List.of(STEADY, FULL);
  }

  /**
   * The scenario's name.
   *
   * @return the name given to {@link #named(String, int)}, or {@code custom}
   */
  public String name() {
    return name;
  }

  /**
   * What ConfigureAgent answers from each moment on.
   *
   * @return an unmodifiable map from the offset to the answer, starting at zero
   */
  public NavigableMap<Duration, AgentConfiguration> configurations() {
    return configurations;
  }

  /**
   * The faults, in the order added.
   *
   * @return an immutable list
   */
  public List<TimedFault> faults() {
    return faults;
  }

  /**
   * When the scenario ends, from the start of the run.
   *
   * @return the offset
   */
  public Duration end() {
    return end;
  }

  /**
   * The scenario as lines: the answers and faults by offset, and the end.
   *
   * @return one step per line
   */
  public String describe() {
    StringBuilder sb = new StringBuilder("scenario " + name + ":");
    for (Map.Entry<Duration, AgentConfiguration> e : configurations.entrySet()) {
      AgentConfiguration c = e.getValue();
      sb.append("\n  at ")
          .append(e.getKey())
          .append(": ConfigureAgent answers shouldProfile=")
          .append(c.shouldProfile())
          .append(", periodInSeconds=")
          .append(c.periodInSeconds());
    }
    for (TimedFault f : faults) {
      sb.append("\n  from ")
          .append(f.at())
          .append(": the next ")
          .append(f.operation().apiName())
          .append(" gets ")
          .append(f.fault());
    }
    return sb.append("\n  at ").append(end).append(": the end").toString();
  }

  @Override
  public String toString() {
    return describe();
  }

  private static Duration requireOffset(Duration at) {
    Objects.requireNonNull(at, "at");
    if (at.isNegative()) {
      throw new IllegalArgumentException("an offset must not be negative, but was " + at);
    }
    return at;
  }

  /**
   * Builds a scenario step by step; each step's offset counts from the start of the run, and the
   * answers change at their offsets whatever order they are added in. Not thread-safe.
   */
  public static final class Builder {
    private final NavigableMap<Duration, AgentConfiguration> configurations = new TreeMap<>();
    private final List<TimedFault> faults = new ArrayList<>();
    private String name = "custom";

    private Builder(AgentConfiguration initial) {
      configurations.put(Duration.ZERO, initial);
    }

    /**
     * From {@code at} on, ConfigureAgent answers {@code configuration}.
     *
     * @param at the offset
     * @param configuration the answer
     * @return this builder
     */
    public Builder configurationAt(Duration at, AgentConfiguration configuration) {
      configurations.put(requireOffset(at), Objects.requireNonNull(configuration, "configuration"));
      return this;
    }

    /**
     * From {@code at} on, ConfigureAgent answers {@code shouldProfile=false} (otherwise as before).
     *
     * @param at the offset
     * @return this builder
     */
    public Builder pauseAt(Duration at) {
      return configurationAt(at, inForce(at).withShouldProfile(false));
    }

    /**
     * From {@code at} on, ConfigureAgent answers {@code shouldProfile=true} (otherwise as before).
     *
     * @param at the offset
     * @return this builder
     */
    public Builder resumeAt(Duration at) {
      return configurationAt(at, inForce(at).withShouldProfile(true));
    }

    /**
     * From {@code at} on, ConfigureAgent answers another period; the minimum reporting time and the
     * reporting interval come down with it when they would exceed it (the Python agent refuses a
     * period below the minimum reporting time).
     *
     * @param at the offset
     * @param periodInSeconds the new period, at least 1
     * @return this builder
     */
    public Builder periodAt(Duration at, int periodInSeconds) {
      AgentConfiguration c = inForce(at).withPeriodInSeconds(periodInSeconds);
      String periodMillis = String.valueOf(periodInSeconds * 1000L);
      for (String p :
          List.of(
              AgentConfiguration.MINIMUM_TIME_FOR_REPORTING_IN_MILLISECONDS,
              AgentConfiguration.REPORTING_INTERVAL_IN_MILLISECONDS)) {
        String v = c.agentParameters().get(p);
        if (v != null && exceeds(v, periodInSeconds * 1000L)) {
          c = c.withAgentParameter(p, periodMillis);
        }
      }
      return configurationAt(at, c);
    }

    private static boolean exceeds(String millis, long limit) {
      try {
        return Long.parseLong(millis.trim()) > limit;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    /**
     * The first call of {@code operation} at or after {@code at} gets {@code fault}.
     *
     * @param at the offset
     * @param operation the operation
     * @param fault the fault
     * @return this builder
     */
    public Builder faultAt(Duration at, Operation operation, ProfilerFault fault) {
      faults.add(new TimedFault(at, operation, fault));
      return this;
    }

    /**
     * The first call of {@code operation} at or after {@code at} is throttled (429).
     *
     * @param at the offset
     * @param operation the operation
     * @return this builder
     */
    public Builder throttleAt(Duration at, Operation operation) {
      return faultAt(at, operation, ProfilerFault.throttling());
    }

    /**
     * The first call of {@code operation} at or after {@code at} fails with a 500.
     *
     * @param at the offset
     * @param operation the operation
     * @return this builder
     */
    public Builder internalErrorAt(Duration at, Operation operation) {
      return faultAt(at, operation, ProfilerFault.internalError());
    }

    /**
     * Ends the scenario at {@code end} and builds it.
     *
     * @param end the offset of the end, after every step
     * @return the scenario
     * @throws IllegalArgumentException if {@code end} is not after every step
     */
    public AgentScenario endAt(Duration end) {
      requireOffset(end);
      Duration last = configurations.lastKey();
      for (TimedFault f : faults) {
        last = f.at().compareTo(last) > 0 ? f.at() : last;
      }
      if (end.compareTo(last) <= 0) {
        throw new IllegalArgumentException(
            "the end " + end + " must come after the last step, at " + last);
      }
      return new AgentScenario(this, end);
    }

    private AgentConfiguration inForce(Duration at) {
      return configurations.floorEntry(requireOffset(at)).getValue();
    }
  }
}

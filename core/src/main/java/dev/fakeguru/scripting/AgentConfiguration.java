package dev.fakeguru.scripting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What ConfigureAgent answers: whether the agent should profile, how often it reports, and string
 * agent parameters keyed by the API's {@code AgentParameterField} names.
 *
 * <p>The {@link #defaults() defaults} are the values the real service hands a Python agent. Note
 * the Python agent's rule: {@code periodInSeconds} must be at least {@code
 * MinimumTimeForReportingInMilliseconds / 1000}, or the agent rejects the whole configuration;
 * {@link #fastReporting(int)} keeps to it.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * FakeCodeGuruProfiler.builder()
 *     .defaultAgentConfiguration(AgentConfiguration.fastReporting(2))
 *     .start();
 * }</pre>
 *
 * @param shouldProfile whether the agent should profile (the fake also requires the group's {@code
 *     profilingEnabled})
 * @param periodInSeconds the reporting period, at least 1
 * @param agentParameters {@code AgentParameterField} name to string value, e.g. {@code
 *     SamplingIntervalInMilliseconds -> "1000"}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record AgentConfiguration(
    boolean shouldProfile, int periodInSeconds, Map<String, String> agentParameters) {

  /** {@code SamplingIntervalInMilliseconds}. */
  public static final String SAMPLING_INTERVAL_IN_MILLISECONDS = "SamplingIntervalInMilliseconds";

  /** {@code ReportingIntervalInMilliseconds}. */
  public static final String REPORTING_INTERVAL_IN_MILLISECONDS = "ReportingIntervalInMilliseconds";

  /** {@code MinimumTimeForReportingInMilliseconds}. */
  public static final String MINIMUM_TIME_FOR_REPORTING_IN_MILLISECONDS =
      "MinimumTimeForReportingInMilliseconds";

  /** {@code MemoryUsageLimitPercent}. */
  public static final String MEMORY_USAGE_LIMIT_PERCENT = "MemoryUsageLimitPercent";

  /** {@code MaxStackDepth}. */
  public static final String MAX_STACK_DEPTH = "MaxStackDepth";

  /** Validates and copies. */
  public AgentConfiguration {
    if (periodInSeconds < 1) {
      throw new IllegalArgumentException(
          "periodInSeconds must be >= 1, but was " + periodInSeconds);
    }
    Objects.requireNonNull(agentParameters, "agentParameters");
    agentParameters = Collections.unmodifiableMap(new LinkedHashMap<>(agentParameters));
  }

  /**
   * What the real service answers a Python agent: profile, report every 300 s, sample every second,
   * minimum reporting time 60 s, stack depth 1000, memory limit 10 %.
   */
  public static AgentConfiguration defaults() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(SAMPLING_INTERVAL_IN_MILLISECONDS, "1000");
    p.put(MINIMUM_TIME_FOR_REPORTING_IN_MILLISECONDS, "60000");
    p.put(MAX_STACK_DEPTH, "1000");
    p.put(MEMORY_USAGE_LIMIT_PERCENT, "10");
    p.put(REPORTING_INTERVAL_IN_MILLISECONDS, "300000");
    return new AgentConfiguration(true, 300, p);
  }

  /**
   * A configuration for fast test cycles that real agents accept: report every {@code
   * periodInSeconds}, with the minimum reporting time lowered to match and sampling every 100 ms.
   */
  public static AgentConfiguration fastReporting(int periodInSeconds) {
    Map<String, String> p = new LinkedHashMap<>(defaults().agentParameters());
    p.put(SAMPLING_INTERVAL_IN_MILLISECONDS, "100");
    p.put(MINIMUM_TIME_FOR_REPORTING_IN_MILLISECONDS, String.valueOf(periodInSeconds * 1000L));
    p.put(REPORTING_INTERVAL_IN_MILLISECONDS, String.valueOf(periodInSeconds * 1000L));
    return new AgentConfiguration(true, periodInSeconds, p);
  }

  /** A copy with {@code shouldProfile} replaced. */
  public AgentConfiguration withShouldProfile(boolean value) {
    return new AgentConfiguration(value, periodInSeconds, agentParameters);
  }

  /** A copy with {@code periodInSeconds} replaced. */
  public AgentConfiguration withPeriodInSeconds(int value) {
    return new AgentConfiguration(shouldProfile, value, agentParameters);
  }

  /** A copy with one agent parameter set. */
  public AgentConfiguration withAgentParameter(String name, String value) {
    Map<String, String> p = new LinkedHashMap<>(agentParameters);
    p.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new AgentConfiguration(shouldProfile, periodInSeconds, p);
  }
}

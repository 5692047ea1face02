package dev.fakeguru.conformance;

import java.time.Duration;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * An {@link AgentScenario} in progress on a fake for one profiling group: from its start the fake
 * answers ConfigureAgent for the group by the scenario's schedule and fails the calls it names;
 * {@link #awaitEnd(Duration)} waits until the fake's clock reaches the end, removes what the
 * scenario put in force, and reports on the window from the start to the end.
 *
 * <p>Answers queued with {@code enqueueConfigureAgent} still come first. A reset of the fake
 * forgets the scenario's schedule and faults. Thread-safe.
 *
 * <pre>{@code
 * ScenarioRun run = fake.startScenario("my-app", AgentScenario.named(AgentScenario.FULL, 10));
 * // start the agent against fake.endpoint() ...
 * ConformanceReport report = run.awaitEnd(Duration.ofMinutes(3));
 * assertThat(report.failures()).isEmpty();
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ScenarioRun {

  /**
   * The profiling group steered.
   *
   * @return the group name
   */
  String profilingGroup();

  /**
   * The scenario.
   *
   * @return the scenario
   */
  AgentScenario scenario();

  /**
   * When the run started, on the fake's clock: the start of the report's window.
   *
   * @return the instant
   */
  Instant startedAt();

  /**
   * When the run ends, on the fake's clock.
   *
   * @return {@link #startedAt()} plus the scenario's end
   */
  Instant endsAt();

  /**
   * Whether the fake's clock has reached the end.
   *
   * @return true once it has
   */
  boolean isOver();

  /**
   * Waits until the fake's clock reaches {@link #endsAt()} (it moves with real time, or when a test
   * moves a {@code SettableClock}), then stops the run and reports on its window.
   *
   * @param timeout how long to wait, in real time
   * @return the report on the calls from {@link #startedAt()} to {@link #endsAt()}
   * @throws AssertionError if the end does not come in time (the message says where the clock
   *     stands)
   */
  ConformanceReport awaitEnd(Duration timeout);

  /**
   * The report on the calls from the start until now (or the end, once over), without waiting.
   *
   * @return the report
   */
  ConformanceReport report();

  /**
   * Removes the scenario's schedule and its faults not yet fired; later calls are answered as
   * usual.
   */
  void stop();
}

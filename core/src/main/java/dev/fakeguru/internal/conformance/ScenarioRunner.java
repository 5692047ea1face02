package dev.fakeguru.internal.conformance;

import dev.fakeguru.conformance.AgentScenario;
import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.conformance.ScenarioRun;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.scripting.AgentConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs an {@link AgentScenario} on the engine: its answers become the group's ConfigureAgent
 * schedule, its faults become rules that fire once on the first targeted call at or after their
 * moment, and the report is made by {@link ConformanceChecker} over the run's window. Thread-safe:
 * the schedule and the fault rules live in the engine's thread-safe components, and stopping is
 * idempotent. Internal.
 */
public final class ScenarioRunner implements ScenarioRun {
  /** How long a wait for the end sleeps between looks at the fake's clock, at most. */
  private static final Duration POLL = Duration.ofMillis(20);

  private final Engine engine;
  private final String group;
  private final AgentScenario scenario;
  private final Instant start;
  private final List<InjectedFault> faults = new ArrayList<>();
  private boolean stopped;

  private ScenarioRunner(Engine engine, String group, AgentScenario scenario) {
    this.engine = engine;
    this.group = group;
    this.scenario = scenario;
    this.start = engine.now();
  }

  /** Starts {@code scenario} for {@code group} (created if absent) now, on the fake's clock. */
  public static ScenarioRun start(Engine engine, String group, AgentScenario scenario) {
    Objects.requireNonNull(scenario, "scenario");
    engine.groups().createIfAbsent(Objects.requireNonNull(group, "group"), true);
    ScenarioRunner run = new ScenarioRunner(engine, group, scenario);
    engine.scripts().clearSchedule(group);
    for (Map.Entry<Duration, AgentConfiguration> e : scenario.configurations().entrySet()) {
      engine.scripts().scheduleConfiguration(group, run.start.plus(e.getKey()), e.getValue());
    }
    Clock clock = engine.clock();
    for (AgentScenario.TimedFault f : scenario.faults()) {
      Instant from = run.start.plus(f.at());
      run.faults.add(
          engine
              .faults()
              .add(
                  FaultRule.of(f.fault())
                      .onOperation(f.operation())
                      .forProfilingGroup(group)
                      .when(request -> !clock.instant().isBefore(from))
                      .nextCalls(1)));
    }
    return run;
  }

  @Override
  public String profilingGroup() {
    return group;
  }

  @Override
  public AgentScenario scenario() {
    return scenario;
  }

  @Override
  public Instant startedAt() {
    return start;
  }

  @Override
  public Instant endsAt() {
    return start.plus(scenario.end());
  }

  @Override
  public boolean isOver() {
    return !engine.now().isBefore(endsAt());
  }

  @Override
  public ConformanceReport awaitEnd(Duration timeout) {
    // Saturated: a timeout of years (or ChronoUnit.FOREVER) waits as long as the JVM can count.
    long budget =
        timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE / 2)) > 0
            ? Long.MAX_VALUE / 2
            : Math.max(0, timeout.toNanos());
    long deadline = System.nanoTime() + budget;
    try {
      while (!isOver()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "The scenario '"
                  + scenario.name()
                  + "' for profiling group '"
                  + group
                  + "' ends at "
                  + endsAt()
                  + " on the fake's clock, which shows "
                  + engine.now()
                  + " after waiting "
                  + timeout
                  + "; move a SettableClock or wait longer.");
        }
        Duration untilEnd = Duration.between(engine.now(), endsAt());
        long sleep = Math.min(Math.min(left, POLL.toNanos()), Math.max(untilEnd.toNanos(), 1));
        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for the end of the scenario", e);
    }
    stop();
    return report();
  }

  @Override
  public ConformanceReport report() {
    Instant now = engine.now();
    return ConformanceChecker.check(engine, group, start, now.isBefore(endsAt()) ? now : endsAt());
  }

  @Override
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    engine.scripts().clearSchedule(group);
    faults.forEach(InjectedFault::remove);
  }

  @Override
  public String toString() {
    return "ScenarioRun[" + scenario.name() + " for '" + group + "' from " + start + "]";
  }
}

package dev.fakeguru.standalone;

import dev.fakeguru.time.SettableClock;
import java.time.Duration;

/**
 * Keeps a {@link SettableClock} running at the pace of real time, so that a long-lived standalone
 * server stamps posts with the time they arrive, while the admin API can still set and advance it:
 * a daemon thread adds the elapsed real time to whatever the clock shows, in whole milliseconds,
 * every few milliseconds.
 *
 * <p>Thread-safe: {@link SettableClock} moves atomically, so sets and advances from the admin API
 * compose with the ticks.
 *
 * <pre>{@code
 * SettableClock clock = SettableClock.atSystemTime();
 * try (RunningClock running = RunningClock.start(clock)) {
 *   // clock.instant() now follows real time
 * }
 * }</pre>
 */
final class RunningClock implements AutoCloseable {
  private static final long TICK_MILLIS = 5;
  private final Thread thread;
  private volatile boolean stopped;

  private RunningClock(SettableClock clock) {
    this.thread = new Thread(() -> run(clock), "fakeguru-clock");
    thread.setDaemon(true);
  }

  /** Starts moving {@code clock} forward with real time. */
  static RunningClock start(SettableClock clock) {
    RunningClock r = new RunningClock(clock);
    r.thread.start();
    return r;
  }

  private void run(SettableClock clock) {
    long last = System.nanoTime();
    while (!stopped) {
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      long millis = (now - last) / 1_000_000;
      if (millis > 0) {
        clock.advance(Duration.ofMillis(millis));
        last += millis * 1_000_000;
      }
    }
  }

  /** Stops the clock where it is. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}

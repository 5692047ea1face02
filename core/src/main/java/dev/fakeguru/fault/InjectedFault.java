package dev.fakeguru.fault;

import org.apiguardian.api.API;

/**
 * A fault rule in force on a fake: how often it fired, and a way to remove it early.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * InjectedFault throttle = fake.injectFault(FaultRule.of(ProfilerFault.throttling()).nextCalls(2));
 * uploader.upload();
 * assertThat(throttle.timesApplied()).isEqualTo(2);
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface InjectedFault {
  /**
   * The rule's id: counted from 1 for the fake's life, never reused; the admin API names rules by
   * it.
   *
   * @return the id
   */
  long id();

  /** The rule as injected. */
  FaultRule rule();

  /** How many calls it fired on so far. */
  int timesApplied();

  /** How many targeted calls it has seen so far (fired or not). */
  int timesTargeted();

  /** Whether it can still fire (not removed, cap not reached). */
  boolean isActive();

  /** Removes it: later calls are not affected. */
  void remove();
}

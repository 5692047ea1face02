package dev.fakeguru.profile;

import org.apiguardian.api.API;

/**
 * Well-known counter types of CodeGuru call-tree counts.
 *
 * <p>Counter types are open strings everywhere in FakeGuru: an agent may send any name, and the
 * fake stores and aggregates it unchanged. These constants only spare users the typing. The Python
 * agent sends {@link #WALL_TIME} only; the JVM agent's thread-state counters are the other six.
 *
 * <pre>{@code
 * Profile p = Profile.builder(start, end).stack(CounterTypes.RUNNABLE, 5, "main", "work").build();
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class CounterTypes {
  /** Wall-clock samples: the Python agent's only counter, and the default of the builders. */
  public static final String WALL_TIME = "WALL_TIME";

  /** JVM thread state: running on a CPU. */
  public static final String RUNNABLE = "RUNNABLE";

  /** JVM thread state: blocked on a monitor. */
  public static final String BLOCKED = "BLOCKED";

  /** JVM thread state: in native code. */
  public static final String NATIVE = "NATIVE";

  /** JVM thread state: waiting without a timeout. */
  public static final String WAITING = "WAITING";

  /** JVM thread state: waiting with a timeout. */
  public static final String TIMED_WAITING = "TIMED_WAITING";

  /** JVM thread state: idle (excluded from the latency view). */
  public static final String IDLE = "IDLE";

  private CounterTypes() {}
}

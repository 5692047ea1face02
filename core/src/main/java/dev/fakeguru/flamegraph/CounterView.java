package dev.fakeguru.flamegraph;

import dev.fakeguru.profile.CounterTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One way of counting samples that a flame graph can switch to: a single counter type, or the CPU
 * and latency views that sum several JVM thread states.
 *
 * @param key what the view is asked for by, e.g. {@code WALL_TIME} or {@code CPU}
 * @param label what the switch shows, e.g. {@code CPU (RUNNABLE+BLOCKED+NATIVE)}
 * @param counterTypes the counter types it sums
 */
record CounterView(String key, String label, List<String> counterTypes) {

  /** The thread states of the CPU view, as the API's documentation of thread-state views says. */
  static final List<String> CPU_STATES =
      List.of(CounterTypes.RUNNABLE, CounterTypes.BLOCKED, CounterTypes.NATIVE);

  /** The thread states of the latency view: every JVM state except IDLE. */
  static final List<String> LATENCY_STATES =
      List.of(
          CounterTypes.RUNNABLE,
          CounterTypes.BLOCKED,
          CounterTypes.NATIVE,
          CounterTypes.WAITING,
          CounterTypes.TIMED_WAITING);

  private static final List<String> KNOWN_ORDER =
      List.of(
          CounterTypes.WALL_TIME,
          CounterTypes.RUNNABLE,
          CounterTypes.BLOCKED,
          CounterTypes.NATIVE,
          CounterTypes.WAITING,
          CounterTypes.TIMED_WAITING,
          CounterTypes.IDLE);

  static CounterView single(String counterType) {
    return new CounterView(counterType, counterType, List.of(counterType));
  }

  /**
   * The views of a profile holding {@code present}: WALL_TIME first, then CPU and latency when they
   * sum at least two present states, then every present counter type (known ones in a fixed order,
   * others alphabetically). {@code requested}, if not null, is moved to the front, and added as a
   * view of its own if the profile has no such counter type, so that the graph says it is empty.
   */
  static List<CounterView> of(Set<String> present, String requested) {
    List<CounterView> views = new ArrayList<>();
    if (present.contains(CounterTypes.WALL_TIME)) {
      views.add(single(CounterTypes.WALL_TIME));
    }
    addSum(views, present, "CPU", CPU_STATES);
    addSum(views, present, "LATENCY", LATENCY_STATES);
    for (String known : KNOWN_ORDER) {
      if (!known.equals(CounterTypes.WALL_TIME) && present.contains(known)) {
        views.add(single(known));
      }
    }
    Set<String> others = new TreeSet<>(present);
    others.removeAll(KNOWN_ORDER);
    others.forEach(o -> views.add(single(o)));
    if (views.isEmpty()) {
      views.add(single(CounterTypes.WALL_TIME));
    }
    if (requested != null) {
      CounterView chosen =
          views.stream()
              .filter(v -> v.key.equals(requested))
              .findFirst()
              .orElseGet(() -> single(requested));
      views.remove(chosen);
      views.add(0, chosen);
    }
    return List.copyOf(views);
  }

  private static void addSum(
      List<CounterView> views, Set<String> present, String key, List<String> states) {
    List<String> members = states.stream().filter(present::contains).toList();
    if (members.size() >= 2) {
      String name = key.equals("CPU") ? "CPU" : "Latency";
      views.add(new CounterView(key, name + " (" + String.join("+", members) + ")", members));
    }
  }
}

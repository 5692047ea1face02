package dev.fakeguru.internal.engine;

import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.IncomingRequest;
import dev.fakeguru.fault.InjectedFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * The fault rules in force and their counters. One lock orders every decision, so schedules and
 * seeded probabilities are deterministic for a given order of calls. Each rule gets an id, counted
 * from 1 for the fake's life (never reused, also across resets), by which both faces name it.
 * Whoever listens ({@link #onRuleEnded}) learns when a rule is removed, so that delays it started
 * end with it. Internal.
 */
public final class Faults {
  private final List<Active> rules = new ArrayList<>();
  private final List<LongConsumer> endListeners = new CopyOnWriteArrayList<>();
  private long nextId = 1;

  /** Calls {@code listener} with a rule's id when the rule is removed or cleared. */
  public void onRuleEnded(LongConsumer listener) {
    endListeners.add(listener);
  }

  private void ended(List<Long> ids) {
    for (long id : ids) {
      endListeners.forEach(l -> l.accept(id));
    }
  }

  public synchronized InjectedFault add(FaultRule rule) {
    Active a = new Active(nextId++, rule);
    rules.add(a);
    return a;
  }

  /** The active rule with this id, if any. */
  public synchronized Optional<InjectedFault> find(long id) {
    return rules.stream()
        .filter(r -> r.id == id && r.isActiveUnlocked())
        .map(r -> (InjectedFault) r)
        .findFirst();
  }

  /** Removes every rule; the listeners hear of each, after the lock is released. */
  public void clear() {
    List<Long> ids;
    synchronized (this) {
      ids = rules.stream().map(r -> r.id).toList();
      rules.forEach(r -> r.removed = true);
      rules.clear();
    }
    ended(ids);
  }

  public synchronized List<InjectedFault> active() {
    return rules.stream().filter(Active::isActive).map(r -> (InjectedFault) r).toList();
  }

  /** The first rule that fires on this request, counting it against every rule consulted. */
  public synchronized Optional<InjectedFault> decide(IncomingRequest request) {
    for (Active a : rules) {
      if (a.isActiveUnlocked() && a.rule.targets(request) && a.fires()) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private final class Active implements InjectedFault {
    final long id;
    final FaultRule rule;
    final Random random;
    int targeted;
    int applied;
    boolean removed;

    Active(long id, FaultRule rule) {
      this.id = id;
      this.rule = rule;
      this.random = new Random(rule.seed());
    }

    /** Called under the engine's lock for a targeted call. */
    boolean fires() {
      targeted++;
      int position = targeted - rule.afterSuccesses();
      if (position <= 0 || position % rule.everyNthCall() != 0) {
        return false;
      }
      if (rule.probability() < 1.0 && random.nextDouble() >= rule.probability()) {
        return false;
      }
      applied++;
      return true;
    }

    boolean isActiveUnlocked() {
      return !removed && applied < rule.nextCalls().orElse(Integer.MAX_VALUE);
    }

    @Override
    public long id() {
      return id;
    }

    @Override
    public FaultRule rule() {
      return rule;
    }

    @Override
    public int timesApplied() {
      synchronized (Faults.this) {
        return applied;
      }
    }

    @Override
    public int timesTargeted() {
      synchronized (Faults.this) {
        return targeted;
      }
    }

    @Override
    public boolean isActive() {
      synchronized (Faults.this) {
        return isActiveUnlocked();
      }
    }

    @Override
    public void remove() {
      synchronized (Faults.this) {
        removed = true;
        rules.remove(this);
      }
      ended(List.of(id));
    }

    @Override
    public String toString() {
      return "#"
          + id
          + " "
          + rule
          + " (applied "
          + timesApplied()
          + " of "
          + timesTargeted()
          + " targeted calls)";
    }
  }
}

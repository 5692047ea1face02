package dev.fakeguru.internal.server;

import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.IncomingRequest;
import dev.fakeguru.fault.InjectedFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The fault rules in force and their counters. One lock orders every decision, so schedules and
 * seeded probabilities are deterministic for a given order of calls. Internal.
 */
public final class FaultEngine {
  private final List<Active> rules = new ArrayList<>();

  public synchronized InjectedFault add(FaultRule rule) {
    Active a = new Active(rule);
    rules.add(a);
    return a;
  }

  public synchronized void clear() {
    rules.forEach(r -> r.removed = true);
    rules.clear();
  }

  public synchronized List<InjectedFault> active() {
    return rules.stream().filter(Active::isActive).map(r -> (InjectedFault) r).toList();
  }

  /** The first rule that fires on this request, counting it against every rule consulted. */
  public synchronized Optional<FaultRule> decide(IncomingRequest request) {
    for (Active a : rules) {
      if (a.isActiveUnlocked() && a.rule.targets(request) && a.fires()) {
        return Optional.of(a.rule);
      }
    }
    return Optional.empty();
  }

  private final class Active implements InjectedFault {
    final FaultRule rule;
    final Random random;
    int targeted;
    int applied;
    boolean removed;

    Active(FaultRule rule) {
      this.rule = rule;
      this.random = new Random(rule.seed());
    }

    /** Called under the engine's lock for a targeted call. */
    boolean fires() {
      targeted++;
      int position = targeted - rule.skippedCalls();
      if (position <= 0 || position % rule.everyNth() != 0) {
        return false;
      }
      if (rule.probability() < 1.0 && random.nextDouble() >= rule.probability()) {
        return false;
      }
      applied++;
      return true;
    }

    boolean isActiveUnlocked() {
      return !removed && applied < rule.maxApplications();
    }

    @Override
    public FaultRule rule() {
      return rule;
    }

    @Override
    public int timesApplied() {
      synchronized (FaultEngine.this) {
        return applied;
      }
    }

    @Override
    public int timesTargeted() {
      synchronized (FaultEngine.this) {
        return targeted;
      }
    }

    @Override
    public boolean isActive() {
      synchronized (FaultEngine.this) {
        return isActiveUnlocked();
      }
    }

    @Override
    public void remove() {
      synchronized (FaultEngine.this) {
        removed = true;
        rules.remove(this);
      }
    }

    @Override
    public String toString() {
      return rule + " (applied " + timesApplied() + " of " + timesTargeted() + " targeted calls)";
    }
  }
}

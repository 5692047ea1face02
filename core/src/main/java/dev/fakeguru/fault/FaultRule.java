package dev.fakeguru.fault;

import dev.fakeguru.recording.Operation;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * When a {@link ProfilerFault} applies: which calls it targets (operations, a profiling group, a
 * request predicate), on which of those calls it fires (a schedule), and whether it fires before
 * the call takes effect or after.
 *
 * <p>Targets narrow each other; with none the rule targets every call. The schedule counts only the
 * targeted calls: {@link #afterSuccesses(int)} lets the first ones through, then {@link
 * #everyNthCall} or {@link #withProbability} pick among the rest, and {@link #nextCalls(int)} caps
 * how often it fires. Without a cap it fires on every call the schedule picks until removed. Rules
 * are consulted in the order they were injected; the first that fires wins, and later rules do not
 * see that call.
 *
 * <p>Immutable and thread-safe: each method returns a new rule.
 *
 * <pre>{@code
 * // Throttle the next two uploads for one group, then let everything through.
 * fake.injectFault(FaultRule.of(ProfilerFault.throttling())
 *     .onOperation(Operation.POST_AGENT_PROFILE)
 *     .forProfilingGroup("checkout")
 *     .nextCalls(2));
 *
 * // Store the profile, but answer 500: the SDK retries with the same profileToken.
 * fake.injectFault(FaultRule.of(ProfilerFault.internalError())
 *     .onOperation(Operation.POST_AGENT_PROFILE).afterEffect().nextCalls(1));
 *
 * // Fail about a third of all calls, the same ones in every run.
 * fake.injectFault(FaultRule.of(ProfilerFault.internalError()).withProbability(0.3, 42L));
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class FaultRule {

  /** Whether a fault replaces the call or follows it. */
  public enum Timing {
    /** The call never takes effect: a faulted post stores nothing. The default. */
    BEFORE_EFFECT,
    /**
     * The call takes effect (a post is stored), then the client sees the fault instead of the
     * answer.
     */
    AFTER_EFFECT
  }

  /** {@link #maxApplications} of a rule without a cap. */
  private static final int NO_CAP = Integer.MAX_VALUE;

  private final ProfilerFault fault;
  private final Set<Operation> operations;
  private final String profilingGroup;
  private final Predicate<IncomingRequest> predicate;
  private final int skipFirst;
  private final int everyNth;
  private final double probability;
  private final long seed;
  private final int maxApplications;
  private final Timing timing;

  private FaultRule(
      ProfilerFault fault,
      Set<Operation> operations,
      String profilingGroup,
      Predicate<IncomingRequest> predicate,
      int skipFirst,
      int everyNth,
      double probability,
      long seed,
      int maxApplications,
      Timing timing) {
    this.fault = fault;
    this.operations = operations;
    this.profilingGroup = profilingGroup;
    this.predicate = predicate;
    this.skipFirst = skipFirst;
    this.everyNth = everyNth;
    this.probability = probability;
    this.seed = seed;
    this.maxApplications = maxApplications;
    this.timing = timing;
  }

  /** A rule that applies {@code fault} to every call until narrowed. */
  public static FaultRule of(ProfilerFault fault) {
    return new FaultRule(
        Objects.requireNonNull(fault, "fault"),
        EnumSet.noneOf(Operation.class),
        null,
        null,
        0,
        1,
        1.0,
        0,
        NO_CAP,
        Timing.BEFORE_EFFECT);
  }

  /** Targets these operations only (adding to any targeted before). */
  public FaultRule onOperation(Operation first, Operation... more) {
    Set<Operation> ops =
        operations.isEmpty() ? EnumSet.noneOf(Operation.class) : EnumSet.copyOf(operations);
    ops.add(Objects.requireNonNull(first, "operation"));
    for (Operation op : more) {
      ops.add(Objects.requireNonNull(op, "operation"));
    }
    return new FaultRule(
        fault,
        ops,
        profilingGroup,
        predicate,
        skipFirst,
        everyNth,
        probability,
        seed,
        maxApplications,
        timing);
  }

  /** Targets calls naming this profiling group only. */
  public FaultRule forProfilingGroup(String name) {
    return new FaultRule(
        fault,
        operations,
        Objects.requireNonNull(name, "name"),
        predicate,
        skipFirst,
        everyNth,
        probability,
        seed,
        maxApplications,
        timing);
  }

  /**
   * Targets calls for which {@code predicate} is true only (combined with any earlier predicate).
   */
  public FaultRule when(Predicate<IncomingRequest> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    Predicate<IncomingRequest> combined =
        this.predicate == null ? predicate : this.predicate.and(predicate);
    return new FaultRule(
        fault,
        operations,
        profilingGroup,
        combined,
        skipFirst,
        everyNth,
        probability,
        seed,
        maxApplications,
        timing);
  }

  /** Fires at most {@code n} times, then the rule is spent. */
  public FaultRule nextCalls(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("nextCalls needs n >= 1, but was " + n);
    }
    return new FaultRule(
        fault,
        operations,
        profilingGroup,
        predicate,
        skipFirst,
        everyNth,
        probability,
        seed,
        n,
        timing);
  }

  /** Lets the first {@code n} targeted calls through untouched before the fault can fire. */
  public FaultRule afterSuccesses(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("afterSuccesses needs n >= 0, but was " + n);
    }
    return new FaultRule(
        fault,
        operations,
        profilingGroup,
        predicate,
        n,
        everyNth,
        probability,
        seed,
        maxApplications,
        timing);
  }

  /** Fires on the k-th, 2k-th, 3k-th … targeted call (counted after {@link #afterSuccesses}). */
  public FaultRule everyNthCall(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("everyNthCall needs k >= 1, but was " + k);
    }
    return new FaultRule(
        fault,
        operations,
        profilingGroup,
        predicate,
        skipFirst,
        k,
        probability,
        seed,
        maxApplications,
        timing);
  }

  /**
   * Fires on each targeted call with probability {@code p}, drawn from a generator seeded with
   * {@code seed}: the same seed and the same sequence of calls give the same faults.
   */
  public FaultRule withProbability(double p, long seed) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("probability must be in [0, 1], but was " + p);
    }
    return new FaultRule(
        fault,
        operations,
        profilingGroup,
        predicate,
        skipFirst,
        everyNth,
        p,
        seed,
        maxApplications,
        timing);
  }

  /**
   * Lets the call take effect first, then answers with the fault (see {@link Timing#AFTER_EFFECT}).
   */
  public FaultRule afterEffect() {
    return new FaultRule(
        fault,
        operations,
        profilingGroup,
        predicate,
        skipFirst,
        everyNth,
        probability,
        seed,
        maxApplications,
        Timing.AFTER_EFFECT);
  }

  /** The fault. */
  public ProfilerFault fault() {
    return fault;
  }

  /** The targeted operations; empty means all. */
  public Set<Operation> operations() {
    return operations.isEmpty() ? Set.of() : Set.copyOf(operations);
  }

  /** The targeted profiling group, if any. */
  public Optional<String> profilingGroup() {
    return Optional.ofNullable(profilingGroup);
  }

  /** The request predicate, if any. */
  public Optional<Predicate<IncomingRequest>> predicate() {
    return Optional.ofNullable(predicate);
  }

  /**
   * How many targeted calls pass before the fault can fire, as given to {@link
   * #afterSuccesses(int)}.
   *
   * @return 0 unless set
   */
  public int afterSuccesses() {
    return skipFirst;
  }

  /**
   * Every how many targeted calls it fires, as given to {@link #everyNthCall(int)}.
   *
   * @return 1 (each) unless set
   */
  public int everyNthCall() {
    return everyNth;
  }

  /** The probability of firing on a targeted call. */
  public double probability() {
    return probability;
  }

  /** The seed of the probability draws. */
  public long seed() {
    return seed;
  }

  /**
   * The most times it fires, as given to {@link #nextCalls(int)}.
   *
   * @return the cap; empty when it fires until removed
   */
  public OptionalInt nextCalls() {
    return maxApplications == NO_CAP ? OptionalInt.empty() : OptionalInt.of(maxApplications);
  }

  /** Before or after the call takes effect. */
  public Timing timing() {
    return timing;
  }

  /** Whether a routed request is one this rule targets. */
  public boolean targets(IncomingRequest request) {
    if (!operations.isEmpty() && !operations.contains(request.operation())) {
      return false;
    }
    if (profilingGroup != null
        && !request.profilingGroup().filter(profilingGroup::equals).isPresent()) {
      return false;
    }
    return predicate == null || predicate.test(request);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(fault.toString());
    sb.append(operations.isEmpty() ? " on any operation" : " on " + operations);
    if (profilingGroup != null) {
      sb.append(" for group '").append(profilingGroup).append('\'');
    }
    if (predicate != null) {
      sb.append(" when a predicate holds");
    }
    if (skipFirst > 0) {
      sb.append(" after ").append(skipFirst).append(" successes");
    }
    if (everyNth > 1) {
      sb.append(" every ").append(everyNth).append(" calls");
    }
    if (probability < 1.0) {
      sb.append(" with probability ")
          .append(probability)
          .append(" (seed ")
          .append(seed)
          .append(')');
    }
    if (maxApplications != NO_CAP) {
      sb.append(" at most ")
          .append(maxApplications)
          .append(maxApplications == 1 ? " time" : " times");
    }
    if (timing == Timing.AFTER_EFFECT) {
      sb.append(" after the call took effect");
    }
    return sb.toString();
  }
}

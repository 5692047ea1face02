package dev.fakeguru.junit5.internal;

import dev.fakeguru.FakeCodeGuruProfiler;
import java.util.function.Supplier;

/**
 * The fake belonging to one extension instance, shared by every context that holds a lease on it.
 *
 * <p>A static extension field is one object even when several classes use it (subclasses of the
 * declaring class, running one after another or in parallel): the first lease starts a fake, the
 * last release closes it, and a later lease starts a new one because a closed fake cannot restart.
 * The leases themselves live in {@link org.junit.jupiter.api.extension.ExtensionContext.Store}s, so
 * JUnit releases them when their contexts end. Thread-safe.
 *
 * @since 0.1
 */
public final class ServerSlot {
  private FakeCodeGuruProfiler fake;
  private int leases;

  /** Takes a lease, starting a fake with {@code factory} if none is running. */
  public synchronized FakeCodeGuruProfiler acquire(Supplier<FakeCodeGuruProfiler> factory) {
    if (fake == null) {
      fake = factory.get();
    }
    leases++;
    return fake;
  }

  /** Gives a lease back; the last one closes the fake. */
  public synchronized void release() {
    if (leases > 0 && --leases == 0) {
      FakeCodeGuruProfiler closing = fake;
      fake = null;
      closing.close();
    }
  }

  /** The running fake, or null between leases. */
  public synchronized FakeCodeGuruProfiler current() {
    return fake;
  }
}

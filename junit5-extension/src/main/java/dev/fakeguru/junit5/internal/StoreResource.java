package dev.fakeguru.junit5.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A value kept in an {@link ExtensionContext.Store} together with what to do when its context ends.
 *
 * <p>It implements both {@link ExtensionContext.Store.CloseableResource} (how JUnit 5.x up to 5.12
 * closes values) and {@link AutoCloseable} (how JUnit 5.13+ and 6 close them), so cleanup happens
 * on every supported JUnit version. Closing is idempotent: whichever contract JUnit uses, and
 * however often, the cleanup runs once.
 *
 * @param <T> the stored value
 * @since 0.1
 */
@SuppressWarnings({
  "deprecation",
  "try"
}) // CloseableResource: deprecated since 5.13, needed before it
public final class StoreResource<T>
    implements ExtensionContext.Store.CloseableResource, AutoCloseable {
  /** A cleanup action that may throw. */
  @FunctionalInterface
  public interface Cleanup {
    /** Runs the cleanup. */
    void run() throws Exception;
  }

  private final T value;
  private final Cleanup cleanup;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Wraps {@code value}; {@code cleanup} runs once when the owning context closes. */
  public StoreResource(T value, Cleanup cleanup) {
    this.value = value;
    this.cleanup = cleanup;
  }

  /** The stored value. */
  public T value() {
    return value;
  }

  @Override
  public void close() throws Exception {
    if (closed.compareAndSet(false, true)) {
      cleanup.run();
    }
  }
}

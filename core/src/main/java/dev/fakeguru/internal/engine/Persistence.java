package dev.fakeguru.internal.engine;

import java.time.Instant;
import java.util.List;

/**
 * Where the engine reports state changes that must survive a restart. Called synchronously, before
 * the client is answered: an implementation that returns has made the change durable. Internal.
 */
public interface Persistence {
  /** Undoes a durable write that the engine then could not complete. */
  @FunctionalInterface
  interface Undo {
    void undo();
  }

  /**
   * A post is becoming a stored profile (not called for retries of a stored token or refused
   * posts). Returns what removes it again, should the engine fail to aggregate it after all.
   */
  Undo profileStored(
      String group,
      String profileToken,
      String contentType,
      String contentEncoding,
      byte[] body,
      Instant receivedAt);

  /**
   * The profiling group {@code name} was created, changed or deleted; the engine's groups are the
   * truth (it no longer has the group if it was deleted).
   */
  void groupChanged(String name);

  /** The engine was reset: everything it held is forgotten, so the persistence forgets it too. */
  default void cleared() {}

  /** What could not be restored or written, one line each. */
  default List<String> problems() {
    return List.of();
  }

  /** No persistence. */
  Persistence NONE =
      new Persistence() {
        @Override
        public Undo profileStored(String g, String t, String ct, String ce, byte[] b, Instant at) {
          return () -> {};
        }

        @Override
        public void groupChanged(String name) {}
      };
}

package dev.fakeguru.internal.server;

import java.time.Instant;

/**
 * Where the service reports state changes that must survive a restart. Called synchronously, before
 * the client is answered: an implementation that returns has made the change durable. Internal.
 */
public interface Persistence {
  /** A profile post was stored (not called for retries of a stored token or rejected posts). */
  void profileStored(
      String group, String profileToken, String contentType, String contentEncoding, byte[] body, Instant receivedAt);

  /** Some profiling group changed; {@code groupsJson} is {@link CodeGuruService#exportGroups()}. */
  void groupsChanged(String groupsJson);

  /**
   * The service was reset: everything it held is forgotten, so a persistence should forget it too
   * (called at the end of {@link CodeGuruService#reset()}).
   */
  default void cleared() {}

  /** No persistence. */
  Persistence NONE =
      new Persistence() {
        @Override
        public void profileStored(String g, String t, String ct, String ce, byte[] b, Instant at) {}

        @Override
        public void groupsChanged(String groupsJson) {}
      };
}

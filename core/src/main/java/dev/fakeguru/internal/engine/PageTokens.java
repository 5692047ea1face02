package dev.fakeguru.internal.engine;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pagination tokens handed out ({@code nextToken}): each stands for the position to continue
 * after. Thread-safe. Internal.
 */
public final class PageTokens {
  private final Map<String, String> positions = new ConcurrentHashMap<>();

  /** A new token that continues after {@code position}. */
  public String issue(String position) {
    String token = UUID.randomUUID().toString();
    positions.put(token, position);
    return token;
  }

  /** The position a token stands for, if it was issued. */
  public Optional<String> position(String token) {
    return Optional.ofNullable(positions.get(token));
  }

  void clear() {
    positions.clear();
  }
}

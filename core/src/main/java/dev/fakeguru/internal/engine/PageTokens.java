package dev.fakeguru.internal.engine;

import dev.fakeguru.internal.RecentlyUsed;
import java.util.Optional;
import java.util.UUID;

/**
 * The pagination tokens handed out ({@code nextToken}): each stands for the position to continue
 * after, within the scope it was issued for (an operation, with the profiling group and the
 * parameters that give its positions their meaning). A token used in another scope, made up, or
 * among the oldest beyond the newest {@link #MAX_TOKENS} is unknown. Thread-safe. Internal.
 */
public final class PageTokens {
  /** How many tokens are remembered; older ones are forgotten (they expire). */
  public static final int MAX_TOKENS = 10_000;

  private record Issued(String scope, String position) {}

  private final RecentlyUsed<String, Issued> issued = new RecentlyUsed<>(MAX_TOKENS);

  /** A new token that continues after {@code position} in {@code scope}. */
  public String issue(String scope, String position) {
    String token = UUID.randomUUID().toString();
    issued.put(token, new Issued(scope, position));
    return token;
  }

  /** The position a token stands for, if it was issued for this scope and is still remembered. */
  public Optional<String> position(String scope, String token) {
    Issued i = issued.get(token);
    return i != null && i.scope().equals(scope) ? Optional.of(i.position()) : Optional.empty();
  }

  void clear() {
    issued.clear();
  }
}

package dev.fakeguru.internal.http;

import dev.fakeguru.recording.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one route table of the fake: method and path template to operation and handler, for the
 * CodeGuru Profiler API and the admin API alike. A request is resolved once, into a {@link Match}
 * that dispatch, fault matching, recording and signature checks all share, or into a {@link Miss}
 * (404, or 405 with the methods the path allows).
 *
 * <p>Templates are literal segments and {@code {name}} captures of one decoded segment; a last
 * {@code {name+}} captures the rest of the path, its segments joined by {@code /} (an ARN whose
 * slashes a client did not encode). Admin routes live under {@link #ADMIN_PREFIX}.
 *
 * <p>Immutable once built, so any number of server threads may resolve concurrently. Internal.
 */
public final class RouteTable {
  /** The path prefix of every admin route. */
  public static final String ADMIN_PREFIX = "/__fakeguru/";

  /** Answers one routed request. */
  @FunctionalInterface
  public interface Handler {
    HttpResponse handle(Exchange exchange);
  }

  /**
   * One route.
   *
   * @param operation the API operation, or null for an admin route
   * @param group which profiling group a call names, from the captured path values (may give null)
   * @param whenReplaced what to record when a fault replaces the call before the handler runs, or
   *     null
   */
  public record Route(
      String method,
      String template,
      Operation operation,
      Handler handler,
      Function<Exchange, String> group,
      Consumer<Exchange> whenReplaced) {

    public boolean isAdmin() {
      return operation == null;
    }

    /** The profiling group the routed call names, or null. */
    public String groupOf(Exchange exchange) {
      return group == null ? null : group.apply(exchange);
    }
  }

  /** What a request resolved to. */
  public sealed interface Resolution permits Match, Miss {}

  /** A route matched: its captured path values go to the handler. */
  public record Match(Route route, Map<String, String> pathParameters) implements Resolution {}

  /**
   * No route matched: 404 when no template matches the path, 405 when some does with another
   * method.
   *
   * @param admin whether the path is under the admin prefix (and admin routes exist)
   * @param allowedMethods the methods whose templates match the path; empty for a 404
   */
  public record Miss(boolean admin, List<String> allowedMethods) implements Resolution {}

  private final List<Route> routes;
  private final boolean hasAdmin;

  private RouteTable(List<Route> routes) {
    this.routes = List.copyOf(routes);
    this.hasAdmin = routes.stream().anyMatch(Route::isAdmin);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Route> routes() {
    return routes;
  }

  /** Resolves a request against the table; the first matching route wins. */
  public Resolution resolve(HttpRequest request) {
    Set<String> allowed = new LinkedHashSet<>();
    for (Route r : routes) {
      Map<String, String> captured = match(r.template(), request.segments());
      if (captured == null) {
        continue;
      }
      if (r.method().equals(request.method())) {
        return new Match(r, captured);
      }
      allowed.add(r.method());
    }
    boolean admin = hasAdmin && request.rawPath().startsWith(ADMIN_PREFIX);
    return new Miss(admin, List.copyOf(allowed));
  }

  /** The captured values, or null when the segments do not fit the template. */
  private static Map<String, String> match(String template, List<String> segments) {
    String[] parts = template.substring(1).split("/");
    Map<String, String> captured = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      boolean capture = p.startsWith("{") && p.endsWith("}");
      if (capture && p.endsWith("+}")) {
        if (i >= segments.size()) {
          return null;
        }
        captured.put(
            p.substring(1, p.length() - 2), String.join("/", segments.subList(i, segments.size())));
        return captured;
      }
      if (i >= segments.size()) {
        return null;
      }
      if (capture) {
        captured.put(p.substring(1, p.length() - 1), segments.get(i));
      } else if (!p.equals(segments.get(i))) {
        return null;
      }
    }
    return segments.size() == parts.length ? captured : null;
  }

  /** Collects routes; not thread-safe. */
  public static final class Builder {
    private final List<Route> routes = new ArrayList<>();

    private Builder() {}

    /** An API route whose calls name the group captured as {@code {profilingGroupName}}, if any. */
    public Builder api(String method, String template, Operation operation, Handler handler) {
      Function<Exchange, String> group =
          template.contains("{profilingGroupName}") ? e -> e.path("profilingGroupName") : null;
      return add(
          new Route(method, template, Objects.requireNonNull(operation), handler, group, null));
    }

    /** An API route with its own way to name the group and to record a call a fault replaced. */
    public Builder api(
        String method,
        String template,
        Operation operation,
        Handler handler,
        Function<Exchange, String> group,
        Consumer<Exchange> whenReplaced) {
      return add(
          new Route(
              method, template, Objects.requireNonNull(operation), handler, group, whenReplaced));
    }

    /** An admin route; {@code template} is relative to {@link #ADMIN_PREFIX}. */
    public Builder admin(String method, String template, Handler handler) {
      return add(new Route(method, ADMIN_PREFIX + template, null, handler, null, null));
    }

    private Builder add(Route r) {
      if (!r.template().startsWith("/")) {
        throw new IllegalArgumentException("a template starts with /: " + r.template());
      }
      routes.add(r);
      return this;
    }

    public RouteTable build() {
      return new RouteTable(routes);
    }
  }
}

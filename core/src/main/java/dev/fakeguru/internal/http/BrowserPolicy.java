package dev.fakeguru.internal.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the fake lets web browsers do. A page on any site can make a browser send requests to a
 * local port, so:
 *
 * <ul>
 *   <li>An API request carrying an {@code Origin} header (browsers send it, SDKs and agents do not)
 *       is refused unless its origin was allowed; allowed origins get CORS answers, preflights
 *       included, so that the JavaScript SDK can run in a browser test.
 *   <li>When the fake listens on loopback, a request whose {@code Host} names anything but a
 *       loopback address or {@code localhost} is refused: a page whose own host name resolves to
 *       127.0.0.1 (DNS rebinding) cannot reach the fake as a same-origin peer.
 * </ul>
 *
 * <p>Immutable and thread-safe. Internal.
 */
public final class BrowserPolicy {
  private static final String EXPOSED =
      "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date, Content-Length";

  /** Why a request was refused: status, AWS error type and message. */
  public record Refusal(int status, String errorType, String message) {}

  private final Set<String> allowedOrigins;
  private final boolean loopback;
  private final String bindAddress;

  /**
   * @param allowedOrigins origins (as {@link #origin} checks them) whose pages may call the API
   * @param bindAddress the address the fake listens on
   */
  public BrowserPolicy(Set<String> allowedOrigins, String bindAddress) {
    this.allowedOrigins = Set.copyOf(allowedOrigins);
    this.bindAddress = bindAddress.toLowerCase(Locale.ROOT);
    this.loopback = isLoopback(bindAddress);
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * An origin as browsers send it ({@code scheme://host[:port]}, lower-case, no path).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static String origin(String origin) {
    URI uri;
    try {
      uri = new URI(origin);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException(
          "an origin is scheme://host[:port], such as http://localhost:3000, but was '"
              + origin
              + "'");
    }
    boolean bare =
        (uri.getPath() == null || uri.getPath().isEmpty())
            && uri.getQuery() == null
            && uri.getFragment() == null
            && uri.getUserInfo() == null;
    if (uri.getScheme() == null || uri.getHost() == null || !bare) {
      throw new IllegalArgumentException(
          "an origin is scheme://host[:port], such as http://localhost:3000, but was '"
              + origin
              + "'");
    }
    return uri.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /** Refuses a request whose {@code Host} is not this loopback fake's (DNS rebinding). */
  public Optional<Refusal> checkHost(HttpRequest req) {
    Optional<String> host = req.header("host");
    if (!loopback || host.isEmpty() || isLoopbackName(hostPart(host.get()))) {
      return Optional.empty();
    }
    return Optional.of(
        new Refusal(
            403,
            "AccessDeniedException",
            "Host '"
                + abbreviate(host.get())
                + "' is not this fake's address; it listens on loopback and answers only requests"
                + " to localhost or a loopback address (a page whose host name resolves to"
                + " 127.0.0.1 is refused)."));
  }

  private boolean isLoopbackName(String host) {
    if (host.equals(bindAddress) || host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    if (host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    // Only dotted IPv4 literals: never resolve a name someone else controls.
    return host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private static String hostPart(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(1, end);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  /** Whether this is a CORS preflight: OPTIONS from a page, asking about a method. */
  public boolean isPreflight(HttpRequest req) {
    return req.method().equals("OPTIONS")
        && req.header("origin").isPresent()
        && req.header("access-control-request-method").isPresent();
  }

  /** Refuses an API request from a page whose origin was not allowed. */
  public Optional<Refusal> checkOrigin(HttpRequest req) {
    Optional<String> origin = req.header("origin");
    if (origin.isEmpty() || isAllowed(origin.get())) {
      return Optional.empty();
    }
    return Optional.of(
        new Refusal(
            403,
            "AccessDeniedException",
            "Requests from web pages (Origin "
                + abbreviate(origin.get())
                + ") are refused. A test that runs the JavaScript SDK in a browser can allow its"
                + " page's origin (FakeCodeGuruProfiler.Builder.allowOrigin, or --allow-origin)."
                + (allowedOrigins.isEmpty() ? "" : " Allowed: " + new TreeSet<>(allowedOrigins))));
  }

  private boolean isAllowed(String origin) {
    try {
      return allowedOrigins.contains(origin(origin.trim()));
    } catch (IllegalArgumentException e) {
      return false; // "null", or not an origin at all
    }
  }

  /** The answer to a preflight from an allowed origin (the caller checked it with checkOrigin). */
  public HttpResponse preflight(HttpRequest req) {
    Map<String, String> headers = corsHeaders(req.header("origin").orElseThrow());
    headers.put("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
    req.header("access-control-request-headers")
        .ifPresent(h -> headers.put("Access-Control-Allow-Headers", h));
    headers.put("Access-Control-Max-Age", "600");
    return new HttpResponse(204, headers, new byte[0]);
  }

  /** {@code response} with CORS headers when the request came from an allowed origin. */
  public HttpResponse withCors(HttpRequest req, HttpResponse response) {
    Optional<String> origin = req.header("origin");
    if (response == null || origin.isEmpty() || !isAllowed(origin.get())) {
      return response;
    }
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    headers.putAll(corsHeaders(origin.get()));
    headers.put("Access-Control-Expose-Headers", EXPOSED);
    return new HttpResponse(response.status(), headers, response.body());
  }

  private static Map<String, String> corsHeaders(String origin) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Access-Control-Allow-Origin", origin.trim());
    headers.put("Vary", "Origin");
    return headers;
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}

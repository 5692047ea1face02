package dev.fakeguru.internal.http;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;
import wiremock.org.eclipse.jetty.http.UriCompliance;
import wiremock.org.eclipse.jetty.io.EndPoint;
import wiremock.org.eclipse.jetty.server.HttpConfiguration;
import wiremock.org.eclipse.jetty.server.HttpConnectionFactory;
import wiremock.org.eclipse.jetty.server.Request;
import wiremock.org.eclipse.jetty.server.Server;
import wiremock.org.eclipse.jetty.server.ServerConnector;
import wiremock.org.eclipse.jetty.server.handler.AbstractHandler;
import wiremock.org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The transport: a Jetty server (the one WireMock ships, relocated) whose single handler answers
 * every request itself, without WireMock's stub machinery or admin API. No worker thread waits on a
 * client: a body is read as it arrives ({@link Conversation}), a delay is a timer, and answers are
 * written without blocking, so slow, stalled or vanished clients hold memory, not threads.
 *
 * <ul>
 *   <li>A body is read exactly as sent, at most {@link Settings#maxBodyBytes()}; past it the
 *       request is handed on {@linkplain HttpRequest#overLimit marked over the limit}. A body that
 *       has not fully arrived within {@link Settings#bodyReadTimeout()} is answered 408.
 *   <li>Malformed framing (a bad chunk size, a body cut short) and anything Jetty itself refuses (a
 *       bad request line, {@code %zz} in the path, oversized headers) get the AWS error form
 *       ({@link ErrorAnswers}), as does a failure of the handler, out-of-memory included.
 *   <li>Transport faults put the same bytes on the wire as WireMock's did: a reset, a close, the
 *       same garbage, half a body under its full {@code Content-Length}.
 * </ul>
 *
 * <p>Thread-safe. Internal.
 */
public final class HttpFront implements AutoCloseable {

  /**
   * How the front is configured.
   *
   * @param threads the most worker threads (they only ever run, never wait on a client)
   * @param maxBodyBytes the largest body read; a larger one is marked over the limit
   * @param bodyReadTimeout how long a request body may take to arrive
   * @param idleTimeout how long a connection may stay silent between requests
   */
  public record Settings(
      int port,
      String bindAddress,
      int threads,
      long maxBodyBytes,
      Duration bodyReadTimeout,
      Duration idleTimeout) {}

  /** Renders the AWS error form: status, error type, message. */
  @FunctionalInterface
  public interface ErrorRenderer {
    HttpResponse error(int status, String errorType, String message);
  }

  private final Server server;
  private final ServerConnector connector;
  private final ScheduledThreadPoolExecutor timers;
  private final Map<Long, Set<Conversation>> delayed = new ConcurrentHashMap<>();

  /** A front, not yet started, whose every request goes to {@code handler}. */
  public HttpFront(Settings settings, Function<HttpRequest, Answer> handler, ErrorRenderer errors) {
    QueuedThreadPool pool =
        new QueuedThreadPool(settings.threads(), Math.min(4, settings.threads()));
    pool.setName("fakeguru-http");
    pool.setReservedThreads(0);
    this.server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(32 * 1024);
    // ARNs travel in paths with encoded slashes, which Jetty's default compliance refuses.
    http.setUriCompliance(UriCompliance.UNSAFE);
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(settings.bindAddress());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    server.addConnector(connector);
    server.setErrorHandler(new ErrorAnswers(errors));
    server.setStopTimeout(1000);
    this.timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "fakeguru-timers");
              t.setDaemon(true);
              return t;
            });
    timers.setRemoveOnCancelPolicy(true);
    Conversation.Context context =
        new Conversation.Context(settings, handler, errors, timers, delayed);
    server.setHandler(
        new AbstractHandler() {
          @Override
          public void handle(
              String target,
              Request base,
              HttpServletRequest request,
              HttpServletResponse response) {
            base.setHandled(true);
            new Conversation(context, base, request, response).start();
          }
        });
  }

  public void start() {
    try {
      server.start();
    } catch (Exception e) {
      timers.shutdownNow();
      throw new IllegalStateException("The fake could not start listening: " + e.getMessage(), e);
    }
  }

  public int port() {
    return connector.getLocalPort();
  }

  /**
   * Ends at once every delay that the fault rule {@code faultId} started: their answers go out now.
   */
  public void endDelaysOf(long faultId) {
    Set<Conversation> waiting = delayed.remove(faultId);
    if (waiting != null) {
      waiting.forEach(Conversation::endDelay);
    }
  }

  @Override
  public void close() {
    try {
      connector.getConnectedEndPoints().forEach(EndPoint::close);
      server.stop();
    } catch (Exception e) {
      // stopping is best effort: the port is released with the connector
    } finally {
      timers.shutdownNow();
    }
  }
}

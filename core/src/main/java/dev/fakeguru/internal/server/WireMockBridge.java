package dev.fakeguru.internal.server;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fakeguru.RecordedCall;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the service on a WireMock server: one catch-all stub whose response a transformer computes.
 * WireMock's response gzip and request journal are off (the fake keeps its own). Internal.
 */
public final class WireMockBridge implements AutoCloseable {
  private static final String TRANSFORMER = "fakeguru-dispatch";

  private final WireMockServer server;

  /** A server (not yet started) whose every request goes to {@code handler}. */
  public WireMockBridge(
      int port,
      String bindAddress,
      int containerThreads,
      long maxBodyBytes,
      Journal journal,
      Clock clock,
      CallHandler handler) {
    WireMockConfiguration options =
        WireMockConfiguration.options()
            .bindAddress(bindAddress)
            .gzipDisabled(true)
            .disableRequestJournal()
            .stubRequestLoggingDisabled(true)
            .notifier(new ConsoleNotifier(false))
            .containerThreads(containerThreads)
            .httpServerFactory(RawBodyJettyServer.factory(maxBodyBytes))
            .extensions(new DispatchTransformer(journal, clock, handler));
    if (port == 0) {
      options.dynamicPort();
    } else {
      options.port(port);
    }
    this.server = new WireMockServer(options);
    server.stubFor(
        any(anyUrl())
            .willReturn(ResponseDefinitionBuilder.responseDefinition().withTransformers(TRANSFORMER)));
  }

  /** Turns a request into a response; runs on server threads concurrently. */
  @FunctionalInterface
  public interface CallHandler {
    CodeGuruService.Handled handle(HttpRequest request, long sequence);
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.port();
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  @Override
  public void close() {
    if (server.isRunning()) {
      server.stop();
    }
  }

  /**
   * Runs after WireMock rendered its catch-all stub, and replaces that response whole, so none of
   * WireMock's own headers (such as {@code Matched-Stub-Id}) reach the client.
   */
  private static final class DispatchTransformer implements ResponseTransformerV2 {
    private final Journal journal;
    private final Clock clock;
    private final CallHandler handler;

    DispatchTransformer(Journal journal, Clock clock, CallHandler handler) {
      this.journal = journal;
      this.clock = clock;
      this.handler = handler;
    }

    @Override
    public String getName() {
      return TRANSFORMER;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public Response transform(Response rendered, ServeEvent serveEvent) {
      Request wm = serveEvent.getRequest();
      long sequence = journal.nextSequence();
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (HttpHeader h : wm.getHeaders().all()) {
        headers.computeIfAbsent(h.key(), k -> new ArrayList<>()).addAll(h.values());
      }
      HttpRequest req = RawBodyJettyServer.unwrap(wm.getMethod().getName(), wm.getUrl(), headers, wm.getBody());
      CodeGuruService.Handled outcome = handler.handle(req, sequence);
      HttpResponse resp = outcome.response();
      journal.record(
          new RecordedCall(
              sequence,
              outcome.operation(),
              Optional.ofNullable(outcome.profilingGroup()),
              req.method(),
              req.rawPath(),
              req.query(),
              req.headers(),
              req.body(),
              resp.status(),
              Optional.ofNullable(resp.headers().get("x-amzn-ErrorType")),
              false,
              clock.instant()));
      List<HttpHeader> out = new ArrayList<>();
      resp.headers().forEach((k, v) -> out.add(new HttpHeader(k, v)));
      return Response.response()
          .status(resp.status())
          .headers(new HttpHeaders(out))
          .body(resp.body())
          .build();
    }
  }
}

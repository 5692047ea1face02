package dev.fakeguru.internal.server;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.RecordedCall;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs the service on a WireMock server: one catch-all stub whose response a transformer computes.
 * WireMock's response gzip and request journal are off (the fake keeps its own). Internal.
 */
public final class WireMockBridge implements AutoCloseable {
  private static final String TRANSFORMER = "fakeguru-dispatch";
  private static final String ADMIN_PREFIX = "/__fakeguru/";
  private static final byte[] NO_BODY = new byte[0];

  private final WireMockServer server;

  /** A server (not yet started) whose every request goes to {@code handler}. */
  public WireMockBridge(
      int port,
      String bindAddress,
      int containerThreads,
      long maxBodyBytes,
      Journal journal,
      Clock clock,
      Dispatcher handler,
      Function<HttpRequest, HttpResponse> admin) {
    WireMockConfiguration options =
        WireMockConfiguration.options()
            .bindAddress(bindAddress)
            .gzipDisabled(true)
            .disableRequestJournal()
            .stubRequestLoggingDisabled(true)
            .notifier(new ConsoleNotifier(false))
            .containerThreads(containerThreads)
            .httpServerFactory(RawBodyJettyServer.factory(maxBodyBytes))
            .extensions(new DispatchTransformer(journal, clock, handler, admin));
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
    private final Dispatcher handler;
    private final Function<HttpRequest, HttpResponse> admin;

    DispatchTransformer(Journal journal, Clock clock, Dispatcher handler, Function<HttpRequest, HttpResponse> admin) {
      this.admin = admin;
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
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (HttpHeader h : wm.getHeaders().all()) {
        headers.computeIfAbsent(h.key(), k -> new ArrayList<>()).addAll(h.values());
      }
      HttpRequest req = RawBodyJettyServer.unwrap(wm.getMethod().getName(), wm.getUrl(), headers, wm.getBody());
      if (admin != null && req.rawPath().startsWith(ADMIN_PREFIX)) {
        // Admin calls steer the fake; they are not API calls and are not recorded.
        HttpResponse resp = admin.apply(req);
        return Response.response().status(resp.status()).headers(headers(resp)).body(resp.body()).build();
      }
      long sequence = journal.nextSequence();
      Dispatcher.Answer answer = handler.dispatch(req, sequence);
      HttpResponse resp = answer.response();
      ProfilerFault fault = answer.fault();
      Response.Builder out = Response.response();
      int status = resp == null ? 0 : resp.status();
      if (resp != null) {
        out.status(resp.status()).headers(headers(resp)).body(resp.body());
      }
      if (fault != null) {
        switch (fault.kind()) {
          case CONNECTION_RESET -> out.fault(Fault.CONNECTION_RESET_BY_PEER);
          case EMPTY_RESPONSE -> out.fault(Fault.EMPTY_RESPONSE);
          case RANDOM_DATA_THEN_CLOSE -> out.fault(Fault.RANDOM_DATA_THEN_CLOSE);
          case MALFORMED_BODY -> {
            status = 200;
            HttpResponse garbage = Wire.malformed(resp);
            out.status(200).headers(headers(garbage)).body(garbage.body());
          }
          case TRUNCATED_BODY -> {
            byte[] full = resp.body();
            out.headers(headers(resp.withHeader("Content-Length", String.valueOf(full.length))))
                .body(java.util.Arrays.copyOf(full, full.length / 2));
          }
          default -> {}
        }
        long min = fault.minDelay().toMillis();
        long max = fault.maxDelay().toMillis();
        long delay = max > min ? ThreadLocalRandom.current().nextLong(min, max + 1) : min;
        if (delay > 0) {
          out.incrementInitialDelay(delay);
        }
      }
      // The call and its post become visible together: a waiter woken by the post also sees the call.
      journal.record(
          new RecordedCall(
              sequence,
              answer.operation(),
              Optional.ofNullable(answer.profilingGroup()),
              req.method(),
              req.rawPath(),
              req.query(),
              req.headers(),
              // A post's body is kept once, in its RecordedProfilePost.
              answer.operation() == dev.fakeguru.recording.Operation.POST_AGENT_PROFILE ? NO_BODY : req.body(),
              status,
              Optional.ofNullable(resp == null ? null : resp.headers().get("x-amzn-ErrorType")),
              fault != null,
              clock.instant()),
          answer.post());
      return out.build();
    }

    private static HttpHeaders headers(HttpResponse resp) {
      List<HttpHeader> out = new ArrayList<>();
      resp.headers().forEach((k, v) -> out.add(new HttpHeader(k, v)));
      return new HttpHeaders(out);
    }
  }
}

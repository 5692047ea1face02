package dev.fakeguru.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fakeguru.fault.ProfilerFault;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import wiremock.jakarta.servlet.DispatcherType;
import wiremock.org.eclipse.jetty.servlet.FilterHolder;

/**
 * The transport: a WireMock server (its Jetty, with WireMock's response gzip and request journal
 * off) whose one catch-all stub hands every request to a handler and sends what it answers,
 * applying the transport part of an injected fault (reset, empty response, garbage, truncation,
 * delay).
 *
 * <p>WireMock never sees a request body: {@link RawRequestFilter} reads it first, exactly as sent
 * and at most {@code maxBodyBytes}, and passes the request on to the stub's transformer on the same
 * thread. Internal.
 */
public final class WireMockFront implements AutoCloseable {
  private static final String TRANSFORMER = "fakeguru-dispatch";

  private final WireMockServer server;

  /** A server (not yet started) whose every request goes to {@code handler}. */
  public WireMockFront(
      int port,
      String bindAddress,
      int containerThreads,
      long maxBodyBytes,
      Function<HttpRequest, Answer> handler) {
    WireMockConfiguration options =
        WireMockConfiguration.options()
            .bindAddress(bindAddress)
            .gzipDisabled(true)
            .disableRequestJournal()
            .stubRequestLoggingDisabled(true)
            .notifier(new ConsoleNotifier(false))
            .containerThreads(containerThreads)
            .httpServerFactory(
                (opts, admin, stubs) ->
                    new Jetty11HttpServer(opts, admin, stubs) {
                      @Override
                      protected void decorateMockServiceContextBeforeConfig(
                          wiremock.org.eclipse.jetty.servlet.ServletContextHandler context) {
                        context.addFilter(
                            new FilterHolder(new RawRequestFilter(maxBodyBytes)),
                            "/*",
                            EnumSet.of(DispatcherType.REQUEST));
                      }
                    })
            .extensions(new DispatchTransformer(handler));
    if (port == 0) {
      options.dynamicPort();
    } else {
      options.port(port);
    }
    this.server = new WireMockServer(options);
    server.stubFor(
        any(anyUrl())
            .willReturn(
                ResponseDefinitionBuilder.responseDefinition().withTransformers(TRANSFORMER)));
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.port();
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
    private final Function<HttpRequest, Answer> handler;

    DispatchTransformer(Function<HttpRequest, Answer> handler) {
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
      Answer answer = handler.apply(RawRequestFilter.current());
      HttpResponse resp = answer.response();
      ProfilerFault fault = answer.fault();
      Response.Builder out = Response.response();
      if (resp != null) {
        out.status(resp.status()).headers(headers(resp)).body(resp.body());
      }
      if (fault == null) {
        return out.build();
      }
      switch (fault.kind()) {
        case CONNECTION_RESET -> out.fault(Fault.CONNECTION_RESET_BY_PEER);
        case EMPTY_RESPONSE -> out.fault(Fault.EMPTY_RESPONSE);
        case RANDOM_DATA_THEN_CLOSE -> out.fault(Fault.RANDOM_DATA_THEN_CLOSE);
        case TRUNCATED_BODY -> {
          byte[] full = resp.body();
          out.headers(headers(resp.withHeader("Content-Length", String.valueOf(full.length))))
              .body(Arrays.copyOf(full, full.length / 2));
        }
        default -> {}
      }
      long min = fault.minDelay().toMillis();
      long max = fault.maxDelay().toMillis();
      long delay = max > min ? ThreadLocalRandom.current().nextLong(min, max + 1) : min;
      if (delay > 0) {
        out.incrementInitialDelay(delay);
      }
      return out.build();
    }

    private static HttpHeaders headers(HttpResponse resp) {
      List<HttpHeader> out = new ArrayList<>();
      resp.headers().forEach((k, v) -> out.add(new HttpHeader(k, v)));
      return new HttpHeaders(out);
    }
  }
}

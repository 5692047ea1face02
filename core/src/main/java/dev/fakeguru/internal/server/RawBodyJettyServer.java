package dev.fakeguru.internal.server;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import wiremock.jakarta.servlet.DispatcherType;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ReadListener;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletInputStream;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletRequestWrapper;
import wiremock.org.eclipse.jetty.servlet.FilterHolder;
import wiremock.org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * WireMock's Jetty server with one servlet filter in front of the stubs, so that the fake sees request
 * bodies exactly as sent. WireMock inflates every body that starts with the gzip magic bytes or says
 * {@code Content-Encoding: gzip}, entirely and without a size limit: the raw bytes would be lost and a
 * gzip bomb would exhaust the heap. The filter reads at most {@code maxBodyBytes}, prefixes one zero
 * byte (so WireMock's sniffing never matches), and hides {@code Content-Encoding} under another name;
 * {@link #unwrap} undoes both. Internal.
 */
final class RawBodyJettyServer extends Jetty11HttpServer {
  static final String RAW_MARKER = "X-FakeGuru-Raw-Body";
  static final String HIDDEN_ENCODING = "X-FakeGuru-Content-Encoding";
  static final String OVERSIZE = "X-FakeGuru-Body-Over-Limit";

  /** Not final: Jetty11HttpServer's constructor calls the decorate hook before this is assigned. */
  private volatile long maxBodyBytes;

  RawBodyJettyServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs, long maxBodyBytes) {
    super(options, admin, stubs);
    this.maxBodyBytes = maxBodyBytes;
  }

  static HttpServerFactory factory(long maxBodyBytes) {
    return (options, admin, stubs) -> new RawBodyJettyServer(options, admin, stubs, maxBodyBytes);
  }

  @Override
  protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
    context.addFilter(new FilterHolder(new RawBodyFilter(this)), "/*", EnumSet.of(DispatcherType.REQUEST));
  }

  /** The body and headers as the client sent them, from what the filter passed through WireMock. */
  static HttpRequest unwrap(String method, String url, java.util.Map<String, List<String>> headers, byte[] body) {
    java.util.Map<String, List<String>> restored = new java.util.LinkedHashMap<>();
    boolean wrapped = false;
    for (java.util.Map.Entry<String, List<String>> e : headers.entrySet()) {
      String name = e.getKey();
      if (name.equalsIgnoreCase(RAW_MARKER)) {
        wrapped = true;
      } else if (name.equalsIgnoreCase(HIDDEN_ENCODING)) {
        restored.put("Content-Encoding", e.getValue());
      } else {
        restored.put(name, e.getValue());
      }
    }
    byte[] raw = wrapped && body.length > 0 ? java.util.Arrays.copyOfRange(body, 1, body.length) : body;
    return HttpRequest.of(method, url, restored, raw);
  }

  private static final class RawBodyFilter implements Filter {
    private final RawBodyJettyServer server;

    RawBodyFilter(RawBodyJettyServer server) {
      this.server = server;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) request;
      long maxBodyBytes = server.maxBodyBytes;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(0);
      boolean over = false;
      try (InputStream in = http.getInputStream()) {
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
          total += n;
          if (total > maxBodyBytes) {
            over = true;
            break;
          }
          out.write(buf, 0, n);
        }
      }
      byte[] body = over ? new byte[] {0} : out.toByteArray();
      chain.doFilter(new Wrapped(http, body, over ? maxBodyBytes : -1), response);
    }
  }

  private static final class Wrapped extends HttpServletRequestWrapper {
    private final byte[] body;
    private final long overLimit;

    Wrapped(HttpServletRequest request, byte[] body, long overLimit) {
      super(request);
      this.body = body;
      this.overLimit = overLimit;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public String getHeader(String name) {
      Enumeration<String> values = getHeaders(name);
      return values.hasMoreElements() ? values.nextElement() : null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      switch (lower) {
        case "content-encoding":
          return Collections.emptyEnumeration();
        case "x-fakeguru-content-encoding":
          return super.getHeaders("Content-Encoding");
        case "x-fakeguru-raw-body":
          return Collections.enumeration(List.of("1"));
        case "x-fakeguru-body-over-limit":
          return overLimit < 0 ? Collections.emptyEnumeration() : Collections.enumeration(List.of(String.valueOf(overLimit)));
        default:
          return super.getHeaders(name);
      }
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = new ArrayList<>();
      boolean encoded = false;
      for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
        String n = e.nextElement();
        if (n.equalsIgnoreCase("Content-Encoding")) {
          encoded = true;
        } else {
          names.add(n);
        }
      }
      if (encoded) {
        names.add(HIDDEN_ENCODING);
      }
      names.add(RAW_MARKER);
      if (overLimit >= 0) {
        names.add(OVERSIZE);
      }
      return Collections.enumeration(names);
    }
  }
}

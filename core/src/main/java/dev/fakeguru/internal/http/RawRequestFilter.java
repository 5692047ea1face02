package dev.fakeguru.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ReadListener;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletInputStream;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Takes each request before WireMock does: reads the body exactly as sent (at most {@code
 * maxBodyBytes}; beyond it the request is marked over the limit), and hands the request to the fake
 * through a thread-local for the duration of the chain. WireMock gets an empty body and no {@code
 * Content-Encoding}: it inflates gzip bodies whole and without a limit, which would lose the raw
 * bytes and let a gzip bomb exhaust the heap. Nothing travels in headers a client could also send.
 * Internal.
 */
final class RawRequestFilter implements Filter {
  private static final ThreadLocal<HttpRequest> CURRENT = new ThreadLocal<>();

  private final long maxBodyBytes;

  RawRequestFilter(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The request being answered on this thread. */
  static HttpRequest current() {
    HttpRequest r = CURRENT.get();
    if (r == null) {
      throw new IllegalStateException(
          "no request is being answered on " + Thread.currentThread().getName());
    }
    return r;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
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
    String target =
        http.getRequestURI() + (http.getQueryString() == null ? "" : "?" + http.getQueryString());
    HttpRequest req =
        HttpRequest.of(
            http.getMethod(), target, headers(http), over ? new byte[0] : out.toByteArray());
    CURRENT.set(over ? req.overLimit(maxBodyBytes) : req);
    try {
      chain.doFilter(new WithoutBody(http), response);
    } finally {
      CURRENT.remove();
    }
  }

  private static Map<String, List<String>> headers(HttpServletRequest http) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Enumeration<String> names = http.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      List<String> values = headers.computeIfAbsent(name, k -> new ArrayList<>());
      for (Enumeration<String> v = http.getHeaders(name); v.hasMoreElements(); ) {
        values.add(v.nextElement());
      }
    }
    return headers;
  }

  /** The request as WireMock sees it: no body, no content encoding. */
  private static final class WithoutBody extends HttpServletRequestWrapper {
    WithoutBody(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() {
      return new ServletInputStream() {
        @Override
        public int read() {
          return -1;
        }

        @Override
        public boolean isFinished() {
          return true;
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
      return 0;
    }

    @Override
    public long getContentLengthLong() {
      return 0;
    }

    @Override
    public String getHeader(String name) {
      return isHidden(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return isHidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = new ArrayList<>();
      for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
        String n = e.nextElement();
        if (!isHidden(n)) {
          names.add(n);
        }
      }
      return Collections.enumeration(names);
    }

    private static boolean isHidden(String name) {
      return name.equalsIgnoreCase("Content-Encoding") || name.equalsIgnoreCase("Content-Length");
    }
  }
}

package dev.fakeguru.internal.http;

import dev.fakeguru.fault.ProfilerFault;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import wiremock.jakarta.servlet.AsyncContext;
import wiremock.jakarta.servlet.ReadListener;
import wiremock.jakarta.servlet.ServletInputStream;
import wiremock.jakarta.servlet.ServletOutputStream;
import wiremock.jakarta.servlet.WriteListener;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;
import wiremock.org.eclipse.jetty.http.BadMessageException;
import wiremock.org.eclipse.jetty.io.EndPoint;
import wiremock.org.eclipse.jetty.io.SelectableChannelEndPoint;
import wiremock.org.eclipse.jetty.server.Request;

/**
 * One request's life in {@link HttpFront}, without a thread waiting on the client: the body is read
 * as it arrives (servlet non-blocking reads), the request goes to the handler once it is complete
 * (or over the limit), and the answer is sent, after its fault's delay on a timer, with a
 * non-blocking write. The first of "body complete", "body over the limit", "body failed" and "body
 * too slow" decides the answer; the others find it decided.
 *
 * <p>Callbacks arrive on Jetty's threads and the timer thread; the state they share is atomic or
 * written before it is handed over. Internal.
 */
final class Conversation implements ReadListener {
  /** Exactly what WireMock's RANDOM_DATA_THEN_CLOSE sends, which clients were tested against. */
  private static final byte[] GARBAGE =
      "lskdu018973t09sylgasjkfg1][]'./.sdlv".getBytes(StandardCharsets.UTF_8);

  /** What every conversation of one front shares. */
  record Context(
      HttpFront.Settings settings,
      Function<HttpRequest, Answer> handler,
      HttpFront.ErrorRenderer errors,
      ScheduledExecutorService timers,
      Map<Long, Set<Conversation>> delayed) {}

  private final Context context;
  private final Request base;
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final AtomicBoolean decided = new AtomicBoolean();
  private final AtomicBoolean sent = new AtomicBoolean();
  private ByteArrayOutputStream body;
  private long received;
  private AsyncContext async;
  private ServletInputStream in;
  private volatile boolean bodyComplete;
  private volatile ScheduledFuture<?> bodyDeadline;
  private volatile ScheduledFuture<?> delayEnd;
  private volatile Answer delayedAnswer;

  Conversation(
      Context context, Request base, HttpServletRequest request, HttpServletResponse response) {
    this.context = context;
    this.base = base;
    this.request = request;
    this.response = response;
  }

  void start() {
    async = request.startAsync();
    async.setTimeout(0); // the body deadline and the bounded delays end every conversation
    long declared = request.getContentLengthLong();
    if (declared == 0 || (declared < 0 && request.getHeader("Transfer-Encoding") == null)) {
      decided.set(true);
      bodyComplete = true;
      dispatch(new byte[0], false);
      return;
    }
    body = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 256), 1 << 16));
    try {
      in = request.getInputStream();
      bodyDeadline =
          context
              .timers()
              .schedule(
                  this::bodyTooSlow,
                  context.settings().bodyReadTimeout().toMillis(),
                  TimeUnit.MILLISECONDS);
      in.setReadListener(this);
    } catch (IOException | RuntimeException e) {
      onError(e);
    }
  }

  // --- Reading the body -------------------------------------------------------------------------

  @Override
  public void onDataAvailable() {
    byte[] buf = new byte[8192];
    try {
      while (!decided.get() && in.isReady()) {
        int n = in.read(buf);
        if (n < 0) {
          return; // onAllDataRead follows
        }
        received += n;
        if (received > context.settings().maxBodyBytes()) {
          if (decide()) {
            dispatch(new byte[0], true);
          }
          return;
        }
        body.write(buf, 0, n);
      }
    } catch (IOException e) {
      onError(e);
    } catch (OutOfMemoryError e) {
      if (decide()) {
        answerDespite(e);
      }
    }
  }

  @Override
  public void onAllDataRead() {
    if (decide()) {
      bodyComplete = true;
      try {
        dispatch(body.toByteArray(), false);
      } catch (OutOfMemoryError e) {
        answerDespite(e);
      }
    }
  }

  /**
   * Out of memory again while answering an out-of-memory error: one more try with the memory freed
   * since, else the connection is closed, so that the client is never left waiting.
   */
  private void answerDespite(OutOfMemoryError e) {
    try {
      send(Answer.of(outOfMemory(e)));
    } catch (OutOfMemoryError again) {
      if (sent.compareAndSet(false, true)) {
        dropConnection(false, null);
      }
    }
  }

  @Override
  public void onError(Throwable failure) {
    if (decide()) {
      send(Answer.of(readFailure(failure)));
    }
  }

  private void bodyTooSlow() {
    if (decided.compareAndSet(false, true)) {
      send(
          Answer.of(
              context
                  .errors()
                  .error(
                      408,
                      "RequestTimeoutException",
                      "The request body did not arrive within "
                          + context.settings().bodyReadTimeout().toMillis()
                          + " ms ("
                          + received
                          + " bytes received); the connection is closed.")));
    }
  }

  /** Claims the answer for the caller, stopping the body deadline; false if it was decided. */
  private boolean decide() {
    if (!decided.compareAndSet(false, true)) {
      return false;
    }
    ScheduledFuture<?> deadline = bodyDeadline;
    if (deadline != null) {
      deadline.cancel(false);
    }
    return true;
  }

  private HttpResponse readFailure(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null
        && !(cause instanceof BadMessageException)
        && !(cause instanceof EOFException)
        && !(cause instanceof TimeoutException)) {
      cause = cause.getCause();
    }
    if (cause instanceof BadMessageException bad && bad.getCode() != 400) {
      return context
          .errors()
          .error(
              bad.getCode(),
              ErrorAnswers.errorType(bad.getCode()),
              "The request was refused by the HTTP server: " + bad.getReason() + ".");
    }
    if (cause instanceof TimeoutException) {
      return context
          .errors()
          .error(
              408,
              "RequestTimeoutException",
              "The request body stopped arriving (the connection was idle for "
                  + context.settings().idleTimeout().toMillis()
                  + " ms after "
                  + received
                  + " bytes).");
    }
    return context
        .errors()
        .error(
            400,
            "ValidationException",
            "The request body is malformed: it ended before the length its Content-Length or"
                + " chunk size announced, or a chunk size is not valid hex ("
                + received
                + " bytes read; "
                + cause.getMessage()
                + ").");
  }

  // --- Answering --------------------------------------------------------------------------------

  private void dispatch(byte[] bytes, boolean overLimit) {
    Answer answer;
    try {
      String query = request.getQueryString();
      HttpRequest req =
          HttpRequest.of(
              request.getMethod(),
              request.getRequestURI() + (query == null ? "" : "?" + query),
              headers(),
              bytes);
      answer = context.handler().apply(overLimit ? req.overLimit(maxBody()) : req);
    } catch (HttpRequest.MalformedRequest e) {
      answer = Answer.of(context.errors().error(400, "ValidationException", e.getMessage()));
    } catch (OutOfMemoryError e) {
      answer = Answer.of(outOfMemory(e));
    } catch (RuntimeException | Error e) {
      answer =
          Answer.of(
              context
                  .errors()
                  .error(
                      500, "InternalServerException", "The fake failed unexpectedly: " + e + "."));
    }
    send(answer);
  }

  private long maxBody() {
    return context.settings().maxBodyBytes();
  }

  private HttpResponse outOfMemory(OutOfMemoryError e) {
    return context
        .errors()
        .error(
            500,
            "InternalServerException",
            "The fake ran out of memory answering this request ("
                + e.getMessage()
                + "); it keeps serving. Give it more heap (-Xmx) or lower its limits.");
  }

  private Map<String, List<String>> headers() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      List<String> values = headers.computeIfAbsent(name, k -> new ArrayList<>());
      for (Enumeration<String> v = request.getHeaders(name); v.hasMoreElements(); ) {
        values.add(v.nextElement());
      }
    }
    return headers;
  }

  /** Sends the answer now, or after its fault's delay on the timer. */
  private void send(Answer answer) {
    ProfilerFault fault = answer.fault();
    long delay = fault == null ? 0 : delayMillis(fault);
    if (delay <= 0) {
      transmit(answer);
      return;
    }
    delayedAnswer = answer;
    if (answer.faultId() != 0) {
      context
          .delayed()
          .computeIfAbsent(answer.faultId(), k -> ConcurrentHashMap.newKeySet())
          .add(this);
    }
    delayEnd = context.timers().schedule(this::endDelay, delay, TimeUnit.MILLISECONDS);
  }

  private static long delayMillis(ProfilerFault fault) {
    long min = fault.minDelay().toMillis();
    long max = fault.maxDelay().toMillis();
    return max > min ? ThreadLocalRandom.current().nextLong(min, max + 1) : min;
  }

  /** The delay is over (its time came, or its fault rule was removed): the answer goes out. */
  void endDelay() {
    Answer answer = delayedAnswer;
    if (answer == null || sent.get()) {
      return;
    }
    ScheduledFuture<?> timer = delayEnd;
    if (timer != null) {
      timer.cancel(false);
    }
    context
        .delayed()
        .computeIfPresent(
            answer.faultId(),
            (id, waiting) -> {
              waiting.remove(this);
              return waiting.isEmpty() ? null : waiting;
            });
    transmit(answer);
  }

  /** Puts the answer on the wire, with the transport part of its fault; once. */
  private void transmit(Answer answer) {
    if (!sent.compareAndSet(false, true)) {
      return;
    }
    ProfilerFault.Kind kind = answer.fault() == null ? null : answer.fault().kind();
    if (kind == ProfilerFault.Kind.CONNECTION_RESET) {
      dropConnection(true, null);
    } else if (kind == ProfilerFault.Kind.EMPTY_RESPONSE) {
      dropConnection(false, null);
    } else if (kind == ProfilerFault.Kind.RANDOM_DATA_THEN_CLOSE) {
      dropConnection(false, GARBAGE);
    } else {
      HttpResponse r = answer.response();
      write(
          r != null
              ? r
              : context
                  .errors()
                  .error(500, "InternalServerException", "The fake produced no answer."),
          kind == ProfilerFault.Kind.TRUNCATED_BODY);
    }
  }

  /**
   * Writes the response without blocking. A truncated one announces its full length, sends half and
   * closes the connection.
   */
  private void write(HttpResponse r, boolean truncate) {
    try {
      response.setStatus(r.status());
      r.headers()
          .forEach(
              (name, value) -> {
                if (name.equalsIgnoreCase("Content-Type")) {
                  // As given: Jetty's setContentType would rewrite known types' spelling.
                  base.getResponse().getHttpFields().put(name, value);
                } else {
                  response.setHeader(name, value);
                }
              });
      response.setContentLengthLong(r.body().length);
      if (!bodyComplete) {
        response.setHeader("Connection", "close"); // the rest of the body is never read
      }
      byte[] bytes = truncate ? Arrays.copyOf(r.body(), r.body().length / 2) : r.body();
      ServletOutputStream out = response.getOutputStream();
      out.setWriteListener(
          new WriteListener() {
            private int step;

            @Override
            public void onWritePossible() throws IOException {
              while (out.isReady()) {
                switch (step++) {
                  case 0 -> out.write(bytes);
                  case 1 -> {
                    if (truncate) {
                      out.flush();
                    }
                  }
                  case 2 -> {
                    if (truncate) {
                      dropConnection(false, null);
                    } else {
                      complete();
                    }
                    return;
                  }
                  default -> {
                    return;
                  }
                }
              }
            }

            @Override
            public void onError(Throwable failure) {
              complete();
            }
          });
    } catch (IOException | RuntimeException e) {
      dropConnection(false, null);
    }
  }

  /** Closes the connection (resetting it with SO_LINGER 0), after writing {@code first}. */
  private void dropConnection(boolean reset, byte[] first) {
    EndPoint endPoint = base.getHttpChannel().getEndPoint();
    try {
      if (endPoint instanceof SelectableChannelEndPoint selectable
          && selectable.getChannel() instanceof SocketChannel socket) {
        if (reset) {
          socket.socket().setSoLinger(true, 0);
        }
        if (first != null) {
          ByteBuffer buf = ByteBuffer.wrap(first);
          for (int attempts = 0; buf.hasRemaining() && attempts < 1000; attempts++) {
            socket.write(buf);
          }
        }
      }
    } catch (IOException e) {
      // the client is gone already
    }
    endPoint.close();
    complete();
  }

  private void complete() {
    try {
      async.complete();
    } catch (IllegalStateException e) {
      // completed already (the connection failed first)
    }
  }
}

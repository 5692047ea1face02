package dev.fakeguru.internal.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import wiremock.jakarta.servlet.RequestDispatcher;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;
import wiremock.org.eclipse.jetty.http.HttpFields;
import wiremock.org.eclipse.jetty.http.HttpStatus;
import wiremock.org.eclipse.jetty.server.Request;
import wiremock.org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers in the AWS error form instead of HTML pages: requests Jetty refuses
 * before any handler sees them (a malformed request line, {@code %zz} or raw {@code 0xFF} bytes in
 * the path, headers too large) and any error Jetty raises while dispatching. Internal.
 */
final class ErrorAnswers extends ErrorHandler {
  private final HttpFront.ErrorRenderer errors;

  ErrorAnswers(HttpFront.ErrorRenderer errors) {
    this.errors = errors;
  }

  /**
   * The AWS error type the fake answers an HTTP-level failure of this status with: the client's
   * fault for 4xx and for 505 (an HTTP version the server does not speak), the server's otherwise.
   */
  static String errorType(int status) {
    if (status == 408) {
      return "RequestTimeoutException";
    }
    return status >= 500 && status != 505 ? "InternalServerException" : "ValidationException";
  }

  private HttpResponse answer(int status, String reason) {
    String why =
        switch (status) {
          case 400 ->
              "its request line, path, query or a header is malformed (for example a % not"
                  + " followed by two hex digits, or a byte that is not printable ASCII)";
          case 414 -> "its request target is too long";
          case 431 -> "its headers are too large";
          default -> reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        };
    return errors.error(
        status, errorType(status), "The HTTP request was refused by the server: " + why + ".");
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    HttpResponse r = answer(status, reason);
    r.headers().forEach(fields::put);
    return ByteBuffer.wrap(r.body());
  }

  @Override
  public void handle(
      String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    base.setHandled(true);
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    HttpResponse r = answer(response.getStatus(), message == null ? null : message.toString());
    r.headers().forEach(response::setHeader);
    response.setContentLength(r.body().length);
    response.getOutputStream().write(r.body());
  }
}

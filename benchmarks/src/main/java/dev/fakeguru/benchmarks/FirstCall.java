package dev.fakeguru.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.fakeguru.FakeCodeGuruProfiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * What a test JVM does first (target 4(a)), run by {@link ColdStart} in a fresh JVM: start a server
 * and answer one ListProfilingGroups call, then print {@code answered STATUS} on stdout and exit.
 *
 * <pre>
 * java -cp fakeguru-benchmarks.jar dev.fakeguru.benchmarks.FirstCall fake|wiremock socket|sdk
 * </pre>
 *
 * <p>{@code fake}: build and start a {@code FakeCodeGuruProfiler}. {@code wiremock}: a bare {@code
 * WireMockServer} on a dynamic port with one stub answering the same call. The client is the same
 * on both sides: {@code socket}, one HTTP/1.1 request on a plain socket (so the client's own class
 * loading does not hide the server's), or {@code sdk}, the AWS SDK v2 client every benchmark uses.
 */
public final class FirstCall {
  private FirstCall() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    // Only the answered line may reach stdout: it is what the harness waits for.
    System.setOut(System.err);
    boolean fake = args[0].equals("fake");
    boolean sdk = args.length > 1 && args[1].equals("sdk");
    AutoCloseable server;
    URI endpoint;
    if (fake) {
      FakeCodeGuruProfiler f = FakeCodeGuruProfiler.builder().start();
      server = f;
      endpoint = f.endpoint();
    } else {
      WireMockServer wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      wm.start();
      wm.stubFor(
          get(urlPathEqualTo("/profilingGroups"))
              .willReturn(okJson("{\"profilingGroupNames\":[],\"profilingGroups\":[]}")));
      server = wm::stop;
      endpoint = URI.create("http://127.0.0.1:" + wm.port());
    }
    int status;
    if (sdk) {
      try (CodeGuruProfilerClient client = Sdk.client(endpoint)) {
        status = client.listProfilingGroups(b -> {}).sdkHttpResponse().statusCode();
      }
    } else {
      status = rawGet(endpoint.getPort(), "/profilingGroups");
    }
    out.println("answered " + status);
    out.flush();
    try {
      server.close();
    } catch (Exception e) {
      // the measured part is over
    }
    System.exit(0);
  }

  /**
   * One {@code GET} on a plain socket; the status code of the answer (read to its end).
   *
   * @throws UncheckedIOException if the server does not answer
   */
  static int rawGet(int port, String path) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream o = s.getOutputStream();
      o.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      byte[] all = in.readAllBytes();
      String head = new String(all, 0, Math.min(all.length, 64), StandardCharsets.US_ASCII);
      if (!head.startsWith("HTTP/1.1 ")) {
        throw new IOException("not an HTTP answer: " + head);
      }
      return Integer.parseInt(head.substring(9, 12));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

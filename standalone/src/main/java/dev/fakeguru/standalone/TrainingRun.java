package dev.fakeguru.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code --training-run}: the requests a first user makes, sent by the server to itself once it is
 * ready, so that a class-data-sharing archive or an AOT cache recorded over this run holds what
 * serving them loads (the transport, the dispatch, JSON and Ion, the codec, the admin API). Plain
 * HTTP/1.1 on a socket, so the archive does not fill with an HTTP client's classes the server never
 * uses. Internal to the standalone server; runs on the main thread.
 */
final class TrainingRun {
  /** The profiling group the run creates and posts to. */
  static final String GROUP = "fakeguru-training";

  private TrainingRun() {}

  /** One request, and the statuses that count as answered. */
  private record Call(String method, String path, String accept, String body, List<Integer> ok) {}

  /**
   * Sends every request to {@code endpoint}; the number answered as expected.
   *
   * @throws IllegalStateException naming the first request answered otherwise
   */
  static int run(URI endpoint, long nowMillis) {
    String profile =
        "{\"start\":"
            + (nowMillis - 10_000)
            + ",\"end\":"
            + nowMillis
            + ",\"agentMetadata\":{\"sampleWeights\":{\"WALL_TIME\":1.0},\"durationInMs\":10000},"
            + "\"callgraph\":{\"children\":{\"main\":{\"children\":{\"work\":"
            + "{\"counts\":{\"WALL_TIME\":3}}},\"counts\":{\"WALL_TIME\":1}}}}}";
    String group = "/profilingGroups/" + GROUP;
    List<Call> calls =
        List.of(
            new Call("GET", "/profilingGroups", "application/json", null, List.of(200)),
            new Call(
                "POST",
                "/profilingGroups?clientToken=fakeguru-training-run",
                "application/json",
                "{\"profilingGroupName\":\"" + GROUP + "\"}",
                List.of(201, 409)),
            new Call("POST", group + "/configureAgent", "application/json", "{}", List.of(200)),
            new Call("POST", group + "/agentProfile", "application/json", profile, List.of(204)),
            new Call("GET", group + "/profile?period=PT5M", "application/json", null, okOrNone()),
            new Call(
                "GET", group + "/profile?period=PT5M", "application/x-amzn-ion", null, okOrNone()),
            new Call("GET", "/__fakeguru/status", "application/json", null, List.of(200)),
            new Call("GET", "/__fakeguru/posts", "application/json", null, List.of(200)));
    int answered = 0;
    for (Call c : calls) {
      int status = send(endpoint, c);
      if (!c.ok().contains(status)) {
        throw new IllegalStateException(
            "training run: " + c.method() + " " + c.path() + " was answered " + status);
      }
      answered++;
    }
    return answered;
  }

  private static List<Integer> okOrNone() {
    return List.of(200, 404);
  }

  private static int send(URI endpoint, Call c) {
    byte[] body = c.body() == null ? new byte[0] : c.body().getBytes(StandardCharsets.UTF_8);
    String head =
        c.method()
            + " "
            + c.path()
            + " HTTP/1.1\r\nHost: "
            + endpoint.getHost()
            + ":"
            + endpoint.getPort()
            + "\r\nAccept: "
            + c.accept()
            + (c.body() == null ? "" : "\r\nContent-Type: application/json")
            + "\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    try (Socket s = new Socket(endpoint.getHost(), endpoint.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      if (!answer.startsWith("HTTP/1.1 ") || answer.length() < 12) {
        throw new IllegalStateException("training run: no HTTP answer to " + c.path());
      }
      return Integer.parseInt(answer.substring(9, 12));
    } catch (IOException e) {
      throw new UncheckedIOException("training run: " + c.path() + ": " + e.getMessage(), e);
    }
  }
}

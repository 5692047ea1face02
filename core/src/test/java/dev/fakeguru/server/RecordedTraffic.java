package dev.fakeguru.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The requests genuine clients sent, recorded on loopback (test resources {@code
 * fixtures/wire/<client>-requests.jsonl}, described in their README): read them and send one again,
 * byte for byte, with its headers as recorded (the HTTP client sets only {@code Host}, {@code
 * Content-Length} and {@code Connection} itself).
 */
public final class RecordedTraffic {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Headers the HTTP client sets itself (or refuses to set). */
  private static final Set<String> RESTRICTED =
      Set.of("host", "content-length", "connection", "expect", "transfer-encoding");

  private RecordedTraffic() {}

  /** The recorded requests of {@code client} (e.g. {@code pyagent-err429}), in arrival order. */
  public static List<JsonNode> read(String client) {
    String resource = "/fixtures/wire/" + client + "-requests.jsonl";
    List<JsonNode> requests = new ArrayList<>();
    try (var in =
        new BufferedReader(
            new InputStreamReader(
                RecordedTraffic.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        requests.add(JSON.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
    return requests;
  }

  /** Sends a recorded request to {@code endpoint} again and returns the answer. */
  public static HttpResponse<byte[]> send(URI endpoint, JsonNode r) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(endpoint + r.get("raw_path").asText()))
            .timeout(TestClients.REQUEST_TIMEOUT);
    for (JsonNode h : r.get("headers")) {
      if (!RESTRICTED.contains(h.get(0).asText().toLowerCase(Locale.ROOT))) {
        b.header(h.get(0).asText(), h.get(1).asText());
      }
    }
    String body = body(r);
    b.method(
        r.get("method").asText(),
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    try {
      return TestClients.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The body of a recorded request as text; empty when it had none. */
  public static String body(JsonNode r) {
    return r.path("body_utf8").isTextual() ? r.get("body_utf8").asText() : "";
  }
}

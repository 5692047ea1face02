package dev.fakeguru.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The standalone server's admin API ({@code /__fakeguru/}), as plain HTTP. */
final class Admin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  Admin(String endpoint) {
    this.base = endpoint.replaceAll("/+$", "") + "/__fakeguru/";
  }

  void reset() {
    send("POST", "reset", "", 204);
  }

  /** Injects a fault rule; {@code json} is the admin API's rule object. */
  void fault(String json) {
    send("POST", "faults", json, 201);
  }

  /** The calls the server answered for one operation (every attempt of a retried call is one). */
  List<JsonNode> calls(String operation) {
    return list(send("GET", "calls?operation=" + operation, null, 200), "calls");
  }

  /** The posts recorded for a group, oldest first. */
  List<JsonNode> posts(String group) {
    return list(send("GET", "posts?group=" + group, null, 200), "posts");
  }

  private static List<JsonNode> list(JsonNode body, String field) {
    List<JsonNode> out = new ArrayList<>();
    body.get(field).forEach(out::add);
    return out;
  }

  private JsonNode send(String method, String path, String body, int expectedStatus) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expectedStatus) {
        throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

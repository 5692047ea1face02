package dev.fakeguru.internal.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response the fake sends: status, headers and body bytes. Internal. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
  public HttpResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public HttpResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new HttpResponse(status, h, body);
  }
}

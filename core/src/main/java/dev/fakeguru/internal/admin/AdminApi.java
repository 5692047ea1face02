package dev.fakeguru.internal.admin;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.internal.server.HttpRequest;
import dev.fakeguru.internal.server.HttpResponse;
import dev.fakeguru.internal.server.Wire;

/**
 * The admin API under {@code /__fakeguru/}: JSON over HTTP for clients that cannot call the Java API
 * (agents in other languages, the standalone server). Internal; its HTTP contract is documented in the
 * README.
 */
public final class AdminApi {
  public static final String PREFIX = "/__fakeguru/";

  private final FakeCodeGuruProfiler fake;

  public AdminApi(FakeCodeGuruProfiler fake) {
    this.fake = fake;
  }

  public HttpResponse handle(HttpRequest request) {
    return Wire.error(404, "UnknownAdminOperation", "No admin operation matches " + request.method() + " " + request.rawPath());
  }
}

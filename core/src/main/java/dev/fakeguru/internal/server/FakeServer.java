package dev.fakeguru.internal.server;

import dev.fakeguru.internal.admin.AdminApi;
import dev.fakeguru.internal.api.ApiRoutes;
import dev.fakeguru.internal.api.SigV4Verifier;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.EngineSettings;
import dev.fakeguru.internal.http.BrowserPolicy;
import dev.fakeguru.internal.http.HttpFront;
import dev.fakeguru.internal.http.RouteTable;
import dev.fakeguru.internal.persistence.DataDirectory;
import dev.fakeguru.internal.wire.FindingsJson;
import dev.fakeguru.internal.wire.Wire;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The composition root: an {@link Engine}, the one route table of the CodeGuru API and (when on)
 * the admin API over it, the dispatch, the data directory (when configured) and the HTTP transport.
 * {@code FakeCodeGuruProfiler} builds one and talks to its engine. Thread-safe. Internal.
 */
public final class FakeServer implements AutoCloseable {

  /**
   * What the server is configured with.
   *
   * @param adminToken the admin API's bearer token, or null
   * @param signingKeys access key id to secret; empty to accept any signature
   * @param dataDirectory where to keep groups and stored profiles, or null
   * @param bodyReadTimeout how long a request body may take to arrive
   * @param allowedOrigins origins whose web pages may call the API (with CORS answers)
   */
  public record Settings(
      EngineSettings engine,
      int port,
      String bindAddress,
      int serverThreads,
      Duration bodyReadTimeout,
      boolean adminApi,
      String adminToken,
      Map<String, String> signingKeys,
      Path dataDirectory,
      Set<String> allowedOrigins) {

    public Settings {
      signingKeys = Map.copyOf(signingKeys);
      allowedOrigins = Set.copyOf(allowedOrigins);
    }
  }

  /**
   * An origin as browsers send it, for {@link Settings#allowedOrigins()}.
   *
   * @throws IllegalArgumentException if {@code origin} is not {@code scheme://host[:port]}
   */
  public static String checkedOrigin(String origin) {
    return BrowserPolicy.origin(origin);
  }

  private final Engine engine;

  /** How long a connection may stay silent between requests, or in the middle of one. */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private final HttpFront front;

  private FakeServer(Settings settings) {
    this.engine = new Engine(settings.engine());
    engine.findings().writeNotificationsWith(FindingsJson::notificationPayload);
    RouteTable.Builder table = RouteTable.builder();
    ApiRoutes.register(table, engine);
    AdminApi admin = settings.adminApi() ? new AdminApi(engine, settings.adminToken()) : null;
    if (admin != null) {
      admin.register(table);
    }
    SigV4Verifier signatures =
        settings.signingKeys().isEmpty()
            ? null
            : new SigV4Verifier(settings.signingKeys(), settings.engine().region(), engine.clock());
    Dispatch dispatch =
        new Dispatch(
            engine,
            table.build(),
            admin,
            signatures,
            new BrowserPolicy(settings.allowedOrigins(), settings.bindAddress()));
    this.front =
        new HttpFront(
            new HttpFront.Settings(
                settings.port(),
                settings.bindAddress(),
                settings.serverThreads(),
                settings.engine().codecLimits().maxCompressedBytes(),
                settings.bodyReadTimeout(),
                IDLE_TIMEOUT),
            dispatch::dispatch,
            Wire::error);
    engine.faults().onRuleEnded(front::endDelaysOf);
    if (settings.dataDirectory() != null) {
      engine.persistTo(DataDirectory.open(settings.dataDirectory(), engine));
    }
  }

  /**
   * A server, not yet listening, with its state restored from the data directory if one is set.
   *
   * @throws java.io.UncheckedIOException if the data directory cannot be used
   */
  public static FakeServer create(Settings settings) {
    return new FakeServer(settings);
  }

  public Engine engine() {
    return engine;
  }

  public void start() {
    front.start();
  }

  public int port() {
    return front.port();
  }

  @Override
  public void close() {
    front.close();
  }
}

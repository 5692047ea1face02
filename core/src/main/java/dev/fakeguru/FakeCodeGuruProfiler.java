package dev.fakeguru;

import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.EngineSettings;
import dev.fakeguru.internal.server.FakeServer;
import dev.fakeguru.internal.versions.DependencyFloors;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.time.SettableClock;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A fake Amazon CodeGuru Profiler server that real clients cannot tell from the service: point an
 * AWS SDK client or a profiling agent at {@link #endpoint()} and it keeps profiling groups, records
 * every call and post, aggregates stored profiles into UTC-aligned 5-minute, 1-hour and 1-day
 * buckets, and serves GetProfile from them as the API documents. What a test can do with it is
 * {@link ProfilerFake}; this class adds the lifecycle and the {@link Builder}.
 *
 * <p>Script, run, verify:
 *
 * <pre>{@code
 * try (FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder()
 *         .profilingGroup("my-app")              // exists from the start, and again after reset()
 *         .start()) {
 *   CodeGuruProfilerClient client = CodeGuruProfilerClient.builder()
 *       .endpointOverride(fake.endpoint())
 *       .region(Region.US_EAST_1)
 *       .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
 *       .build();
 *
 *   codeUnderTest(client).uploadProfile();
 *
 *   RecordedProfilePost post = fake.takeProfilePost(Duration.ofSeconds(5));
 *   assertThat(post.requireProfile().totalCount("WALL_TIME")).isEqualTo(42);
 * }
 * }</pre>
 *
 * <p>Thread-safety: every method may be called from any thread while clients call the server
 * concurrently. The server binds to loopback on a random free port unless told otherwise. A closed
 * fake cannot be started again.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class FakeCodeGuruProfiler extends AbstractProfilerFake implements AutoCloseable {
  private final Builder settings;
  private final FakeServer server;
  private volatile State state = State.NEW;

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private FakeCodeGuruProfiler(Builder b) {
    requireSupportedDependencies();
    this.settings = b.copy();
    EngineSettings engine =
        new EngineSettings(
            b.region,
            b.accountId,
            b.clock != null ? b.clock : SettableClock.ticking(),
            b.autoCreateProfilingGroups,
            b.agentConfiguration,
            b.emptyRangePolicy,
            b.codecLimits,
            b.profilingGroupQuota,
            b.maxRecordedCalls,
            b.maxRecordedProfilePosts,
            b.maxRecordedBytes,
            b.maxAggregatedNodes,
            b.declaredGroups);
    this.server =
        FakeServer.create(
            new FakeServer.Settings(
                engine,
                b.port,
                b.bindAddress,
                b.serverThreads,
                b.bodyReadTimeout,
                b.adminApi,
                b.adminToken,
                b.signingKeys,
                b.dataDirectory,
                b.allowedOrigins));
  }

  /**
   * Fails with one clear exception, before any class that needs them is loaded, when Jackson,
   * ion-java or WireMock on the class path is older than FakeGuru supports.
   *
   * @throws UnsupportedDependencyException naming the library, the versions and the fix
   */
  static void requireSupportedDependencies() {
    DependencyFloors.shortfall()
        .ifPresent(
            s -> {
              throw new UnsupportedDependencyException(
                  s.library(), s.found(), s.required(), s.fix());
            });
  }

  /**
   * A builder with the defaults: random port on 127.0.0.1, us-east-1, account 123456789012.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts serving; does nothing if it is serving already.
   *
   * @return this fake
   * @throws IllegalStateException if it was closed
   */
  public synchronized FakeCodeGuruProfiler start() {
    switch (state) {
      case RUNNING:
        return this;
      case CLOSED:
        throw new IllegalStateException(
            "This FakeCodeGuruProfiler was closed and cannot be restarted; build a new one.");
      default:
        server.start();
        state = State.RUNNING;
        return this;
    }
  }

  /** Stops serving and frees the port. Idempotent. */
  @Override
  public synchronized void close() {
    if (state == State.RUNNING) {
      server.close();
    }
    state = State.CLOSED;
  }

  @Override
  protected FakeCodeGuruProfiler fake() {
    return this;
  }

  Engine engine() {
    return server.engine();
  }

  boolean isServing() {
    return state == State.RUNNING;
  }

  int listeningPort(String what) {
    if (state != State.RUNNING) {
      throw new IllegalStateException(
          what
              + " needs a started fake, but it is "
              + state.name().toLowerCase()
              + "; call start() first.");
    }
    return server.port();
  }

  /** The host of the endpoint: the bind address, or loopback when it binds every address. */
  String endpointHost() {
    String bind = settings.bindAddress;
    try {
      InetAddress addr = InetAddress.getByName(bind);
      if (addr.isAnyLocalAddress()) {
        return "127.0.0.1";
      }
      return addr instanceof Inet6Address
          ? "[" + addr.getHostAddress() + "]"
          : addr.getHostAddress();
    } catch (UnknownHostException e) {
      return bind;
    }
  }

  Optional<String> adminTokenSetting() {
    return Optional.ofNullable(settings.adminToken);
  }

  @Override
  public String toString() {
    return "FakeCodeGuruProfiler["
        + (state == State.RUNNING ? endpoint() : state.name().toLowerCase())
        + ", groups="
        + profilingGroupNames()
        + "]";
  }

  /**
   * Configures a {@link FakeCodeGuruProfiler}. Not thread-safe; {@link #build()} copies the
   * settings.
   *
   * <pre>{@code
   * FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder()
   *     .clock(SettableClock.at(Instant.parse("2024-01-02T03:00:00Z")))
   *     .profilingGroup("checkout-service")
   *     .defaultAgentConfiguration(AgentConfiguration.fastReporting(2))
   *     .start();
   * }</pre>
   */
  public static final class Builder {
    private int port;
    private String bindAddress = "127.0.0.1";
    private String region = "us-east-1";
    private String accountId = "123456789012";
    private Clock clock;
    private boolean autoCreateProfilingGroups;
    private AgentConfiguration agentConfiguration = AgentConfiguration.defaults();
    private EmptyRangePolicy emptyRangePolicy = EmptyRangePolicy.NOT_FOUND;
    private CodecLimits codecLimits = CodecLimits.defaults();
    private int profilingGroupQuota = 1000;
    private int serverThreads = 16;
    private Duration bodyReadTimeout = Duration.ofSeconds(30);
    private boolean adminApi;
    private String adminToken;
    private final Map<String, String> signingKeys = new LinkedHashMap<>();
    private int maxRecordedCalls = 100_000;
    private int maxRecordedProfilePosts = 20_000;
    private long maxRecordedBytes = 256L << 20;
    private long maxAggregatedNodes = 2_000_000;
    private Path dataDirectory;
    private final Set<String> declaredGroups = new LinkedHashSet<>();
    private final Set<String> allowedOrigins = new LinkedHashSet<>();

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.port = port;
      b.bindAddress = bindAddress;
      b.region = region;
      b.accountId = accountId;
      b.clock = clock;
      b.autoCreateProfilingGroups = autoCreateProfilingGroups;
      b.agentConfiguration = agentConfiguration;
      b.emptyRangePolicy = emptyRangePolicy;
      b.codecLimits = codecLimits;
      b.profilingGroupQuota = profilingGroupQuota;
      b.serverThreads = serverThreads;
      b.bodyReadTimeout = bodyReadTimeout;
      b.adminApi = adminApi;
      b.adminToken = adminToken;
      b.signingKeys.putAll(signingKeys);
      b.maxRecordedCalls = maxRecordedCalls;
      b.maxRecordedProfilePosts = maxRecordedProfilePosts;
      b.maxRecordedBytes = maxRecordedBytes;
      b.maxAggregatedNodes = maxAggregatedNodes;
      b.dataDirectory = dataDirectory;
      b.declaredGroups.addAll(declaredGroups);
      b.allowedOrigins.addAll(allowedOrigins);
      return b;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, but was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The address to bind; 127.0.0.1 by default. Binding beyond loopback exposes the fake to the
     * network. On loopback, requests whose {@code Host} is not {@code localhost} or a loopback
     * address are refused (a web page cannot reach the fake through DNS rebinding).
     */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
      return this;
    }

    /** The region in ARNs; us-east-1 by default. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** The 12-digit account id in ARNs; 123456789012 by default. */
    public Builder accountId(String accountId) {
      if (accountId == null || !accountId.matches("\\d{12}")) {
        throw new IllegalArgumentException(
            "accountId must be 12 digits, but was '" + accountId + "'");
      }
      this.accountId = accountId;
      return this;
    }

    /**
     * The clock for timestamps, bucket retention and GetProfile's "latest" ranges. By default a
     * {@link SettableClock#ticking() ticking} {@link SettableClock}: system time, which tests can
     * still advance.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether an unknown profiling group is created on first use instead of answering 404 (the real
     * service's behaviour, and the default).
     */
    public Builder autoCreateProfilingGroups(boolean enabled) {
      this.autoCreateProfilingGroups = enabled;
      return this;
    }

    /**
     * A profiling group that exists from the start and is created again by {@link
     * ProfilerFake#reset()}.
     */
    public Builder profilingGroup(String name) {
      declaredGroups.add(requireValidName(name));
      return this;
    }

    /**
     * What ConfigureAgent answers (its {@code shouldProfile} is also false for a disabled group).
     */
    public Builder defaultAgentConfiguration(AgentConfiguration configuration) {
      this.agentConfiguration = Objects.requireNonNull(configuration, "configuration");
      return this;
    }

    /**
     * What GetProfile answers for a range without data; {@link EmptyRangePolicy#NOT_FOUND} by
     * default.
     */
    public Builder emptyRangePolicy(EmptyRangePolicy policy) {
      this.emptyRangePolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Size, depth and node limits for posted profiles. */
    public Builder codecLimits(CodecLimits limits) {
      this.codecLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * How many profiling groups may exist before CreateProfilingGroup answers 402; 1000 by default.
     */
    public Builder profilingGroupQuota(int quota) {
      if (quota < 1) {
        throw new IllegalArgumentException("profilingGroupQuota must be >= 1, but was " + quota);
      }
      this.profilingGroupQuota = quota;
      return this;
    }

    /**
     * The most server threads; 16 by default. They only ever run: no thread waits on a slow or
     * silent client, or on an injected delay.
     */
    public Builder serverThreads(int threads) {
      if (threads < 4) {
        throw new IllegalArgumentException("serverThreads must be >= 4, but was " + threads);
      }
      this.serverThreads = threads;
      return this;
    }

    /**
     * How long a request body may take to arrive, from the end of its headers; 30 seconds by
     * default. A slower body is answered 408 {@code RequestTimeoutException} and its connection
     * closed, so that stalled uploads cannot pile up.
     */
    public Builder bodyReadTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("bodyReadTimeout must be positive, but was " + timeout);
      }
      this.bodyReadTimeout = timeout;
      return this;
    }

    /**
     * Serves the admin API (JSON over HTTP under {@code /__fakeguru/}: groups, posted profiles,
     * aggregates, faults, scripts, the clock, reset) on the same port, for clients that cannot call
     * this Java API. Off by default; the standalone server turns it on.
     */
    public Builder adminApi(boolean enabled) {
      this.adminApi = enabled;
      return this;
    }

    /**
     * Requires admin API calls to carry {@code Authorization: Bearer <token>}; null (the default)
     * for none.
     */
    public Builder adminToken(String token) {
      this.adminToken = token;
      return this;
    }

    /**
     * Keeps profiling groups and every acknowledged profile post in {@code directory}, written
     * before the client is answered, and restores them when a fake is built on the same directory.
     * A corrupt file is reported and skipped. {@link ProfilerFake#reset()} deletes what the
     * directory holds (reset means forget everything).
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Verifies AWS Signature Version 4 on every API call against these test credentials (call again
     * to accept several pairs), as the real service does: a request without {@code Authorization}
     * gets 403 {@code MissingAuthenticationTokenException}, an unknown access key 403 {@code
     * UnrecognizedClientException}, a wrong secret, a tampered request or body, an unsigned
     * payload, a credential scoped to another region than {@link #region(String)}, or a date more
     * than 15 minutes from both the fake's clock and the system time 403 {@code
     * InvalidSignatureException} (SDKs sign with the system time, so a test may set the fake's
     * clock to another day and still use them). Off by default: then any signature, or none, is
     * accepted.
     */
    public Builder requireSignatures(String accessKeyId, String secretAccessKey) {
      signingKeys.put(
          Objects.requireNonNull(accessKeyId, "accessKeyId"),
          Objects.requireNonNull(secretAccessKey, "secretAccessKey"));
      return this;
    }

    /**
     * Lets web pages of this origin ({@code scheme://host[:port]}, e.g. {@code
     * http://localhost:9876}) call the API, for tests that run the JavaScript SDK in a browser:
     * their requests get CORS answers, preflights included. Call again to allow several. By default
     * an API request carrying an {@code Origin} header (which browsers send, and SDKs and agents do
     * not) is refused with 403, so that no page on the web can drive the fake through a browser.
     * The admin API refuses every request from a page.
     *
     * @throws IllegalArgumentException if {@code origin} is not {@code scheme://host[:port]}
     */
    public Builder allowOrigin(String origin) {
      allowedOrigins.add(FakeServer.checkedOrigin(origin));
      return this;
    }

    /**
     * How many calls the fake remembers (100,000 by default). Beyond it the oldest are forgotten
     * and counted in {@link ProfilerFake#evictedCalls()}; what was aggregated stays aggregated.
     */
    public Builder maxRecordedCalls(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRecordedCalls must be >= 1, but was " + max);
      }
      this.maxRecordedCalls = max;
      return this;
    }

    /**
     * How many profile posts (raw bytes and decoded profile) the fake remembers (20,000 by
     * default). Beyond it the oldest are forgotten and counted in {@link
     * ProfilerFake#evictedProfilePosts()}; their samples stay in the aggregates that GetProfile
     * serves.
     */
    public Builder maxRecordedProfilePosts(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRecordedProfilePosts must be >= 1, but was " + max);
      }
      this.maxRecordedProfilePosts = max;
      return this;
    }

    /**
     * How many bytes the recorded calls and profile posts may hold together (their bodies and
     * headers, plus about 512 bytes each); 256 MiB by default. Beyond it the oldest are forgotten
     * and counted, as beyond {@link #maxRecordedCalls} and {@link #maxRecordedProfilePosts}; what
     * was aggregated stays aggregated.
     */
    public Builder maxRecordedBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxRecordedBytes must be >= 1, but was " + bytes);
      }
      this.maxRecordedBytes = bytes;
      return this;
    }

    /**
     * How many call-tree nodes the aggregates GetProfile serves may hold, over every profiling
     * group and period; 2,000,000 by default (25 to 110 bytes of heap each with samples of one
     * counter type, frame names included, about 16 more per further counter type and about 30 more
     * with a file or lines, plus the file's path; so about 50 to 220 MB for a JVM agent's profiles,
     * more for an agent that sends file paths). A 5-minute bucket keeps its first 8 posts as they
     * were sent and counts one node per 200 bytes of their bodies; an hour or a day counts nothing
     * while it is derived from 5-minute buckets that are kept, and counts its own tree once they
     * expire (it takes over their content then, even beyond the limit). A post that would need more
     * is refused with 402 {@code ServiceQuotaExceededException} and changes nothing; expired
     * buckets, deleted groups and a reset free their nodes.
     */
    public Builder maxAggregatedNodes(long nodes) {
      if (nodes < 1) {
        throw new IllegalArgumentException("maxAggregatedNodes must be >= 1, but was " + nodes);
      }
      this.maxAggregatedNodes = nodes;
      return this;
    }

    /**
     * The fake, not yet started; its state is restored from the data directory if one is set.
     *
     * @return the fake
     * @throws java.io.UncheckedIOException if the data directory cannot be used
     * @throws UnsupportedDependencyException if Jackson, ion-java or WireMock is older than
     *     supported
     */
    public FakeCodeGuruProfiler build() {
      return new FakeCodeGuruProfiler(this);
    }

    /**
     * The fake, started.
     *
     * @return the running fake
     * @throws UnsupportedDependencyException if Jackson, ion-java or WireMock is older than
     *     supported
     */
    public FakeCodeGuruProfiler start() {
      return build().start();
    }
  }
}

package dev.fakeguru;

import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import dev.fakeguru.time.SettableClock;
import dev.fakeguru.internal.admin.AdminApi;
import dev.fakeguru.internal.persistence.DataDirectory;
import dev.fakeguru.internal.server.CodeGuruService;
import dev.fakeguru.internal.server.Dispatcher;
import dev.fakeguru.internal.server.FaultEngine;
import dev.fakeguru.internal.server.Journal;
import dev.fakeguru.internal.server.Scripts;
import dev.fakeguru.internal.server.SigV4Verifier;
import dev.fakeguru.internal.server.WireMockBridge;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.codec.ProfileCodec;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A fake Amazon CodeGuru Profiler server that real clients cannot tell from the service: point an AWS
 * SDK client or a profiling agent at {@link #endpoint()} and it keeps profiling groups, records every
 * call and posted profile, aggregates profiles into UTC-aligned 5-minute, 1-hour and 1-day buckets,
 * and serves GetProfile from them as the API documents.
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
 * concurrently. Recorded calls and posts are immutable snapshots. The server binds to loopback on a
 * random free port unless told otherwise. A closed fake cannot be started again.
 */
public final class FakeCodeGuruProfiler implements AutoCloseable {
  private final Builder settings;
  private final Clock clock;
  private final Journal journal;
  private final Scripts scripts = new Scripts();
  private final FaultEngine faults = new FaultEngine();
  private final CodeGuruService service;
  private final WireMockBridge bridge;
  private volatile State state = State.NEW;
  private volatile DataDirectory dataDirectory;

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private FakeCodeGuruProfiler(Builder b) {
    this.settings = b.copy();
    this.journal = new Journal(b.maxRecordedCalls, b.maxRecordedProfilePosts);
    this.clock = b.clock != null ? b.clock : SettableClock.ticking();
    this.service =
        new CodeGuruService(
            new CodeGuruService.Settings(
                b.region,
                b.accountId,
                clock,
                b.autoCreateProfilingGroups,
                b.agentConfiguration,
                b.emptyRangePolicy,
                ProfileCodec.withLimits(b.codecLimits),
                b.profilingGroupQuota),
            journal,
            scripts);
    this.bridge =
        new WireMockBridge(
            b.port,
            b.bindAddress,
            b.serverThreads,
            b.codecLimits.maxCompressedBytes(),
            journal,
            clock,
            new Dispatcher(service, faults, b.signingKeys.isEmpty() ? null : new SigV4Verifier(b.signingKeys)),
            b.adminApi ? adminHandler() : null);
    createDeclaredGroups();
    if (b.dataDirectory != null) {
      dataDirectory = DataDirectory.open(b.dataDirectory, service);
      service.setPersistence(dataDirectory);
    }
  }

  private java.util.function.Function<dev.fakeguru.internal.server.HttpRequest, dev.fakeguru.internal.server.HttpResponse> adminHandler() {
    AdminApi api =
        new AdminApi(
            this, service::exportGroups, () -> dataDirectory == null ? List.of() : dataDirectory.problems());
    return api::handle;
  }

  /** A builder with the defaults: random port on 127.0.0.1, us-east-1, account 123456789012. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts serving.
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
        bridge.start();
        state = State.RUNNING;
        return this;
    }
  }

  /** Stops serving and frees the port. Idempotent. */
  @Override
  public synchronized void close() {
    if (state == State.RUNNING) {
      bridge.close();
    }
    state = State.CLOSED;
  }

  /** Whether the server is serving. */
  public boolean isRunning() {
    return state == State.RUNNING;
  }

  /** The port the server listens on. @throws IllegalStateException if not started */
  public int port() {
    requireRunning("port()");
    return bridge.port();
  }

  /**
   * The URI to give SDK clients as their endpoint override, e.g. {@code http://127.0.0.1:50123}.
   *
   * @throws IllegalStateException if not started
   */
  public URI endpoint() {
    requireRunning("endpoint()");
    return URI.create("http://" + endpointHost() + ":" + bridge.port());
  }

  private String endpointHost() {
    String bind = settings.bindAddress;
    try {
      InetAddress addr = InetAddress.getByName(bind);
      if (addr.isAnyLocalAddress()) {
        return "127.0.0.1";
      }
      return addr instanceof java.net.Inet6Address ? "[" + addr.getHostAddress() + "]" : addr.getHostAddress();
    } catch (UnknownHostException e) {
      return bind;
    }
  }

  private void requireRunning(String what) {
    if (state != State.RUNNING) {
      throw new IllegalStateException(
          what + " needs a started fake, but it is " + state.name().toLowerCase() + "; call start() first.");
    }
  }

  /** The admin API token, if one is required. */
  public Optional<String> adminToken() {
    return Optional.ofNullable(settings.adminToken);
  }

  /** The region used in ARNs. */
  public String region() {
    return settings.region;
  }

  /** The account id used in ARNs. */
  public String accountId() {
    return settings.accountId;
  }

  /** The clock the fake reads; a {@link SettableClock} unless another was configured. */
  public Clock clock() {
    return clock;
  }

  // --- Profiling groups ------------------------------------------------------------------------

  /** Creates a profiling group with profiling enabled, as CreateProfilingGroup would; no-op if it exists. */
  public FakeCodeGuruProfiler createProfilingGroup(String name) {
    return createProfilingGroup(name, true);
  }

  /** Creates a profiling group directly; no-op if it exists. */
  public FakeCodeGuruProfiler createProfilingGroup(String name, boolean profilingEnabled) {
    requireValidName(name);
    service.createGroup(name, "Default", profilingEnabled, Map.of(), null, null);
    persistGroups();
    return this;
  }

  /** Deletes a profiling group and its profiles; false if there was none. */
  public boolean deleteProfilingGroup(String name) {
    boolean deleted = service.deleteGroup(name);
    if (deleted) {
      persistGroups();
    }
    return deleted;
  }

  /** Groups changed outside the API calls (which persist themselves): keep the data directory current. */
  private void persistGroups() {
    DataDirectory d = dataDirectory;
    if (d != null) {
      d.groupsChanged(service.exportGroups());
    }
  }

  /** The names of the existing profiling groups, sorted. */
  public List<String> profilingGroupNames() {
    return service.groupNames();
  }

  /** The ARN the fake gives a profiling group of this name. */
  public String profilingGroupArn(String name) {
    return "arn:aws:codeguru-profiler:" + settings.region + ":" + settings.accountId + ":profilingGroup/" + name;
  }

  private static void requireValidName(String name) {
    if (name == null || name.isEmpty() || name.length() > 255 || !name.matches("^[\\w-]+$")) {
      throw new IllegalArgumentException(
          "A profiling group name must be 1 to 255 characters of [A-Za-z0-9_-], but was '" + name + "'");
    }
  }

  // --- What arrived -----------------------------------------------------------------------------

  /** Every call received so far, in arrival order. */
  public List<RecordedCall> recordedCalls() {
    return journal.calls();
  }

  /** The calls of one operation, in arrival order. */
  public List<RecordedCall> recordedCalls(Operation operation) {
    return journal.calls(c -> c.operation() == operation);
  }

  /** The calls of one operation naming one profiling group, in arrival order. */
  public List<RecordedCall> recordedCalls(Operation operation, String profilingGroup) {
    return journal.calls(
        c -> c.operation() == operation && c.profilingGroup().filter(profilingGroup::equals).isPresent());
  }

  /** How many calls of one operation arrived. */
  public int callCount(Operation operation) {
    return (int) journal.count(operation);
  }

  /** How many calls of one operation naming one profiling group arrived. */
  public int callCount(Operation operation, String profilingGroup) {
    return recordedCalls(operation, profilingGroup).size();
  }

  /** Every PostAgentProfile call, accepted or not, in arrival order. */
  public List<RecordedProfilePost> profilePosts() {
    return journal.posts();
  }

  /** The PostAgentProfile calls for one profiling group, in arrival order. */
  public List<RecordedProfilePost> profilePosts(String profilingGroup) {
    return journal.posts().stream().filter(p -> p.profilingGroup().equals(profilingGroup)).toList();
  }

  /**
   * The next profile post not yet taken (in arrival order), waiting up to {@code timeout} for it: the
   * way to meet an asynchronous agent.
   *
   * @throws AssertionError listing what did arrive if none comes in time
   */
  public RecordedProfilePost takeProfilePost(Duration timeout) {
    try {
      RecordedProfilePost post = journal.takePost(timeout);
      if (post == null) {
        throw new AssertionError(
            "No PostAgentProfile arrived within " + timeout + " (beyond those already taken). " + describeArrivals());
      }
      return post;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for a PostAgentProfile", e);
    }
  }

  /**
   * Waits until at least {@code count} profiles for {@code profilingGroup} were posted and stored (SDK
   * retries of a stored token and rejected posts do not count), and returns all of them.
   *
   * @throws AssertionError listing what did arrive if they do not come in time
   */
  public List<RecordedProfilePost> awaitProfilePosts(String profilingGroup, int count, Duration timeout) {
    try {
      List<RecordedProfilePost> posts =
          journal.awaitPosts(p -> p.stored() && p.profilingGroup().equals(profilingGroup), count, timeout);
      if (posts == null) {
        throw new AssertionError(
            "Expected "
                + count
                + " stored profile posts for profiling group '"
                + profilingGroup
                + "' within "
                + timeout
                + ", but "
                + profilePosts(profilingGroup).stream().filter(RecordedProfilePost::stored).count()
                + " arrived. "
                + describeArrivals());
      }
      return posts;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for profile posts", e);
    }
  }

  /**
   * The calls the fake answered with an error that no test injected: requests for unknown operations,
   * unknown profiling groups and invalid input. In a test these usually mean the code under test is
   * misconfigured.
   */
  public List<RecordedCall> unexpectedCalls() {
    return journal.calls(c -> c.status() >= 400 && !c.faultInjected());
  }

  /**
   * Fails if any call was {@linkplain #unexpectedCalls() unexpected}.
   *
   * @throws AssertionError listing them and everything else that arrived
   */
  public void verifyNoUnexpectedCalls() {
    List<RecordedCall> unexpected = unexpectedCalls();
    if (!unexpected.isEmpty()) {
      StringBuilder sb = new StringBuilder("The fake answered " + unexpected.size() + " unexpected call(s) with an error:");
      unexpected.forEach(c -> sb.append("\n  ").append(c));
      throw new AssertionError(sb.append("\n").append(describeArrivals()).toString());
    }
  }

  /** How many recorded calls were forgotten because {@link Builder#maxRecordedCalls} was reached. */
  public long evictedCalls() {
    return journal.evictedCalls();
  }

  /** How many profile posts were forgotten because {@link Builder#maxRecordedProfilePosts} was reached. */
  public long evictedProfilePosts() {
    return journal.evictedPosts();
  }

  /** A readable summary of everything received, for failure messages. */
  public String describeArrivals() {
    List<RecordedCall> calls = journal.calls();
    if (calls.isEmpty()) {
      return "The fake received no calls.";
    }
    long evicted = journal.evictedCalls();
    StringBuilder sb = new StringBuilder("The fake received " + calls.size() + (calls.size() == 1 ? " call" : " calls")
        + (evicted > 0 ? " (after forgetting the " + evicted + " oldest, over maxRecordedCalls)" : "") + ":");
    int shown = 0;
    for (RecordedCall c : calls) {
      if (shown++ == 50) {
        sb.append("\n  … ").append(calls.size() - 50).append(" more");
        break;
      }
      sb.append("\n  ").append(c);
    }
    return sb.toString();
  }

  // --- Aggregated data --------------------------------------------------------------------------

  /**
   * The aggregated profile of {@code [from, to)} as GetProfile would compute it (best effort, narrowed
   * to the data), or empty when no retained data overlaps.
   */
  public Optional<Profile> aggregatedProfile(String profilingGroup, Instant from, Instant to) {
    return service.aggregator().aggregate(profilingGroup, from, to);
  }

  // --- Scripts and faults -----------------------------------------------------------------------

  /**
   * Queues a GetProfile answer for any profiling group: the next GetProfile call with valid parameters
   * gets it (answers queued for the call's own group come first). Queued answers are served even for
   * groups the fake does not know.
   */
  public FakeCodeGuruProfiler enqueueGetProfile(ScriptedProfileResponse response) {
    scripts.enqueueProfile(null, Objects.requireNonNull(response, "response"));
    return this;
  }

  /** Queues a GetProfile answer for one profiling group (first in, first out). */
  public FakeCodeGuruProfiler enqueueGetProfile(String profilingGroup, ScriptedProfileResponse response) {
    scripts.enqueueProfile(Objects.requireNonNull(profilingGroup, "profilingGroup"), Objects.requireNonNull(response, "response"));
    return this;
  }

  /**
   * Answers every GetProfile for exactly {@code [start, end)} of this group with {@code response} (not
   * consumed; queued answers come first). {@code profilingGroup} may be null for any group.
   */
  public FakeCodeGuruProfiler answerGetProfile(String profilingGroup, Instant start, Instant end, ScriptedProfileResponse response) {
    scripts.answerRange(profilingGroup, Objects.requireNonNull(start, "start"), Objects.requireNonNull(end, "end"),
        Objects.requireNonNull(response, "response"));
    return this;
  }

  /**
   * What GetProfile answers when no queued or range answer applies: {@code response}, or, with
   * {@code null} (the default), the aggregation of what was posted.
   */
  public FakeCodeGuruProfiler getProfileFallback(ScriptedProfileResponse response) {
    scripts.profileFallback(response);
    return this;
  }

  /** Queues a ConfigureAgent answer for any profiling group (answers for the call's own group first). */
  public FakeCodeGuruProfiler enqueueConfigureAgent(AgentConfiguration configuration) {
    scripts.enqueueConfiguration(null, Objects.requireNonNull(configuration, "configuration"));
    return this;
  }

  /** Queues a ConfigureAgent answer for one profiling group, e.g. {@code shouldProfile=false}. */
  public FakeCodeGuruProfiler enqueueConfigureAgent(String profilingGroup, AgentConfiguration configuration) {
    scripts.enqueueConfiguration(Objects.requireNonNull(profilingGroup, "profilingGroup"), Objects.requireNonNull(configuration, "configuration"));
    return this;
  }

  /** Descriptions of the queued answers never served. */
  public List<String> unconsumedScripts() {
    return scripts.unconsumed();
  }

  /**
   * Fails if a queued answer was never served.
   *
   * @throws AssertionError listing them and what arrived
   */
  public void verifyAllScriptsConsumed() {
    List<String> left = scripts.unconsumed();
    if (!left.isEmpty()) {
      StringBuilder sb = new StringBuilder(left.size() + " scripted answer(s) were never served:");
      left.forEach(s -> sb.append("\n  ").append(s));
      throw new AssertionError(sb.append("\n").append(describeArrivals()).toString());
    }
  }

  /** Puts a fault rule in force; see {@link FaultRule} for targets and schedules. */
  public InjectedFault injectFault(FaultRule rule) {
    return faults.add(Objects.requireNonNull(rule, "rule"));
  }

  /** Shorthand: {@code fault} on the next {@code times} calls of {@code operation}. */
  public InjectedFault injectFault(ProfilerFault fault, Operation operation, int times) {
    return injectFault(FaultRule.of(fault).onOperation(operation).nextCalls(times));
  }

  /** The fault rules that can still fire, in the order injected. */
  public List<InjectedFault> activeFaults() {
    return faults.active();
  }

  /** Removes every fault rule. */
  public void clearFaults() {
    faults.clear();
  }

  // --- Reset ------------------------------------------------------------------------------------

  /**
   * Forgets everything that happened since start: fault rules, scripted answers, recorded calls and
   * posts, profiling groups (the ones
   * declared on the builder are created again), stored profiles and tokens; a {@link SettableClock} goes
   * back to its initial instant. The port and configuration stay. With a
   * {@linkplain Builder#dataDirectory(java.nio.file.Path) data directory}, what it holds is deleted too:
   * a restart after a reset does not bring anything back.
   */
  public void reset() {
    faults.clear();
    scripts.clear();
    journal.clear();
    service.reset();
    if (clock instanceof SettableClock settable) {
      settable.reset();
    }
    createDeclaredGroups();
    persistGroups();
  }

  private void createDeclaredGroups() {
    for (String name : settings.declaredGroups) {
      service.createGroup(name, "Default", true, Map.of(), null, null);
    }
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
   * Configures a {@link FakeCodeGuruProfiler}. Not thread-safe; {@link #build()} copies the settings.
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
    private boolean adminApi;
    private String adminToken;
    private final Map<String, String> signingKeys = new java.util.LinkedHashMap<>();
    private int maxRecordedCalls = 100_000;
    private int maxRecordedProfilePosts = 20_000;
    private java.nio.file.Path dataDirectory;
    private final Set<String> declaredGroups = new LinkedHashSet<>();

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
      b.adminApi = adminApi;
      b.adminToken = adminToken;
      b.signingKeys.putAll(signingKeys);
      b.maxRecordedCalls = maxRecordedCalls;
      b.maxRecordedProfilePosts = maxRecordedProfilePosts;
      b.dataDirectory = dataDirectory;
      b.declaredGroups.addAll(declaredGroups);
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

    /** The address to bind; 127.0.0.1 by default. Binding beyond loopback exposes the fake to the network. */
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
        throw new IllegalArgumentException("accountId must be 12 digits, but was '" + accountId + "'");
      }
      this.accountId = accountId;
      return this;
    }

    /**
     * The clock for timestamps, bucket retention and GetProfile's "latest" ranges. By default a
     * {@link SettableClock#ticking() ticking} {@link SettableClock}: system time, which tests can still
     * advance.
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

    /** A profiling group that exists from the start and is created again by {@link #reset()}. */
    public Builder profilingGroup(String name) {
      requireValidName(name);
      declaredGroups.add(name);
      return this;
    }

    /** What ConfigureAgent answers (its {@code shouldProfile} is also false for a disabled group). */
    public Builder defaultAgentConfiguration(AgentConfiguration configuration) {
      this.agentConfiguration = Objects.requireNonNull(configuration, "configuration");
      return this;
    }

    /** What GetProfile answers for a range without data; {@link EmptyRangePolicy#NOT_FOUND} by default. */
    public Builder emptyRangePolicy(EmptyRangePolicy policy) {
      this.emptyRangePolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Size, depth and node limits for posted profiles. */
    public Builder codecLimits(CodecLimits limits) {
      this.codecLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** How many profiling groups may exist before CreateProfilingGroup answers 402; 1000 by default. */
    public Builder profilingGroupQuota(int quota) {
      if (quota < 1) {
        throw new IllegalArgumentException("profilingGroupQuota must be >= 1, but was " + quota);
      }
      this.profilingGroupQuota = quota;
      return this;
    }

    /** The number of server threads; 16 by default. */
    public Builder serverThreads(int threads) {
      if (threads < 4) {
        throw new IllegalArgumentException("serverThreads must be >= 4, but was " + threads);
      }
      this.serverThreads = threads;
      return this;
    }

    /**
     * Serves the admin API (JSON over HTTP under {@code /__fakeguru/}: groups, posted profiles,
     * aggregates, faults, scripts, the clock, reset) on the same port, for clients that cannot call this
     * Java API. Off by default; the standalone server turns it on.
     */
    public Builder adminApi(boolean enabled) {
      this.adminApi = enabled;
      return this;
    }

    /**
     * Requires admin API calls to carry {@code Authorization: Bearer <token>}; null (the default) for
     * none.
     */
    public Builder adminToken(String token) {
      this.adminToken = token;
      return this;
    }

    /**
     * Keeps profiling groups and every acknowledged profile post in {@code directory}, written before
     * the client is answered, and restores them when a fake is built on the same directory. A corrupt
     * file is reported and skipped. {@link FakeCodeGuruProfiler#reset()} deletes what the directory
     * holds (reset means forget everything).
     */
    public Builder dataDirectory(java.nio.file.Path directory) {
      this.dataDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Verifies AWS Signature Version 4 on every API call against these test credentials (call again to
     * accept several pairs), as the real service does: a request without {@code Authorization} gets 403
     * {@code MissingAuthenticationTokenException}, an unknown access key 403
     * {@code UnrecognizedClientException}, a wrong secret or a tampered request 403
     * {@code InvalidSignatureException}. Off by default: then any signature, or none, is accepted.
     */
    public Builder requireSignatures(String accessKeyId, String secretAccessKey) {
      signingKeys.put(Objects.requireNonNull(accessKeyId, "accessKeyId"), Objects.requireNonNull(secretAccessKey, "secretAccessKey"));
      return this;
    }

    /**
     * How many calls the fake remembers (100,000 by default). Beyond it the oldest are forgotten and
     * counted in {@link FakeCodeGuruProfiler#evictedCalls()}; what was aggregated stays aggregated.
     */
    public Builder maxRecordedCalls(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRecordedCalls must be >= 1, but was " + max);
      }
      this.maxRecordedCalls = max;
      return this;
    }

    /**
     * How many profile posts (raw bytes and decoded profile) the fake remembers (20,000 by default).
     * Beyond it the oldest are forgotten and counted in {@link FakeCodeGuruProfiler#evictedProfilePosts()};
     * their samples stay in the aggregates that GetProfile serves.
     */
    public Builder maxRecordedProfilePosts(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRecordedProfilePosts must be >= 1, but was " + max);
      }
      this.maxRecordedProfilePosts = max;
      return this;
    }

    /** The fake, not yet started. */
    public FakeCodeGuruProfiler build() {
      return new FakeCodeGuruProfiler(this);
    }

    /** The fake, started. */
    public FakeCodeGuruProfiler start() {
      return build().start();
    }
  }
}

package dev.fakeguru.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import dev.fakeguru.internal.RecentlyUsed;
import dev.fakeguru.internal.aggregation.AggregationPeriod;
import dev.fakeguru.internal.aggregation.PostedProfile;
import dev.fakeguru.internal.aggregation.ProfileAggregator;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.profile.ProfileFormatException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * The CodeGuru Profiler service logic: routing, validation, state and aggregation, over plain
 * {@link HttpRequest}/{@link HttpResponse} values. Thread-safe: any number of server threads may call
 * {@link #handle}. Internal.
 */
public final class CodeGuruService {

  /** The outcome of one call: where it was routed and what to answer. */
  public record Handled(Operation operation, String profilingGroup, HttpResponse response, RecordedProfilePost post) {}

  /** Fixed configuration of a service instance. */
  public record Settings(
      String region,
      String accountId,
      Clock clock,
      boolean autoCreateGroups,
      AgentConfiguration agentConfiguration,
      EmptyRangePolicy emptyRangePolicy,
      ProfileCodec codec,
      int profilingGroupQuota) {}

  static final int DEFAULT_PAGE_SIZE = 100;
  static final Duration MAX_RANGE = Duration.ofDays(7);
  private static final Set<String> COMPUTE_PLATFORMS = Set.of("Default", "AWSLambda");
  private static final Set<String> METADATA_FIELDS =
      Set.of(
          "ComputePlatform",
          "AgentId",
          "AwsRequestId",
          "ExecutionEnvironment",
          "LambdaFunctionArn",
          "LambdaMemoryLimitInMB",
          "LambdaRemainingTimeInMilliseconds",
          "LambdaTimeGapBetweenInvokesInMilliseconds",
          "LambdaPreviousExecutionTimeInMilliseconds");

  private final Settings settings;
  private final Journal journal;
  private final ProfileAggregator aggregator;
  private final ConcurrentSkipListMap<String, ProfilingGroupState> groups = new ConcurrentSkipListMap<>();
  /** Stored profile tokens per group: SDK retries resend the same token and must be stored once. */
  private final Map<String, Set<String>> profileTokens = new ConcurrentHashMap<>();
  /** Pagination tokens handed out: token to the name or instant to continue after. */
  private final Map<String, String> pageTokens = new ConcurrentHashMap<>();

  private final SecondaryOperations secondary;
  private final Scripts scripts;
  private volatile Persistence persistence = Persistence.NONE;

  public CodeGuruService(Settings settings, Journal journal, Scripts scripts) {
    this.settings = settings;
    this.journal = journal;
    this.scripts = scripts;
    this.aggregator = new ProfileAggregator(settings.clock());
    this.secondary = new SecondaryOperations(this);
  }

  /** Reports every durable change to {@code p} from now on. */
  public void setPersistence(Persistence p) {
    this.persistence = p;
  }

  /** Tells the persistence that a group changed. */
  void groupsChanged() {
    if (persistence != Persistence.NONE) {
      persistence.groupsChanged(exportGroups());
    }
  }

  /** Every group's durable state as a JSON array (for {@link Persistence}). */
  public String exportGroups() {
    ArrayNode arr = Wire.JSON.createArrayNode();
    for (ProfilingGroupState g : groups.values()) {
      synchronized (g) {
        ObjectNode o = describe(g);
        if (g.clientToken != null) {
          o.put("_clientToken", g.clientToken);
          o.put("_fingerprint", g.creationFingerprint);
        }
        if (g.policy != null) {
          o.put("_policy", g.policy);
          o.put("_policyRevisionId", g.policyRevisionId);
          ArrayNode pr = o.putArray("_principals");
          g.principals.forEach(pr::add);
        }
        ArrayNode ch = o.putArray("_channels");
        for (ProfilingGroupState.Channel c : g.channels) {
          ObjectNode co = ch.addObject();
          co.put("id", c.id());
          co.put("uri", c.uri());
          ArrayNode pubs = co.putArray("eventPublishers");
          c.eventPublishers().forEach(pubs::add);
        }
        arr.add(o);
      }
    }
    return arr.toString();
  }

  /**
   * Restores groups from {@link #exportGroups()} output, replacing any of the same name.
   *
   * @throws IllegalArgumentException if the JSON is not such an export
   */
  public void importGroups(String json) {
    JsonNode arr;
    try {
      arr = Wire.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a profiling-group export: " + e.getMessage(), e);
    }
    if (arr == null || !arr.isArray()) {
      throw new IllegalArgumentException("not a profiling-group export: expected a JSON array");
    }
    for (JsonNode o : arr) {
      String name = o.path("name").asText(null);
      if (name == null || !Params.NAME_PATTERN.matcher(name).matches()) {
        throw new IllegalArgumentException("not a profiling-group export: bad or missing name " + o.path("name"));
      }
      Map<String, String> tags = tagsField(o, "tags");
      ProfilingGroupState g =
          new ProfilingGroupState(
              name,
              arnOf(name),
              Instant.parse(o.path("createdAt").asText()),
              o.path("computePlatform").asText("Default"),
              o.path("agentOrchestrationConfig").path("profilingEnabled").asBoolean(true),
              tags,
              o.path("_clientToken").asText(null),
              o.path("_fingerprint").asText(null));
      g.updatedAt = Instant.parse(o.path("updatedAt").asText());
      JsonNode status = o.path("profilingStatus");
      if (status.has("latestAgentOrchestratedAt")) {
        g.latestAgentOrchestratedAt = Instant.parse(status.get("latestAgentOrchestratedAt").asText());
      }
      if (status.has("latestAgentProfileReportedAt")) {
        g.latestAgentProfileReportedAt = Instant.parse(status.get("latestAgentProfileReportedAt").asText());
      }
      if (o.has("_policy")) {
        g.policy = o.get("_policy").asText();
        g.policyRevisionId = o.path("_policyRevisionId").asText();
        o.path("_principals").forEach(x -> g.principals.add(x.asText()));
      }
      o.path("_channels").forEach(c -> {
        List<String> pubs = new ArrayList<>();
        c.path("eventPublishers").forEach(x -> pubs.add(x.asText()));
        g.channels.add(new ProfilingGroupState.Channel(c.path("id").asText(), c.path("uri").asText(), pubs));
      });
      groups.put(name, g);
    }
  }

  /**
   * Stores a profile read back from persistence, as if it had just been posted (no persistence call,
   * no validation of the group's existence beyond creating nothing).
   *
   * @throws RuntimeException if the body no longer decodes or would overflow the aggregates
   */
  public void restoreProfile(
      String group, String token, String contentType, String contentEncoding, byte[] body, Instant receivedAt) {
    PostedProfile profile = PostedProfile.decode(settings.codec().limits(), body, contentType, contentEncoding);
    if (token != null) {
      profileTokens.computeIfAbsent(group, k -> ConcurrentHashMap.newKeySet()).add(token);
    }
    aggregator.add(group, profile);
    ProfilingGroupState g = groups.get(group);
    if (g != null) {
      synchronized (g) {
        if (g.latestAgentProfileReportedAt == null || g.latestAgentProfileReportedAt.isBefore(receivedAt)) {
          g.latestAgentProfileReportedAt = receivedAt;
        }
      }
    }
    journal.record(
        new RecordedProfilePost(
            journal.nextSequence(),
            group,
            Optional.ofNullable(token),
            Optional.ofNullable(contentType),
            Optional.ofNullable(contentEncoding),
            body,
            settings.codec(),
            Optional.empty(),
            true,
            receivedAt));
  }

  /**
   * The encoded answers of the last few GetProfile reads, by aggregate (the aggregator returns the same
   * instance while nothing changed), format and depth: polling one range encodes it once per change.
   */
  private final RecentEncodings encodings = new RecentEncodings();

  private final class RecentEncodings {
    private static final int SIZE = 8;

    /** Compares the profile by identity: equal-but-different profiles are simply encoded again. */
    private record Key(ProfileRef profile, ProfileFormat format, int maxDepth) {}

    private record ProfileRef(Profile profile) {
      @Override
      public boolean equals(Object o) {
        return o instanceof ProfileRef r && r.profile == profile;
      }

      @Override
      public int hashCode() {
        return System.identityHashCode(profile);
      }
    }

    private final RecentlyUsed<Key, byte[]> recent = new RecentlyUsed<>(SIZE);

    /** The encoded profile; the caller must not change the array. */
    byte[] encode(Profile profile, ProfileFormat format, Optional<Integer> maxDepth) {
      Key key = new Key(new ProfileRef(profile), format, maxDepth.orElse(0));
      byte[] known = recent.get(key);
      if (known != null) {
        return known;
      }
      Profile shown = maxDepth.isPresent() ? profile.truncate(maxDepth.get()) : profile;
      byte[] bytes = settings.codec().encode(shown, format);
      recent.put(key, bytes);
      return bytes;
    }

    void clear() {
      recent.clear();
    }
  }

  public Settings settings() {
    return settings;
  }

  public ProfileAggregator aggregator() {
    return aggregator;
  }

  Instant now() {
    return settings.clock().instant();
  }

  /** Forgets every group, profile, token and recording. */
  public void reset() {
    encodings.clear();
    groups.clear();
    profileTokens.clear();
    pageTokens.clear();
    aggregator.clear();
    persistence.cleared();
  }

  // ---------------------------------------------------------------------------------------------
  // Routing

  /** Routes the request to its operation; never throws for bad input (answers with an AWS error). */
  public Handled handle(HttpRequest req, long sequence) {
    Route route = route(req);
    Call call = new Call(req, sequence);
    HttpResponse response;
    try {
      if (route.operation != Operation.POST_AGENT_PROFILE) {
        rejectOversizeBody(req); // PostAgentProfile checks it itself, so that the post is recorded
      }
      response = route.handler.apply(call);
    } catch (ServiceException e) {
      response = Wire.error(e);
    } catch (RuntimeException e) {
      response = Wire.error(500, "InternalServerException", "The fake failed unexpectedly: " + e);
    }
    return new Handled(route.operation, route.group, response, call.post);
  }

  /** Which operation and group a request names, without running it. */
  public Operation operationOf(HttpRequest req) {
    return route(req).operation;
  }

  /** The profiling group a request names, or null. */
  public String groupOf(HttpRequest req) {
    return route(req).group;
  }

  /** One call being handled; a PostAgentProfile leaves its recorded post here for the caller to publish. */
  static final class Call {
    private final HttpRequest req;
    private final long sequence;
    RecordedProfilePost post;

    Call(HttpRequest req, long sequence) {
      this.req = req;
      this.sequence = sequence;
    }

    HttpRequest req() {
      return req;
    }

    long sequence() {
      return sequence;
    }
  }

  private static void rejectOversizeBody(HttpRequest req) {
    Optional<String> limit = req.header(RawBodyJettyServer.OVERSIZE);
    if (limit.isPresent()) {
      throw ServiceException.validation(
          "The request body is larger than " + limit.get() + " bytes (the fake's maxCompressedBytes limit).");
    }
  }

  private record Route(Operation operation, String group, Function<Call, HttpResponse> handler) {}

  private Route route(HttpRequest req) {
    List<String> s = req.segments();
    String m = req.method();
    int n = s.size();
    if (n >= 1 && s.get(0).equals("profilingGroups")) {
      if (n == 1) {
        return switch (m) {
          case "POST" -> route(Operation.CREATE_PROFILING_GROUP, null, this::createProfilingGroup);
          case "GET" -> route(Operation.LIST_PROFILING_GROUPS, null, this::listProfilingGroups);
          default -> methodNotAllowed(req, "GET, POST");
        };
      }
      String g = s.get(1);
      if (n == 2) {
        return switch (m) {
          case "GET" -> route(Operation.DESCRIBE_PROFILING_GROUP, g, c -> describeProfilingGroup(g));
          case "PUT" -> route(Operation.UPDATE_PROFILING_GROUP, g, c -> updateProfilingGroup(g, c));
          case "DELETE" -> route(Operation.DELETE_PROFILING_GROUP, g, c -> deleteProfilingGroup(g));
          default -> methodNotAllowed(req, "GET, PUT, DELETE");
        };
      }
      String sub = s.get(2);
      if (n == 3) {
        switch (sub) {
          case "configureAgent":
            return m.equals("POST")
                ? route(Operation.CONFIGURE_AGENT, g, c -> configureAgent(g, c))
                : methodNotAllowed(req, "POST");
          case "agentProfile":
            return m.equals("POST")
                ? route(Operation.POST_AGENT_PROFILE, g, c -> postAgentProfile(g, c))
                : methodNotAllowed(req, "POST");
          case "profileTimes":
            return m.equals("GET")
                ? route(Operation.LIST_PROFILE_TIMES, g, c -> listProfileTimes(g, c))
                : methodNotAllowed(req, "GET");
          case "profile":
            return m.equals("GET")
                ? route(Operation.GET_PROFILE, g, c -> getProfile(g, c))
                : methodNotAllowed(req, "GET");
          case "policy":
            return m.equals("GET")
                ? route(Operation.GET_POLICY, g, c -> secondary.getPolicy(g))
                : methodNotAllowed(req, "GET");
          case "notificationConfiguration":
            return switch (m) {
              case "GET" -> route(Operation.GET_NOTIFICATION_CONFIGURATION, g, c -> secondary.getNotificationConfiguration(g));
              case "POST" -> route(Operation.ADD_NOTIFICATION_CHANNELS, g, c -> secondary.addNotificationChannels(g, c.req()));
              default -> methodNotAllowed(req, "GET, POST");
            };
          default:
            break;
        }
      }
      if (n == 4 && sub.equals("policy")) {
        String actionGroup = s.get(3);
        return switch (m) {
          case "PUT" -> route(Operation.PUT_PERMISSION, g, c -> secondary.putPermission(g, actionGroup, c.req()));
          case "DELETE" -> route(Operation.REMOVE_PERMISSION, g, c -> secondary.removePermission(g, actionGroup, c.req()));
          default -> methodNotAllowed(req, "PUT, DELETE");
        };
      }
      if (n == 4 && sub.equals("notificationConfiguration")) {
        String channelId = s.get(3);
        return m.equals("DELETE")
            ? route(Operation.REMOVE_NOTIFICATION_CHANNEL, g, c -> secondary.removeNotificationChannel(g, channelId))
            : methodNotAllowed(req, "DELETE");
      }
      if (n == 5 && sub.equals("frames") && s.get(3).equals("-") && s.get(4).equals("metrics")) {
        return m.equals("POST")
            ? route(Operation.BATCH_GET_FRAME_METRIC_DATA, g, c -> secondary.batchGetFrameMetricData(g, c.req()))
            : methodNotAllowed(req, "POST");
      }
    }
    if (n >= 1 && s.get(0).equals("internal")) {
      if (n == 2 && s.get(1).equals("findingsReports")) {
        return m.equals("GET")
            ? route(Operation.GET_FINDINGS_REPORT_ACCOUNT_SUMMARY, null, c -> secondary.findingsReportAccountSummary(c.req()))
            : methodNotAllowed(req, "GET");
      }
      if (n >= 4 && s.get(1).equals("profilingGroups")) {
        String g = s.get(2);
        if (n == 4 && s.get(3).equals("recommendations")) {
          return m.equals("GET")
              ? route(Operation.GET_RECOMMENDATIONS, g, c -> secondary.getRecommendations(g, c.req()))
              : methodNotAllowed(req, "GET");
        }
        if (n == 4 && s.get(3).equals("findingsReports")) {
          return m.equals("GET")
              ? route(Operation.LIST_FINDINGS_REPORTS, g, c -> secondary.listFindingsReports(g, c.req()))
              : methodNotAllowed(req, "GET");
        }
        if (n == 6 && s.get(3).equals("anomalies") && s.get(5).equals("feedback")) {
          String anomaly = s.get(4);
          return m.equals("POST")
              ? route(Operation.SUBMIT_FEEDBACK, g, c -> secondary.submitFeedback(g, anomaly, c.req()))
              : methodNotAllowed(req, "POST");
        }
      }
    }
    if (n >= 2 && s.get(0).equals("tags")) {
      // An ARN holds slashes: clients encode them as %2F, but accept them unencoded too.
      String arn = String.join("/", s.subList(1, n));
      String g = groupNameFromArn(arn);
      return switch (m) {
        case "GET" -> route(Operation.LIST_TAGS_FOR_RESOURCE, g, c -> secondary.listTags(arn));
        case "POST" -> route(Operation.TAG_RESOURCE, g, c -> secondary.tagResource(arn, c.req()));
        case "DELETE" -> route(Operation.UNTAG_RESOURCE, g, c -> secondary.untagResource(arn, c.req()));
        default -> methodNotAllowed(req, "GET, POST, DELETE");
      };
    }
    return new Route(
        Operation.UNKNOWN,
        null,
        c -> {
          throw new ServiceException(
              404,
              "UnknownOperationException",
              "No CodeGuru Profiler operation matches " + req.method() + " " + req.rawPath());
        });
  }

  private static Route route(Operation op, String group, Function<Call, HttpResponse> handler) {
    return new Route(op, group, handler);
  }

  private static Route methodNotAllowed(HttpRequest req, String allowed) {
    return new Route(
        Operation.UNKNOWN,
        null,
        c -> {
          throw new ServiceException(
              405,
              "MethodNotAllowedException",
              req.method() + " is not allowed on " + req.rawPath() + "; allowed: " + allowed);
        });
  }

  static String groupNameFromArn(String arn) {
    int i = arn.lastIndexOf(":profilingGroup/");
    return i < 0 ? null : arn.substring(i + ":profilingGroup/".length());
  }

  // ---------------------------------------------------------------------------------------------
  // Profiling groups

  String arnOf(String name) {
    return "arn:aws:codeguru-profiler:"
        + settings.region()
        + ":"
        + settings.accountId()
        + ":profilingGroup/"
        + name;
  }

  /** The group, validated and existing; auto-created when configured. */
  ProfilingGroupState requireGroup(String name) {
    Params.profilingGroupName("profilingGroupName", name);
    ProfilingGroupState g = groups.get(name);
    if (g == null && settings.autoCreateGroups()) {
      g = createGroup(name, "Default", true, Map.of(), null, null);
      groupsChanged();
    }
    if (g == null) {
      throw ServiceException.groupNotFound(name);
    }
    return g;
  }

  /** Creates a group directly (for tests and auto-creation); returns the existing one if present. */
  public ProfilingGroupState createGroup(
      String name,
      String computePlatform,
      boolean profilingEnabled,
      Map<String, String> tags,
      String clientToken,
      String fingerprint) {
    return groups.computeIfAbsent(
        name,
        k ->
            new ProfilingGroupState(
                name, arnOf(name), now(), computePlatform, profilingEnabled, tags, clientToken, fingerprint));
  }

  public boolean deleteGroup(String name) {
    ProfilingGroupState removed = groups.remove(name);
    if (removed != null) {
      aggregator.dropGroup(name);
      profileTokens.remove(name);
    }
    return removed != null;
  }

  public List<String> groupNames() {
    return List.copyOf(groups.keySet());
  }

  ObjectNode describe(ProfilingGroupState g) {
    Instant latest = aggregator.latestBucketStart(g.name, AggregationPeriod.PT5M).orElse(null);
    return g.describe(latest);
  }

  private HttpResponse createProfilingGroup(Call c) {
    HttpRequest req = c.req();
    String clientToken = Params.token("clientToken", req.queryParam("clientToken").orElse(null));
    JsonNode body = Wire.parseBody(req.body());
    String name = Params.profilingGroupName("profilingGroupName", Params.textField(body, "profilingGroupName"));
    String platform = Params.textField(body, "computePlatform");
    platform = platform == null ? "Default" : Params.oneOf("computePlatform", platform, COMPUTE_PLATFORMS);
    boolean enabled = true;
    JsonNode orchestration = body.get("agentOrchestrationConfig");
    if (orchestration != null && !orchestration.isNull()) {
      if (!orchestration.isObject()) {
        throw ServiceException.invalidMember(
            "agentOrchestrationConfig", orchestration.toString(), "Member must be a structure");
      }
      enabled = Params.booleanField(orchestration, "profilingEnabled", "agentOrchestrationConfig.profilingEnabled");
    }
    Map<String, String> tags = tagsField(body, "tags");
    String fingerprint = name + "|" + platform + "|" + enabled + "|" + tags;

    ProfilingGroupState existing = groups.get(name);
    if (existing != null) {
      if (clientToken.equals(existing.clientToken) && fingerprint.equals(existing.creationFingerprint)) {
        return Wire.json(201, describe(existing)); // an SDK retry of the same create
      }
      throw ServiceException.conflict("Profiling group '" + name + "' already exists.");
    }
    if (groups.size() >= settings.profilingGroupQuota()) {
      throw ServiceException.quotaExceeded(
          "You have reached the quota of " + settings.profilingGroupQuota() + " profiling groups.");
    }
    String platformFinal = platform;
    boolean enabledFinal = enabled;
    ProfilingGroupState[] created = new ProfilingGroupState[1];
    ProfilingGroupState g =
        groups.computeIfAbsent(
            name,
            k ->
                created[0] =
                    new ProfilingGroupState(
                        name, arnOf(name), now(), platformFinal, enabledFinal, tags, clientToken, fingerprint));
    if (created[0] == null && !(clientToken.equals(g.clientToken) && fingerprint.equals(g.creationFingerprint))) {
      throw ServiceException.conflict("Profiling group '" + name + "' already exists.");
    }
    groupsChanged();
    return Wire.json(201, describe(g));
  }

  static Map<String, String> tagsField(JsonNode body, String member) {
    JsonNode n = body.get(member);
    Map<String, String> tags = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return tags;
    }
    if (!n.isObject()) {
      throw ServiceException.invalidMember(member, n.toString(), "Member must be a map of strings");
    }
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw ServiceException.invalidMember(
            member + "." + e.getKey(), e.getValue().toString(), "Member must be a string");
      }
      tags.put(e.getKey(), e.getValue().asText());
    }
    return tags;
  }

  private HttpResponse describeProfilingGroup(String name) {
    return Wire.json(200, describe(requireGroup(name)));
  }

  private HttpResponse updateProfilingGroup(String name, Call c) {
    JsonNode body = Wire.parseBody(c.req().body());
    ProfilingGroupState g = requireGroup(name);
    JsonNode orchestration = Params.requiredField(body, "agentOrchestrationConfig");
    if (!orchestration.isObject()) {
      throw ServiceException.invalidMember(
          "agentOrchestrationConfig", orchestration.toString(), "Member must be a structure");
    }
    boolean enabled =
        Params.booleanField(orchestration, "profilingEnabled", "agentOrchestrationConfig.profilingEnabled");
    synchronized (g) {
      g.profilingEnabled = enabled;
      g.updatedAt = now();
    }
    groupsChanged();
    return Wire.json(200, describe(g));
  }

  private HttpResponse deleteProfilingGroup(String name) {
    Params.profilingGroupName("profilingGroupName", name);
    if (!deleteGroup(name)) {
      throw ServiceException.groupNotFound(name);
    }
    groupsChanged();
    return Wire.noContent();
  }

  private HttpResponse listProfilingGroups(Call c) {
    HttpRequest req = c.req();
    boolean includeDescription =
        req.queryParam("includeDescription").map(v -> Params.bool("includeDescription", v)).orElse(false);
    int max = Params.optionalInt(req, "maxResults", 1, 1000).orElse(DEFAULT_PAGE_SIZE);
    String after = req.queryParam("nextToken").map(t -> resolvePageToken("nextToken", t)).orElse(null);
    List<ProfilingGroupState> page = new ArrayList<>();
    Iterator<ProfilingGroupState> it =
        (after == null ? groups : groups.tailMap(after, false)).values().iterator();
    while (it.hasNext() && page.size() < max) {
      page.add(it.next());
    }
    ObjectNode out = Wire.object();
    ArrayNode names = out.putArray("profilingGroupNames");
    page.forEach(g -> names.add(g.name));
    if (includeDescription) {
      ArrayNode descriptions = out.putArray("profilingGroups");
      page.forEach(g -> descriptions.add(describe(g)));
    }
    if (it.hasNext()) {
      out.put("nextToken", newPageToken(page.get(page.size() - 1).name));
    }
    return Wire.json(200, out);
  }

  String newPageToken(String continueAfter) {
    String token = UUID.randomUUID().toString();
    pageTokens.put(token, continueAfter);
    return token;
  }

  String resolvePageToken(String member, String token) {
    Params.token(member, token);
    String after = pageTokens.get(token);
    if (after == null) {
      throw ServiceException.invalidMember(member, token, "Member must be a token returned by an earlier call");
    }
    return after;
  }

  // ---------------------------------------------------------------------------------------------
  // Agents

  private HttpResponse configureAgent(String name, Call c) {
    JsonNode body = Wire.parseBody(c.req().body());
    String fleetInstanceId = Params.textField(body, "fleetInstanceId");
    if (fleetInstanceId != null) {
      Params.lengthAndPattern("fleetInstanceId", fleetInstanceId, 1, 255, null);
    }
    JsonNode metadata = body.get("metadata");
    if (metadata != null && !metadata.isNull()) {
      if (!metadata.isObject()) {
        throw ServiceException.invalidMember("metadata", metadata.toString(), "Member must be a map");
      }
      Iterator<Map.Entry<String, JsonNode>> it = metadata.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        Params.oneOf("metadata key", e.getKey(), new java.util.TreeSet<>(METADATA_FIELDS));
        if (!e.getValue().isTextual()) {
          throw ServiceException.invalidMember(
              "metadata." + e.getKey(), e.getValue().toString(), "Member must be a string");
        }
      }
    }
    Params.profilingGroupName("profilingGroupName", name);
    Optional<AgentConfiguration> scripted = scripts.nextConfiguration(name);
    if (scripted.isPresent()) {
      ProfilingGroupState existing = groups.get(name);
      if (existing != null) {
        synchronized (existing) {
          existing.latestAgentOrchestratedAt = now();
        }
      }
      return Wire.json(200, agentConfigurationJson(scripted.get(), true));
    }
    ProfilingGroupState g = requireGroup(name);
    boolean enabled;
    synchronized (g) {
      g.latestAgentOrchestratedAt = now();
      enabled = g.profilingEnabled;
    }
    AgentConfiguration config = settings.agentConfiguration();
    return Wire.json(200, agentConfigurationJson(config, enabled));
  }

  static ObjectNode agentConfigurationJson(AgentConfiguration config, boolean groupEnabled) {
    ObjectNode out = Wire.object();
    out.put("shouldProfile", config.shouldProfile() && groupEnabled);
    out.put("periodInSeconds", config.periodInSeconds());
    ObjectNode params = out.putObject("agentParameters");
    config.agentParameters().forEach(params::put);
    return out;
  }

  private HttpResponse postAgentProfile(String name, Call c) {
    HttpRequest req = c.req();
    Optional<String> token = req.queryParam("profileToken");
    Optional<String> contentType = req.header("content-type");
    Optional<String> contentEncoding = req.header("content-encoding");
    PostedProfile profile = null;
    String failure = null;
    boolean stored = false;
    try {
      rejectOversizeBody(req);
      token.ifPresent(t -> Params.token("profileToken", t));
      ProfilingGroupState g = requireGroup(name);
      String type =
          contentType
              .map(t -> t.toLowerCase(Locale.ROOT).split(";")[0].trim())
              .orElseThrow(() -> ServiceException.invalidMember("contentType", null, "Member must not be null"));
      if (!type.equals("application/json") && !type.equals("application/x-amzn-ion")) {
        throw ServiceException.invalidMember(
            "contentType",
            contentType.get(),
            "Member must be application/json or application/x-amzn-ion");
      }
      if (req.body().length == 0) {
        throw ServiceException.invalidMember("agentProfile", null, "Member must not be empty");
      }
      try {
        profile = PostedProfile.decode(settings.codec().limits(), req.body(), contentType.get(), contentEncoding.orElse(null));
      } catch (ProfileFormatException e) {
        throw ServiceException.validation("Invalid agentProfile: " + e.getMessage());
      }
      Set<String> tokens = profileTokens.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet());
      if (token.isEmpty() || tokens.add(token.get())) {
        try {
          try {
            persistence.profileStored(
                name, token.orElse(null), contentType.get(), contentEncoding.orElse(null), req.body(), now());
          } catch (RuntimeException e) {
            token.ifPresent(tokens::remove); // not stored: the SDK's retry must be able to store it
            throw new ServiceException(500, "InternalServerException", "The fake could not persist the profile: " + e.getMessage());
          }
          aggregator.add(name, profile);
          stored = true;
        } catch (ArithmeticException e) {
          token.ifPresent(tokens::remove);
          throw ServiceException.validation(
              "Invalid agentProfile: adding it to the aggregated profile overflows a count: " + e.getMessage());
        }
      }
      synchronized (g) {
        g.latestAgentProfileReportedAt = now();
      }
      return Wire.noContent();
    } catch (ServiceException e) {
      failure = e.getMessage();
      throw e;
    } finally {
      c.post =
          new RecordedProfilePost(
              c.sequence(),
              name,
              token,
              contentType,
              contentEncoding,
              req.body(),
              profile == null ? null : settings.codec(),
              Optional.ofNullable(profile == null ? failure : null),
              stored,
              now());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading aggregated profiles

  private HttpResponse listProfileTimes(String name, Call c) {
    HttpRequest req = c.req();
    Instant start = Params.timestamp("startTime", req.queryParam("startTime").orElse(null));
    Instant end = Params.timestamp("endTime", req.queryParam("endTime").orElse(null));
    String periodWire =
        Params.oneOf(
            "period", req.queryParam("period").orElse(null), List.of("PT5M", "PT1H", "P1D"));
    AggregationPeriod period = AggregationPeriod.fromWire(periodWire).orElseThrow();
    String orderBy =
        Params.oneOf(
            "orderBy",
            req.queryParam("orderBy").orElse("TimestampDescending"),
            List.of("TimestampDescending", "TimestampAscending"));
    int max = Params.optionalInt(req, "maxResults", 1, 1000).orElse(DEFAULT_PAGE_SIZE);
    String after = req.queryParam("nextToken").map(t -> resolvePageToken("nextToken", t)).orElse(null);
    if (!start.isBefore(end)) {
      throw ServiceException.validation("startTime must be before endTime (startTime " + Wire.timestamp(start) + ", endTime " + Wire.timestamp(end) + ")");
    }
    requireGroup(name);
    List<Instant> times = new ArrayList<>(aggregator.profileTimes(name, period, start, end));
    boolean descending = orderBy.equals("TimestampDescending");
    if (descending) {
      java.util.Collections.reverse(times);
    }
    if (after != null) {
      Instant afterInstant = Instant.parse(after);
      times.removeIf(t -> descending ? !t.isBefore(afterInstant) : !t.isAfter(afterInstant));
    }
    ObjectNode out = Wire.object();
    ArrayNode arr = out.putArray("profileTimes");
    List<Instant> page = times.subList(0, Math.min(max, times.size()));
    page.forEach(t -> arr.addObject().put("start", Wire.timestamp(t)));
    if (times.size() > max) {
      out.put("nextToken", newPageToken(page.get(page.size() - 1).toString()));
    }
    return Wire.json(200, out);
  }

  private HttpResponse getProfile(String name, Call c) {
    HttpRequest req = c.req();
    Optional<Instant> start = Params.optionalTimestamp(req, "startTime");
    Optional<Instant> end = Params.optionalTimestamp(req, "endTime");
    Optional<Duration> period = req.queryParam("period").map(p -> Params.duration("period", p));
    Optional<Integer> maxDepth = Params.optionalInt(req, "maxDepth", 1, 10000);
    ProfileFormat format = negotiate(req.header("accept").orElse(null));
    int given = (start.isPresent() ? 1 : 0) + (end.isPresent() ? 1 : 0) + (period.isPresent() ? 1 : 0);
    if (given == 0) {
      throw ServiceException.validation(
          "Specify the time range with one or two of startTime, endTime and period; none was given.");
    }
    if (given == 3) {
      throw ServiceException.validation(
          "Specify the time range with one or two of startTime, endTime and period, not all three.");
    }
    if (given == 1 && period.isEmpty()) {
      throw ServiceException.validation(
          (start.isPresent() ? "startTime" : "endTime")
              + " requires exactly one of period and "
              + (start.isPresent() ? "endTime" : "startTime")
              + ".");
    }
    if (period.isPresent() && period.get().compareTo(MAX_RANGE) > 0) {
      throw ServiceException.invalidMember(
          "period", req.queryParam("period").get(), "Member must be at most 7 days (P7D)");
    }
    Instant from;
    Instant to;
    Optional<AggregationPeriod> latestOf = Optional.empty();
    if (given == 1) {
      to = now();
      from = to.minus(period.get());
      latestOf = exactPeriod(period.get());
    } else {
      from = start.orElseGet(() -> end.get().minus(period.get()));
      to = end.orElseGet(() -> start.get().plus(period.get()));
      if (!Wire.inTimestampRange(from) || !Wire.inTimestampRange(to)) {
        throw ServiceException.validation(
            (start.isPresent() ? "startTime plus period" : "endTime minus period")
                + " is outside the range of timestamps the service accepts (years 0001 to 9999).");
      }
      if (!from.isBefore(to)) {
        throw ServiceException.validation(
            "startTime must be before endTime (startTime " + Wire.timestamp(from) + ", endTime " + Wire.timestamp(to) + ")");
      }
      if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
        throw ServiceException.validation(
            "The time range may be at most 7 days, but was " + Duration.between(from, to) + ".");
      }
    }
    Params.profilingGroupName("profilingGroupName", name);
    Optional<ScriptedProfileResponse> scripted = scripts.nextProfile(name, from, to);
    if (scripted.isPresent()) {
      return render(scripted.get(), format, maxDepth);
    }
    ProfilingGroupState g = requireGroup(name);
    Optional<Profile> result =
        latestOf.isPresent() ? aggregator.latest(g.name, latestOf.get()) : aggregator.aggregate(g.name, from, to);
    Profile profile;
    if (result.isPresent()) {
      profile = result.get();
    } else if (settings.emptyRangePolicy() == EmptyRangePolicy.EMPTY_PROFILE) {
      profile = Profile.builder().start(from).end(to).build();
    } else {
      throw ServiceException.notFound(
          "No aggregated profile of profiling group '"
              + name
              + "' covers "
              + Wire.timestamp(from)
              + " to "
              + Wire.timestamp(to)
              + ".");
    }
    byte[] bytes = encodings.encode(profile, format, maxDepth);
    Map<String, String> headers = Wire.baseHeaders();
    headers.put("Content-Type", format.contentType());
    return new HttpResponse(200, headers, bytes);
  }

  private HttpResponse render(ScriptedProfileResponse s, ProfileFormat negotiated, Optional<Integer> maxDepth) {
    byte[] body;
    String contentType;
    if (s.profile().isPresent()) {
      Profile p = s.profile().get();
      if (maxDepth.isPresent()) {
        p = p.truncate(maxDepth.get());
      }
      ProfileFormat f = s.format().orElse(negotiated);
      body = settings.codec().encode(p, f);
      contentType = f.contentType();
    } else {
      body = s.bytes().orElseThrow();
      contentType = s.contentType().orElseThrow();
    }
    Map<String, String> headers = Wire.baseHeaders();
    headers.put("Content-Type", contentType);
    if (s.isGzipped()) {
      body = gzip(body);
      headers.put("Content-Encoding", "gzip");
    }
    return new HttpResponse(200, headers, body);
  }

  private static byte[] gzip(byte[] data) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(data);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The record of a post that a fault stopped before it took effect (decoded for inspection, not stored). */
  RecordedProfilePost unstoredPost(String group, HttpRequest req, long sequence) {
    PostedProfile profile = null;
    String failure = null;
    try {
      profile =
          PostedProfile.decode(settings.codec().limits(), req.body(), req.header("content-type").orElse(null), req.header("content-encoding").orElse(null));
    } catch (RuntimeException e) {
      failure = e.getMessage();
    }
    return new RecordedProfilePost(
        sequence,
        group,
        req.queryParam("profileToken"),
        req.header("content-type"),
        req.header("content-encoding"),
        req.body(),
        profile == null ? null : settings.codec(),
        Optional.ofNullable(failure),
        false,
        now());
  }

  static Optional<AggregationPeriod> exactPeriod(Duration d) {
    for (AggregationPeriod p : AggregationPeriod.values()) {
      if (p.duration().equals(d)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** JSON or Ion from Accept; absent or a wildcard means Ion, the service's default. */
  static ProfileFormat negotiate(String accept) {
    if (accept == null || accept.isBlank()) {
      return ProfileFormat.ION_BINARY;
    }
    for (String part : accept.split(",")) {
      String type = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
      switch (type) {
        case "application/json":
          return ProfileFormat.JSON;
        case "application/x-amzn-ion":
        case "*/*":
        case "application/*":
          return ProfileFormat.ION_BINARY;
        default:
          break;
      }
    }
    throw ServiceException.invalidMember(
        "accept", accept, "Member must be application/json or application/x-amzn-ion");
  }

  // Accessors for SecondaryOperations.

  ProfilingGroupState groupByArn(String arn) {
    String name = groupNameFromArn(arn);
    ProfilingGroupState g = name == null ? null : groups.get(name);
    if (g == null || !g.arn.equals(arn)) {
      throw ServiceException.notFound("No profiling group has the ARN '" + Params.abbreviate(arn) + "'.");
    }
    return g;
  }
}

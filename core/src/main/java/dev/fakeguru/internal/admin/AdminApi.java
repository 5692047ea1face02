package dev.fakeguru.internal.admin;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import dev.fakeguru.time.SettableClock;
import dev.fakeguru.internal.server.HttpRequest;
import dev.fakeguru.internal.server.HttpResponse;
import dev.fakeguru.internal.server.Wire;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.profile.ProfileFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The admin API: JSON over HTTP under {@code /__fakeguru/} for clients that cannot call the Java API
 * (agents and tests in other languages, the standalone server). It speaks the same vocabulary as
 * {@link FakeCodeGuruProfiler}: profiling groups, recorded posts and calls, aggregated profiles, fault
 * rules, scripted answers, the clock and reset. Admin calls are not recorded as API calls. Internal;
 * this table is its HTTP contract.
 *
 * <table>
 *   <caption>Endpoints (paths relative to {@code /__fakeguru/})</caption>
 *   <tr><th>Method and path</th><th>Request</th><th>Answer</th></tr>
 *   <tr><td>GET {@code status}</td><td></td><td>200 {@code {"region","accountId","now",
 *       "profilingGroups":[names],"calls":n,"posts":n,"dataDirectoryProblems":[...]}}</td></tr>
 *   <tr><td>GET {@code profiling-groups}</td><td></td><td>200 {@code {"names":[...],
 *       "profilingGroups":[DescribeProfilingGroup objects]}}</td></tr>
 *   <tr><td>POST {@code profiling-groups}</td><td>{@code {"name":"my-app","profilingEnabled":true}}
 *       (profilingEnabled optional, true)</td><td>201 the description; 409 if it exists</td></tr>
 *   <tr><td>GET {@code profiling-groups/{name}}</td><td></td><td>200 the description; 404</td></tr>
 *   <tr><td>DELETE {@code profiling-groups/{name}}</td><td></td><td>204; 404 if none</td></tr>
 *   <tr><td>GET {@code posts?group=&afterSequence=}</td><td>both optional</td><td>200 {@code {"posts":[
 *       {"sequence","group","token","contentType","contentEncoding","size","stored","decoded",
 *       "decodeFailure","receivedAt"}]}}</td></tr>
 *   <tr><td>GET {@code posts/{sequence}}</td><td></td><td>200 one post's metadata; 404</td></tr>
 *   <tr><td>GET {@code posts/{sequence}/raw}</td><td></td><td>200 the exact bytes, with the post's
 *       {@code Content-Type}; its content encoding is in {@code X-FakeGuru-Content-Encoding} (not
 *       {@code Content-Encoding}, so no client unzips it behind your back)</td></tr>
 *   <tr><td>GET {@code posts/{sequence}/profile}</td><td></td><td>200 the decoded profile as agent-format
 *       JSON; 422 if the body did not decode</td></tr>
 *   <tr><td>GET {@code calls?operation=&group=&afterSequence=}</td><td>all optional; operation is an API
 *       name</td><td>200 {@code {"calls":[{"sequence","operation","group","method","path","status",
 *       "errorType","faultInjected","receivedAt"}]}}</td></tr>
 *   <tr><td>GET {@code aggregated-profile?group=&start=&end=}</td><td>ISO-8601 instants</td><td>200
 *       agent-format JSON; 404 when no data overlaps</td></tr>
 *   <tr><td>POST {@code faults}</td><td>{@code {"fault":{"type":...,"message","status","errorType",
 *       "delayMillis","minDelayMillis","maxDelayMillis"},"operations":["PostAgentProfile"],
 *       "profilingGroup","nextCalls","afterSuccesses","everyNthCall","probability","seed",
 *       "timing":"beforeEffect"|"afterEffect"}}</td><td>201 {@code {"id":1,"description":...}}</td></tr>
 *   <tr><td>GET {@code faults}</td><td></td><td>200 {@code {"faults":[{"id","description","fault",
 *       ...,"timesApplied","timesTargeted"}]}} (the active rules)</td></tr>
 *   <tr><td>DELETE {@code faults}, DELETE {@code faults/{id}}</td><td></td><td>204; 404 for an unknown
 *       or spent id</td></tr>
 *   <tr><td>POST {@code scripts/get-profile}</td><td>{@code {"group"?,"profile":{agent JSON}}} or
 *       {@code {"group"?,"bodyBase64","contentType"}}, plus {@code "format":"json"|"ionText"|"ionBinary"}
 *       (with profile) and {@code "gzip":true}. Queued (first in, first out; the group's own answers
 *       first) unless {@code "start"} and {@code "end"} (ISO-8601) make it the answer to every call for
 *       exactly that range, or {@code "fallback":true} makes it the answer whenever nothing else applies
 *       (the Java API's enqueueGetProfile, answerGetProfile and getProfileFallback)</td>
 *       <td>201 {@code {"description"}}</td></tr>
 *   <tr><td>POST {@code scripts/configure-agent}</td><td>{@code {"group"?,"shouldProfile",
 *       "periodInSeconds","agentParameters":{...}}}; omitted fields take the default configuration's
 *       values</td><td>201 {@code {"description"}}</td></tr>
 *   <tr><td>GET {@code scripts}</td><td></td><td>200 {@code {"unconsumed":[descriptions]}}: the queued
 *       answers never served. There is no DELETE: {@code reset} clears every script</td></tr>
 *   <tr><td>GET {@code clock}</td><td></td><td>200 {@code {"now":ISO,"settable":true}}</td></tr>
 *   <tr><td>PUT {@code clock}</td><td>{@code {"now":"2024-01-02T03:00:00Z"}}</td><td>200
 *       {@code {"now"}}; 409 if the clock is not a {@link SettableClock}</td></tr>
 *   <tr><td>POST {@code clock/advance}</td><td>{@code {"by":"PT16D"}} (ISO-8601 duration, may be
 *       negative)</td><td>200 {@code {"now"}}; 409 if not settable</td></tr>
 *   <tr><td>POST {@code reset}</td><td></td><td>204: {@link FakeCodeGuruProfiler#reset()}</td></tr>
 * </table>
 *
 * <p>Requests carrying an {@code Origin} header are refused with 403: browsers send it, and a form on
 * any web page can POST to a local port, so this keeps web pages from resetting or steering the fake
 * (the fake serves no pages of its own; SDKs, agents and curl send no {@code Origin}). Errors are {@code {"message":"..."}}: 400 for a bad request (the message names the field and the
 * problem; unknown fields are refused, so typos do not pass silently), 401 without the right
 * {@code Authorization: Bearer <token>} when the fake has an {@linkplain FakeCodeGuruProfiler#adminToken()
 * admin token}, 404 for an unknown path or resource, 405 (with {@code Allow}) for a wrong method, 409
 * for a conflict with the fake's state, 413 for a body over the size limit, 422 for a post whose profile
 * did not decode. Bad input never causes a 500.
 *
 * <p>Thread-safe: server threads call {@link #handle} concurrently.
 *
 * <pre>
 * curl -s -X POST localhost:8080/__fakeguru/faults \
 *   -d '{"fault":{"type":"throttling"},"operations":["PostAgentProfile"],"nextCalls":2}'
 * </pre>
 */
public final class AdminApi {
  /** The path prefix of every admin endpoint. */
  public static final String PREFIX = "/__fakeguru/";

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The header the server adds when it dropped a body over the size limit. */
  private static final String OVER_LIMIT = "X-FakeGuru-Body-Over-Limit";

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build());
  }

  private final FakeCodeGuruProfiler fake;
  private final Supplier<String> groupsExport;
  private final Supplier<List<String>> persistenceProblems;
  private final Object faultLock = new Object();
  private final Map<Long, InjectedFault> faultsById = new LinkedHashMap<>();
  private long nextFaultId = 1;

  /**
   * An admin API for {@code fake}.
   *
   * @param groupsExport the service's group export ({@code CodeGuruService#exportGroups()})
   * @param persistenceProblems what the data directory reported (empty without one)
   */
  public AdminApi(
      FakeCodeGuruProfiler fake, Supplier<String> groupsExport, Supplier<List<String>> persistenceProblems) {
    this.fake = fake;
    this.groupsExport = groupsExport;
    this.persistenceProblems = persistenceProblems;
  }

  /** Answers one admin request (its path starts with {@link #PREFIX}); never throws. */
  public HttpResponse handle(HttpRequest request) {
    try {
      Optional<String> origin = request.header("origin");
      if (origin.isPresent()) {
        return error(
            403,
            "Admin requests from web pages (Origin " + abbreviate(origin.get()) + ") are refused; the admin API"
                + " is for programs, which send no Origin header.");
      }
      Optional<String> token = fake.adminToken();
      if (token.isPresent() && !authorized(request, token.get())) {
        return error(401, "This admin API requires the header 'Authorization: Bearer <token>' with the admin token.")
            .withHeader("WWW-Authenticate", "Bearer realm=\"fakeguru\"");
      }
      Optional<String> over = request.header(OVER_LIMIT);
      if (over.isPresent()) {
        return error(413, "The request body is larger than " + over.get() + " bytes (the fake's maxCompressedBytes limit).");
      }
      return route(request);
    } catch (BadRequest e) {
      return error(e.status, e.getMessage());
    } catch (IllegalArgumentException | DateTimeException | ProfileFormatException e) {
      return error(400, e.getMessage());
    } catch (RuntimeException e) {
      return error(500, "The admin API failed unexpectedly: " + e);
    }
  }

  private static boolean authorized(HttpRequest req, String token) {
    String header = req.header("authorization").orElse("");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------------------------------------
  // Routing

  private HttpResponse route(HttpRequest req) {
    List<String> s = req.segments().subList(1, req.segments().size());
    String m = req.method();
    int n = s.size();
    String first = n == 0 ? "" : s.get(0);
    switch (first) {
      case "status":
        if (n == 1) {
          return only(m, "GET", () -> status());
        }
        break;
      case "profiling-groups":
        if (n == 1) {
          return switch (m) {
            case "GET" -> listGroups();
            case "POST" -> createGroup(req);
            default -> methodNotAllowed(m, "GET, POST");
          };
        }
        if (n == 2) {
          String name = s.get(1);
          return switch (m) {
            case "GET" -> describeGroup(name);
            case "DELETE" -> deleteGroup(name);
            default -> methodNotAllowed(m, "GET, DELETE");
          };
        }
        break;
      case "posts":
        if (n == 1) {
          return only(m, "GET", () -> listPosts(req));
        }
        if (n == 2) {
          return only(m, "GET", () -> json(200, postJson(post(s.get(1)))));
        }
        if (n == 3 && s.get(2).equals("raw")) {
          return only(m, "GET", () -> rawPost(post(s.get(1))));
        }
        if (n == 3 && s.get(2).equals("profile")) {
          return only(m, "GET", () -> decodedPost(post(s.get(1))));
        }
        break;
      case "calls":
        if (n == 1) {
          return only(m, "GET", () -> listCalls(req));
        }
        break;
      case "aggregated-profile":
        if (n == 1) {
          return only(m, "GET", () -> aggregatedProfile(req));
        }
        break;
      case "faults":
        if (n == 1) {
          return switch (m) {
            case "GET" -> listFaults();
            case "POST" -> injectFault(req);
            case "DELETE" -> clearFaults();
            default -> methodNotAllowed(m, "GET, POST, DELETE");
          };
        }
        if (n == 2) {
          return only(m, "DELETE", () -> removeFault(s.get(1)));
        }
        break;
      case "scripts":
        if (n == 1) {
          return only(m, "GET", this::listScripts);
        }
        if (n == 2 && s.get(1).equals("get-profile")) {
          return only(m, "POST", () -> scriptGetProfile(req));
        }
        if (n == 2 && s.get(1).equals("configure-agent")) {
          return only(m, "POST", () -> scriptConfigureAgent(req));
        }
        break;
      case "clock":
        if (n == 1) {
          return switch (m) {
            case "GET" -> clock();
            case "PUT" -> setClock(req);
            default -> methodNotAllowed(m, "GET, PUT");
          };
        }
        if (n == 2 && s.get(1).equals("advance")) {
          return only(m, "POST", () -> advanceClock(req));
        }
        break;
      case "reset":
        if (n == 1) {
          return only(m, "POST", this::reset);
        }
        break;
      default:
        break;
    }
    return error(
        404,
        "No admin operation matches "
            + m
            + " "
            + req.rawPath()
            + "; see the endpoints: status, profiling-groups, posts, calls, aggregated-profile, faults,"
            + " scripts, clock, reset (all under "
            + PREFIX
            + ").");
  }

  private static HttpResponse only(String method, String allowed, Supplier<HttpResponse> handler) {
    return method.equals(allowed) ? handler.get() : methodNotAllowed(method, allowed);
  }

  private static HttpResponse methodNotAllowed(String method, String allowed) {
    return error(405, method + " is not allowed here; allowed: " + allowed + ".").withHeader("Allow", allowed);
  }

  // ---------------------------------------------------------------------------------------------
  // Status and profiling groups

  private HttpResponse status() {
    ObjectNode o = JSON.createObjectNode();
    o.put("region", fake.region());
    o.put("accountId", fake.accountId());
    o.put("now", fake.clock().instant().toString());
    ArrayNode names = o.putArray("profilingGroups");
    fake.profilingGroupNames().forEach(names::add);
    o.put("calls", fake.recordedCalls().size());
    o.put("posts", fake.profilePosts().size());
    ArrayNode problems = o.putArray("dataDirectoryProblems");
    persistenceProblems.get().forEach(problems::add);
    return json(200, o);
  }

  /** The groups as DescribeProfilingGroup describes them, without the export's internal fields. */
  private Map<String, ObjectNode> groupDescriptions() {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (JsonNode g : readJson(groupsExport.get())) {
      ObjectNode o = (ObjectNode) g.deepCopy();
      List<String> internal = new ArrayList<>();
      o.fieldNames().forEachRemaining(f -> {
        if (f.startsWith("_")) {
          internal.add(f);
        }
      });
      o.remove(internal);
      out.put(o.path("name").asText(), o);
    }
    return out;
  }

  private HttpResponse listGroups() {
    Map<String, ObjectNode> groups = groupDescriptions();
    ObjectNode o = JSON.createObjectNode();
    ArrayNode names = o.putArray("names");
    groups.keySet().forEach(names::add);
    ArrayNode arr = o.putArray("profilingGroups");
    groups.values().forEach(arr::add);
    return json(200, o);
  }

  private HttpResponse describeGroup(String name) {
    ObjectNode g = groupDescriptions().get(name);
    if (g == null) {
      throw new BadRequest(404, "No profiling group is named '" + name + "'.");
    }
    return json(200, g);
  }

  private HttpResponse createGroup(HttpRequest req) {
    JsonNode body = body(req);
    allowOnly(body, "", Set.of("name", "profilingEnabled"));
    String name = requiredText(body, "name");
    if (name.isEmpty() || name.length() > 255 || !name.matches("^[\\w-]+$")) {
      throw new BadRequest(400, "name must be 1 to 255 characters of [A-Za-z0-9_-], but was '" + name + "'.");
    }
    boolean enabled = optBoolean(body, "profilingEnabled").orElse(true);
    synchronized (this) {
      if (fake.profilingGroupNames().contains(name)) {
        throw new BadRequest(409, "A profiling group named '" + name + "' already exists.");
      }
      fake.createProfilingGroup(name, enabled);
    }
    return json(201, groupDescriptions().get(name));
  }

  private HttpResponse deleteGroup(String name) {
    if (!fake.deleteProfilingGroup(name)) {
      throw new BadRequest(404, "No profiling group is named '" + name + "'.");
    }
    return noContent();
  }

  // ---------------------------------------------------------------------------------------------
  // Posts and calls

  private HttpResponse listPosts(HttpRequest req) {
    allowParams(req, "group", "afterSequence");
    Optional<String> group = req.queryParam("group");
    long after = longParam(req, "afterSequence").orElse(0L);
    ObjectNode o = JSON.createObjectNode();
    ArrayNode arr = o.putArray("posts");
    for (RecordedProfilePost p : fake.profilePosts()) {
      if (p.sequence() > after && group.map(p.profilingGroup()::equals).orElse(true)) {
        arr.add(postJson(p));
      }
    }
    return json(200, o);
  }

  private static ObjectNode postJson(RecordedProfilePost p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("sequence", p.sequence());
    o.put("group", p.profilingGroup());
    o.put("token", p.profileToken().orElse(null));
    o.put("contentType", p.contentType().orElse(null));
    o.put("contentEncoding", p.contentEncoding().orElse(null));
    o.put("size", p.bodySize());
    o.put("stored", p.stored());
    o.put("decoded", p.hasProfile());
    o.put("decodeFailure", p.decodeFailure().orElse(null));
    o.put("receivedAt", p.receivedAt().toString());
    return o;
  }

  private RecordedProfilePost post(String sequenceText) {
    long sequence = parseLong("sequence", sequenceText);
    return fake.profilePosts().stream()
        .filter(p -> p.sequence() == sequence)
        .findFirst()
        .orElseThrow(() -> new BadRequest(404, "No profile post has the sequence " + sequence + "."));
  }

  private static HttpResponse rawPost(RecordedProfilePost p) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", p.contentType().orElse("application/octet-stream"));
    p.contentEncoding().ifPresent(e -> headers.put("X-FakeGuru-Content-Encoding", e));
    return new HttpResponse(200, headers, p.body());
  }

  private static HttpResponse decodedPost(RecordedProfilePost p) {
    if (p.profile().isEmpty()) {
      throw new BadRequest(
          422,
          "Profile post #" + p.sequence() + " could not be decoded: " + p.decodeFailure().orElse("unknown reason"));
    }
    return profileJson(p.profile().get());
  }

  private static HttpResponse profileJson(Profile profile) {
    byte[] body = ProfileCodec.defaults().encode(profile, ProfileFormat.JSON);
    return new HttpResponse(200, Map.of("Content-Type", "application/json"), body);
  }

  private HttpResponse listCalls(HttpRequest req) {
    allowParams(req, "operation", "group", "afterSequence");
    Optional<Operation> op = req.queryParam("operation").map(v -> operation("operation", v));
    Optional<String> group = req.queryParam("group");
    long after = longParam(req, "afterSequence").orElse(0L);
    Predicate<RecordedCall> keep =
        c -> c.sequence() > after
            && op.map(o -> o == c.operation()).orElse(true)
            && group.map(g -> c.profilingGroup().filter(g::equals).isPresent()).orElse(true);
    ObjectNode o = JSON.createObjectNode();
    ArrayNode arr = o.putArray("calls");
    for (RecordedCall c : fake.recordedCalls()) {
      if (keep.test(c)) {
        ObjectNode x = arr.addObject();
        x.put("sequence", c.sequence());
        x.put("operation", c.operation().apiName());
        x.put("group", c.profilingGroup().orElse(null));
        x.put("method", c.method());
        x.put("path", c.path());
        x.put("status", c.status());
        x.put("errorType", c.errorType().orElse(null));
        x.put("faultInjected", c.faultInjected());
        x.put("receivedAt", c.receivedAt().toString());
      }
    }
    return json(200, o);
  }

  private HttpResponse aggregatedProfile(HttpRequest req) {
    allowParams(req, "group", "start", "end");
    String group = req.queryParam("group").orElseThrow(() -> new BadRequest(400, "The query parameter 'group' is required."));
    Instant start = instant("start", req.queryParam("start").orElse(null));
    Instant end = instant("end", req.queryParam("end").orElse(null));
    if (!start.isBefore(end)) {
      throw new BadRequest(400, "start must be before end, but start is " + start + " and end is " + end + ".");
    }
    if (!fake.profilingGroupNames().contains(group)) {
      throw new BadRequest(404, "No profiling group is named '" + group + "'.");
    }
    return fake.aggregatedProfile(group, start, end)
        .map(AdminApi::profileJson)
        .orElseThrow(
            () -> new BadRequest(
                404, "No aggregated data of profiling group '" + group + "' overlaps " + start + " to " + end + "."));
  }

  // ---------------------------------------------------------------------------------------------
  // Faults

  private HttpResponse injectFault(HttpRequest req) {
    JsonNode body = body(req);
    allowOnly(
        body,
        "",
        Set.of(
            "fault", "operations", "profilingGroup", "nextCalls", "afterSuccesses", "everyNthCall", "probability",
            "seed", "timing"));
    JsonNode faultNode = body.get("fault");
    if (faultNode == null || faultNode.isNull()) {
      throw new BadRequest(400, "fault is required, e.g. {\"fault\": {\"type\": \"throttling\"}}.");
    }
    if (!faultNode.isObject()) {
      throw new BadRequest(400, "fault must be a JSON object, but was " + faultNode + ".");
    }
    FaultRule rule = FaultRule.of(fault(faultNode));
    JsonNode ops = body.get("operations");
    if (ops != null && !ops.isNull()) {
      if (!ops.isArray()) {
        throw new BadRequest(400, "operations must be an array of operation names, but was " + ops + ".");
      }
      for (JsonNode op : ops) {
        if (!op.isTextual()) {
          throw new BadRequest(400, "operations must hold operation names (strings), but held " + op + ".");
        }
        rule = rule.onOperation(operation("operations", op.asText()));
      }
    }
    Optional<String> group = optText(body, "profilingGroup");
    if (group.isPresent()) {
      rule = rule.forProfilingGroup(group.get());
    }
    Optional<Integer> next = optInt(body, "nextCalls");
    if (next.isPresent()) {
      rule = rule.nextCalls(positive("nextCalls", next.get(), 1));
    }
    Optional<Integer> skip = optInt(body, "afterSuccesses");
    if (skip.isPresent()) {
      rule = rule.afterSuccesses(positive("afterSuccesses", skip.get(), 0));
    }
    Optional<Integer> nth = optInt(body, "everyNthCall");
    if (nth.isPresent()) {
      rule = rule.everyNthCall(positive("everyNthCall", nth.get(), 1));
    }
    Optional<Long> seed = optLong(body, "seed");
    JsonNode p = body.get("probability");
    if (p != null && !p.isNull()) {
      if (!p.isNumber() || !(p.asDouble() >= 0.0 && p.asDouble() <= 1.0)) {
        throw new BadRequest(400, "probability must be a number from 0 to 1, but was " + p + ".");
      }
      rule = rule.withProbability(p.asDouble(), seed.orElse(0L));
    } else if (seed.isPresent()) {
      throw new BadRequest(400, "seed only applies together with probability.");
    }
    Optional<String> timing = optText(body, "timing");
    if (timing.isPresent()) {
      switch (timing.get()) {
        case "beforeEffect" -> {}
        case "afterEffect" -> rule = rule.afterEffect();
        default -> throw new BadRequest(
            400, "timing must be \"beforeEffect\" or \"afterEffect\", but was \"" + timing.get() + "\".");
      }
    }
    InjectedFault injected = fake.injectFault(rule);
    long id;
    synchronized (faultLock) {
      id = nextFaultId++;
      faultsById.put(id, injected);
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("id", id);
    o.put("description", rule.toString());
    return json(201, o);
  }

  private static int positive(String field, int value, int min) {
    if (value < min) {
      throw new BadRequest(400, field + " must be at least " + min + ", but was " + value + ".");
    }
    return value;
  }

  private static final Set<String> FAULT_FIELDS =
      Set.of("type", "message", "status", "errorType", "delayMillis", "minDelayMillis", "maxDelayMillis");
  private static final List<String> FAULT_TYPES =
      List.of(
          "throttling", "notFound", "validation", "internalError", "conflict", "serviceQuotaExceeded",
          "serviceError", "delay", "randomDelay", "connectionReset", "emptyResponse", "malformedBody",
          "truncatedBody", "randomDataThenClose");

  private static ProfilerFault fault(JsonNode f) {
    allowOnly(f, "fault.", FAULT_FIELDS);
    String type = requiredText(f, "type", "fault.type");
    Optional<String> message = optText(f, "message", "fault.message");
    String msg = message.orElse("Injected by FakeGuru");
    Optional<Long> delay = optLong(f, "delayMillis", "fault.delayMillis").map(d -> nonNegative("fault.delayMillis", d));
    Optional<Long> min = optLong(f, "minDelayMillis", "fault.minDelayMillis").map(d -> nonNegative("fault.minDelayMillis", d));
    Optional<Long> max = optLong(f, "maxDelayMillis", "fault.maxDelayMillis").map(d -> nonNegative("fault.maxDelayMillis", d));
    boolean isServiceError = type.equals("serviceError");
    if (!isServiceError && (f.has("status") || f.has("errorType"))) {
      throw new BadRequest(400, "fault.status and fault.errorType only apply to type \"serviceError\".");
    }
    if (!type.equals("randomDelay") && (min.isPresent() || max.isPresent())) {
      throw new BadRequest(400, "fault.minDelayMillis and fault.maxDelayMillis only apply to type \"randomDelay\".");
    }
    ProfilerFault base =
        switch (type) {
          case "throttling" -> ProfilerFault.throttling(message.orElse("Rate exceeded"));
          case "notFound" -> ProfilerFault.notFound(message.orElse("Resource not found (injected by FakeGuru)"));
          case "validation" -> ProfilerFault.validation(message.orElse("Invalid request (injected by FakeGuru)"));
          case "internalError" -> ProfilerFault.internalError(message.orElse("Internal server error"));
          case "conflict" -> ProfilerFault.conflict(message.orElse("Conflict (injected by FakeGuru)"));
          case "serviceQuotaExceeded" -> ProfilerFault.serviceQuotaExceeded(
              message.orElse("Service quota exceeded (injected by FakeGuru)"));
          case "serviceError" -> {
            int status = optInt(f, "status", "fault.status")
                .orElseThrow(() -> new BadRequest(400, "fault.status is required for type \"serviceError\"."));
            if (status < 400 || status > 599) {
              throw new BadRequest(400, "fault.status must be from 400 to 599, but was " + status + ".");
            }
            String errorType = optText(f, "errorType", "fault.errorType")
                .orElseThrow(() -> new BadRequest(400, "fault.errorType is required for type \"serviceError\"."));
            yield ProfilerFault.serviceError(status, errorType, msg);
          }
          case "delay" -> ProfilerFault.delay(Duration.ofMillis(
              delay.orElseThrow(() -> new BadRequest(400, "fault.delayMillis is required for type \"delay\"."))));
          case "randomDelay" -> {
            long lo = min.orElseThrow(() -> new BadRequest(400, "fault.minDelayMillis is required for type \"randomDelay\"."));
            long hi = max.orElseThrow(() -> new BadRequest(400, "fault.maxDelayMillis is required for type \"randomDelay\"."));
            if (hi < lo) {
              throw new BadRequest(400, "fault.maxDelayMillis (" + hi + ") is below fault.minDelayMillis (" + lo + ").");
            }
            yield ProfilerFault.randomDelay(Duration.ofMillis(lo), Duration.ofMillis(hi));
          }
          case "connectionReset" -> ProfilerFault.connectionReset();
          case "emptyResponse" -> ProfilerFault.emptyResponse();
          case "malformedBody" -> ProfilerFault.malformedBody();
          case "truncatedBody" -> ProfilerFault.truncatedBody();
          case "randomDataThenClose" -> ProfilerFault.randomDataThenClose();
          default -> throw new BadRequest(
              400, "fault.type \"" + type + "\" is unknown; use one of " + String.join(", ", FAULT_TYPES) + ".");
        };
    boolean isDelay = type.equals("delay") || type.equals("randomDelay");
    if (message.isPresent() && base.kind() != ProfilerFault.Kind.SERVICE_ERROR) {
      throw new BadRequest(400, "fault.message only applies to service errors, not to type \"" + type + "\".");
    }
    if (!isDelay && delay.isPresent()) {
      base = base.afterDelay(Duration.ofMillis(delay.get()));
    }
    return base;
  }

  private static long nonNegative(String field, long v) {
    if (v < 0) {
      throw new BadRequest(400, field + " must be >= 0, but was " + v + ".");
    }
    return v;
  }

  private static ObjectNode faultJson(ProfilerFault f) {
    ObjectNode o = JSON.createObjectNode();
    String type =
        switch (f.kind()) {
          case SERVICE_ERROR -> serviceErrorType(f);
          case DELAY_ONLY -> f.minDelay().equals(f.maxDelay()) ? "delay" : "randomDelay";
          case CONNECTION_RESET -> "connectionReset";
          case EMPTY_RESPONSE -> "emptyResponse";
          case MALFORMED_BODY -> "malformedBody";
          case TRUNCATED_BODY -> "truncatedBody";
          case RANDOM_DATA_THEN_CLOSE -> "randomDataThenClose";
        };
    o.put("type", type);
    if (f.kind() == ProfilerFault.Kind.SERVICE_ERROR) {
      o.put("status", f.status());
      o.put("errorType", f.errorType().orElse(null));
      o.put("message", f.message().orElse(null));
    }
    if (f.minDelay().equals(f.maxDelay())) {
      if (!f.minDelay().isZero()) {
        o.put("delayMillis", f.minDelay().toMillis());
      }
    } else {
      o.put("minDelayMillis", f.minDelay().toMillis());
      o.put("maxDelayMillis", f.maxDelay().toMillis());
    }
    return o;
  }

  private static String serviceErrorType(ProfilerFault f) {
    String t = f.errorType().orElse("");
    return switch (f.status() + " " + t) {
      case "429 ThrottlingException" -> "throttling";
      case "404 ResourceNotFoundException" -> "notFound";
      case "400 ValidationException" -> "validation";
      case "500 InternalServerException" -> "internalError";
      case "409 ConflictException" -> "conflict";
      case "402 ServiceQuotaExceededException" -> "serviceQuotaExceeded";
      default -> "serviceError";
    };
  }

  private HttpResponse listFaults() {
    List<InjectedFault> active = fake.activeFaults();
    ObjectNode o = JSON.createObjectNode();
    ArrayNode arr = o.putArray("faults");
    synchronized (faultLock) {
      faultsById.values().removeIf(f -> !active.contains(f));
      for (InjectedFault f : active) {
        long id = idOf(f);
        FaultRule r = f.rule();
        ObjectNode x = arr.addObject();
        x.put("id", id);
        x.put("description", r.toString());
        x.set("fault", faultJson(r.fault()));
        ArrayNode ops = x.putArray("operations");
        new TreeSet<>(r.operations().stream().map(Operation::apiName).toList()).forEach(ops::add);
        x.put("profilingGroup", r.profilingGroup().orElse(null));
        x.put("javaPredicate", r.predicate().isPresent());
        x.put("afterSuccesses", r.skippedCalls());
        x.put("everyNthCall", r.everyNth());
        x.put("probability", r.probability());
        x.put("seed", r.seed());
        if (r.maxApplications() == Integer.MAX_VALUE) {
          x.putNull("nextCalls");
        } else {
          x.put("nextCalls", r.maxApplications());
        }
        x.put("timing", r.timing() == FaultRule.Timing.AFTER_EFFECT ? "afterEffect" : "beforeEffect");
        x.put("timesApplied", f.timesApplied());
        x.put("timesTargeted", f.timesTargeted());
      }
    }
    return json(200, o);
  }

  /** The id of a rule; rules injected through the Java API get one when first listed. */
  private long idOf(InjectedFault f) {
    for (Map.Entry<Long, InjectedFault> e : faultsById.entrySet()) {
      if (e.getValue() == f) {
        return e.getKey();
      }
    }
    long id = nextFaultId++;
    faultsById.put(id, f);
    return id;
  }

  private HttpResponse clearFaults() {
    fake.clearFaults();
    synchronized (faultLock) {
      faultsById.clear();
    }
    return noContent();
  }

  private HttpResponse removeFault(String idText) {
    long id = parseLong("fault id", idText);
    InjectedFault f;
    synchronized (faultLock) {
      f = faultsById.remove(id);
    }
    if (f == null || !f.isActive()) {
      throw new BadRequest(404, "No active fault rule has the id " + id + ".");
    }
    f.remove();
    return noContent();
  }

  // ---------------------------------------------------------------------------------------------
  // Scripts

  private HttpResponse scriptGetProfile(HttpRequest req) {
    JsonNode body = body(req);
    allowOnly(
        body, "", Set.of("group", "profile", "bodyBase64", "contentType", "format", "gzip", "start", "end", "fallback"));
    Optional<String> group = optText(body, "group");
    Optional<String> startText = optText(body, "start");
    Optional<String> endText = optText(body, "end");
    if (startText.isPresent() != endText.isPresent()) {
      throw new BadRequest(400, "start and end go together: give both (an exact range) or neither (a queued answer).");
    }
    Instant rangeStart = startText.map(t -> instant("start", t)).orElse(null);
    Instant rangeEnd = endText.map(t -> instant("end", t)).orElse(null);
    if (rangeStart != null && !rangeStart.isBefore(rangeEnd)) {
      throw new BadRequest(400, "start must be before end, but start is " + rangeStart + " and end is " + rangeEnd + ".");
    }
    boolean fallback = optBoolean(body, "fallback").orElse(false);
    if (fallback && (group.isPresent() || rangeStart != null)) {
      throw new BadRequest(400, "fallback applies to every group and range: it cannot be combined with group, start or end.");
    }
    JsonNode profileNode = body.get("profile");
    boolean hasProfile = profileNode != null && !profileNode.isNull();
    Optional<String> base64 = optText(body, "bodyBase64");
    if (hasProfile == base64.isPresent()) {
      throw new BadRequest(400, "Give exactly one of profile (agent-format JSON) and bodyBase64 (with contentType).");
    }
    ScriptedProfileResponse response;
    if (hasProfile) {
      if (!profileNode.isObject()) {
        throw new BadRequest(400, "profile must be an agent-format JSON object, but was " + abbreviate(profileNode.toString()) + ".");
      }
      if (body.has("contentType")) {
        throw new BadRequest(400, "contentType only applies with bodyBase64; use format with profile.");
      }
      Profile profile;
      try {
        profile = ProfileCodec.defaults().decode(JSON.writeValueAsBytes(profileNode), ProfileFormat.JSON);
      } catch (IOException | RuntimeException e) {
        throw new BadRequest(400, "profile is not a valid agent-format profile: " + e.getMessage());
      }
      Optional<String> format = optText(body, "format");
      response =
          format.isEmpty()
              ? ScriptedProfileResponse.of(profile)
              : ScriptedProfileResponse.of(profile, switch (format.get()) {
                case "json" -> ProfileFormat.JSON;
                case "ionText" -> ProfileFormat.ION_TEXT;
                case "ionBinary" -> ProfileFormat.ION_BINARY;
                default -> throw new BadRequest(
                    400, "format must be \"json\", \"ionText\" or \"ionBinary\", but was \"" + format.get() + "\".");
              });
    } else {
      if (body.has("format")) {
        throw new BadRequest(400, "format only applies with profile; bodyBase64 is sent as is.");
      }
      String contentType = optText(body, "contentType")
          .orElseThrow(() -> new BadRequest(400, "contentType is required with bodyBase64."));
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(base64.get());
      } catch (IllegalArgumentException e) {
        throw new BadRequest(400, "bodyBase64 is not valid base64: " + e.getMessage());
      }
      response = ScriptedProfileResponse.ofBytes(bytes, contentType);
    }
    if (optBoolean(body, "gzip").orElse(false)) {
      response = response.gzipped();
    }
    String target = group.map(g -> "profiling group '" + g + "'").orElse("any profiling group");
    String description;
    if (fallback) {
      fake.getProfileFallback(response);
      description = response + " whenever no queued or range answer applies";
    } else if (rangeStart != null) {
      fake.answerGetProfile(group.orElse(null), rangeStart, rangeEnd, response);
      description = response + " for every call of " + target + " for exactly " + rangeStart + " to " + rangeEnd;
    } else if (group.isPresent()) {
      fake.enqueueGetProfile(group.get(), response);
      description = response + " for " + target;
    } else {
      fake.enqueueGetProfile(response);
      description = response + " for " + target;
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("description", description);
    return json(201, o);
  }

  private HttpResponse scriptConfigureAgent(HttpRequest req) {
    JsonNode body = body(req);
    allowOnly(body, "", Set.of("group", "shouldProfile", "periodInSeconds", "agentParameters"));
    Optional<String> group = optText(body, "group");
    AgentConfiguration c = AgentConfiguration.defaults();
    Optional<Boolean> should = optBoolean(body, "shouldProfile");
    if (should.isPresent()) {
      c = c.withShouldProfile(should.get());
    }
    Optional<Integer> period = optInt(body, "periodInSeconds");
    if (period.isPresent()) {
      c = c.withPeriodInSeconds(positive("periodInSeconds", period.get(), 1));
    }
    JsonNode params = body.get("agentParameters");
    if (params != null && !params.isNull()) {
      if (!params.isObject()) {
        throw new BadRequest(400, "agentParameters must be an object of strings, but was " + abbreviate(params.toString()) + ".");
      }
      Map<String, String> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = params.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual() && !e.getValue().isNumber()) {
          throw new BadRequest(400, "agentParameters." + e.getKey() + " must be a string, but was " + e.getValue() + ".");
        }
        map.put(e.getKey(), e.getValue().asText());
      }
      c = new AgentConfiguration(c.shouldProfile(), c.periodInSeconds(), map);
    }
    if (group.isPresent()) {
      fake.enqueueConfigureAgent(group.get(), c);
    } else {
      fake.enqueueConfigureAgent(c);
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("description", "ConfigureAgent answer " + c + " for "
        + group.map(g -> "profiling group '" + g + "'").orElse("any profiling group"));
    return json(201, o);
  }

  private HttpResponse listScripts() {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode arr = o.putArray("unconsumed");
    fake.unconsumedScripts().forEach(arr::add);
    return json(200, o);
  }

  // ---------------------------------------------------------------------------------------------
  // Clock and reset

  private HttpResponse clock() {
    ObjectNode o = JSON.createObjectNode();
    o.put("now", fake.clock().instant().toString());
    o.put("settable", fake.clock() instanceof SettableClock);
    return json(200, o);
  }

  private SettableClock settableClock() {
    if (fake.clock() instanceof SettableClock s) {
      return s;
    }
    throw new BadRequest(
        409,
        "The fake's clock is a " + fake.clock().getClass().getName()
            + ", not a SettableClock, so it cannot be set or advanced; build the fake with"
            + " clock(SettableClock.at(...)) or without a clock.");
  }

  private HttpResponse setClock(HttpRequest req) {
    JsonNode body = body(req);
    allowOnly(body, "", Set.of("now"));
    Instant now = instant("now", requiredText(body, "now"));
    SettableClock clock = settableClock();
    requireClockRange("now", now.toString(), now);
    clock.set(now);
    return clock();
  }

  private HttpResponse advanceClock(HttpRequest req) {
    JsonNode body = body(req);
    allowOnly(body, "", Set.of("by"));
    String by = requiredText(body, "by");
    Duration d;
    try {
      d = Duration.parse(by);
    } catch (DateTimeException e) {
      throw new BadRequest(400, "by must be an ISO-8601 duration such as \"PT5M\" or \"P16D\", but was \"" + by + "\".");
    }
    SettableClock clock = settableClock();
    Instant target;
    try {
      target = clock.instant().plus(d);
    } catch (DateTimeException | ArithmeticException e) {
      target = null;
    }
    requireClockRange("by", by, target);
    clock.advance(d);
    return clock();
  }

  /** The fake's clock stays in years 0001 to 9999, the range of the AWS timestamp format. */
  private static void requireClockRange(String field, String given, Instant target) {
    if (target == null || !Wire.inTimestampRange(target)) {
      throw new BadRequest(
          400,
          field + " \"" + abbreviate(given) + "\" would put the clock outside years 0001 to 9999 (the range of AWS timestamps).");
    }
  }

  private HttpResponse reset() {
    fake.reset();
    synchronized (faultLock) {
      faultsById.clear();
    }
    return noContent();
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing helpers: every failure is a 400 that names the field.

  /** A 4xx answer with a message. */
  private static final class BadRequest extends RuntimeException {
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private static JsonNode body(HttpRequest req) {
    byte[] b = req.body();
    if (b.length == 0) {
      throw new BadRequest(400, "The request needs a JSON object body.");
    }
    JsonNode n;
    try {
      n = JSON.readTree(b);
    } catch (IOException e) {
      throw new BadRequest(400, "The request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (n == null || !n.isObject()) {
      throw new BadRequest(400, "The request body must be a JSON object, but was " + (n == null ? "empty" : n.getNodeType().toString().toLowerCase()) + ".");
    }
    return n;
  }

  private static JsonNode readJson(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void allowOnly(JsonNode n, String prefix, Set<String> allowed) {
    Iterator<String> it = n.fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new BadRequest(400, prefix + f + " is not a known field; known fields are " + new TreeSet<>(allowed) + ".");
      }
    }
  }

  private static void allowParams(HttpRequest req, String... allowed) {
    for (String q : req.query().keySet()) {
      if (!List.of(allowed).contains(q)) {
        throw new BadRequest(400, "The query parameter '" + q + "' is unknown; known are " + List.of(allowed) + ".");
      }
    }
  }

  private static String requiredText(JsonNode n, String field) {
    return requiredText(n, field, field);
  }

  private static String requiredText(JsonNode n, String field, String name) {
    return optText(n, field, name).orElseThrow(() -> new BadRequest(400, name + " is required."));
  }

  private static Optional<String> optText(JsonNode n, String field) {
    return optText(n, field, field);
  }

  private static Optional<String> optText(JsonNode n, String field, String name) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new BadRequest(400, name + " must be a string, but was " + abbreviate(v.toString()) + ".");
    }
    return Optional.of(v.asText());
  }

  private static Optional<Boolean> optBoolean(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw new BadRequest(400, field + " must be true or false, but was " + abbreviate(v.toString()) + ".");
    }
    return Optional.of(v.asBoolean());
  }

  private static Optional<Integer> optInt(JsonNode n, String field) {
    return optInt(n, field, field);
  }

  private static Optional<Integer> optInt(JsonNode n, String field, String name) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new BadRequest(400, name + " must be an integer, but was " + abbreviate(v.toString()) + ".");
    }
    return Optional.of(v.asInt());
  }

  private static Optional<Long> optLong(JsonNode n, String field) {
    return optLong(n, field, field);
  }

  private static Optional<Long> optLong(JsonNode n, String field, String name) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new BadRequest(400, name + " must be an integer, but was " + abbreviate(v.toString()) + ".");
    }
    return Optional.of(v.asLong());
  }

  private static Optional<Long> longParam(HttpRequest req, String name) {
    return req.queryParam(name).map(v -> parseLong(name, v));
  }

  private static long parseLong(String name, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new BadRequest(400, name + " must be an integer, but was '" + abbreviate(v) + "'.");
    }
  }

  private static Instant instant(String name, String v) {
    if (v == null) {
      throw new BadRequest(400, name + " is required (an ISO-8601 instant such as 2024-01-02T03:00:00Z).");
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeException e) {
      throw new BadRequest(400, name + " must be an ISO-8601 instant such as 2024-01-02T03:00:00Z, but was '" + abbreviate(v) + "'.");
    }
  }

  private static Operation operation(String field, String name) {
    for (Operation op : Operation.values()) {
      if (op != Operation.UNKNOWN && (op.apiName().equals(name) || op.name().equals(name))) {
        return op;
      }
    }
    List<String> names = new ArrayList<>();
    for (Operation op : Operation.values()) {
      if (op != Operation.UNKNOWN) {
        names.add(op.apiName());
      }
    }
    throw new BadRequest(400, field + " names an unknown operation '" + abbreviate(name) + "'; use API names such as " + names + ".");
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  // ---------------------------------------------------------------------------------------------
  // Responses

  private static HttpResponse json(int status, JsonNode body) {
    try {
      return new HttpResponse(status, Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse noContent() {
    return new HttpResponse(204, Map.of(), new byte[0]);
  }

  private static HttpResponse error(int status, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("message", message);
    return json(status, o);
  }
}

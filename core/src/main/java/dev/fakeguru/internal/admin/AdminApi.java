package dev.fakeguru.internal.admin;

import static dev.fakeguru.internal.admin.AdminJson.abbreviate;
import static dev.fakeguru.internal.admin.AdminJson.error;

import dev.fakeguru.internal.admin.AdminJson.BadRequest;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.http.RouteTable;
import dev.fakeguru.internal.http.RouteTable.Match;
import dev.fakeguru.internal.http.RouteTable.Miss;
import dev.fakeguru.internal.http.RouteTable.Resolution;
import dev.fakeguru.profile.ProfileFormatException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.util.Optional;

/**
 * The admin API: JSON over HTTP under {@code /__fakeguru/} for clients that cannot call the Java
 * API (agents and tests in other languages, the standalone server). It speaks the same vocabulary
 * as {@code FakeCodeGuruProfiler}: profiling groups, recorded posts and calls, aggregated profiles,
 * fault rules, scripted answers, the clock and reset. Admin calls are not recorded as API calls.
 * Internal; this table is its HTTP contract.
 *
 * <table>
 *   <caption>Endpoints (paths relative to {@code /__fakeguru/})</caption>
 *   <tr><th>Method and path</th><th>Request</th><th>Answer</th></tr>
 *   <tr><td>GET {@code status}</td><td></td><td>200 {@code {"region","accountId","now",
 *       "profilingGroups":[names],"calls":n,"posts":n,"evictedCalls":n,"evictedPosts":n,
 *       "recordedBytes":n,"maxRecordedBytes":n,"aggregatedNodes":n,"maxAggregatedNodes":n,
 *       "dataDirectoryProblems":[...]}}</td></tr>
 *   <tr><td>GET {@code profiling-groups}</td><td></td><td>200 {@code {"names":[...],
 *       "profilingGroups":[DescribeProfilingGroup objects]}}</td></tr>
 *   <tr><td>POST {@code profiling-groups}</td><td>{@code {"name":"my-app","profilingEnabled":true}}
 *       (profilingEnabled optional, true)</td><td>201 the description; 409 if it exists</td></tr>
 *   <tr><td>GET {@code profiling-groups/{name}}</td><td></td><td>200 the description; 404</td></tr>
 *   <tr><td>DELETE {@code profiling-groups/{name}}</td><td></td><td>204; 404 if none</td></tr>
 *   <tr><td>GET {@code posts?group=&afterSequence=}</td><td>both optional</td><td>200 {@code {"posts":[
 *       {"sequence","group","token","contentType","contentEncoding","size","stored","decoded",
 *       "decodeFailure","receivedAt"}],"evictedPosts":n}}</td></tr>
 *   <tr><td>GET {@code posts/{sequence}}</td><td></td><td>200 one post's metadata; 404</td></tr>
 *   <tr><td>GET {@code posts/{sequence}/raw}</td><td></td><td>200 the exact bytes as a download
 *       ({@code application/octet-stream}, {@code Content-Disposition: attachment}, {@code nosniff});
 *       the post's content type is in {@code X-FakeGuru-Content-Type} and its content encoding in
 *       {@code X-FakeGuru-Content-Encoding} (so no client unzips or renders it behind your
 *       back)</td></tr>
 *   <tr><td>GET {@code posts/{sequence}/profile}</td><td></td><td>200 the decoded profile as agent-format
 *       JSON; 422 if the body did not decode</td></tr>
 *   <tr><td>GET {@code calls?operation=&group=&afterSequence=}</td><td>all optional; operation is an API
 *       name</td><td>200 {@code {"calls":[{"sequence","operation","group","method","path","status",
 *       "errorType","faultInjected","receivedAt"}],"evictedCalls":n}}</td></tr>
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
 *       (the Java API's enqueueGetProfile, answerGetProfile and setGetProfileFallback)</td>
 *       <td>201 {@code {"description"}}</td></tr>
 *   <tr><td>POST {@code scripts/configure-agent}</td><td>{@code {"group"?,"shouldProfile",
 *       "periodInSeconds","agentParameters":{...}}}; omitted fields take the default configuration's
 *       values</td><td>201 {@code {"description"}}</td></tr>
 *   <tr><td>GET {@code scripts}</td><td></td><td>200 {@code {"unconsumed":[descriptions]}}: the queued
 *       answers never served. There is no DELETE: {@code reset} clears every script</td></tr>
 *   <tr><td>GET {@code clock}</td><td></td><td>200 {@code {"now":ISO,"settable":true}}</td></tr>
 *   <tr><td>PUT {@code clock}</td><td>{@code {"now":"2024-01-02T03:00:00Z"}}</td><td>200
 *       {@code {"now"}}; 409 if the clock is not a {@code SettableClock}</td></tr>
 *   <tr><td>POST {@code clock/advance}</td><td>{@code {"by":"P16D"}} (an ISO-8601 duration of fixed
 *       length: {@code P16D}, {@code PT384H}, {@code P1DT12H}, {@code P2W}; may be negative)</td><td>200
 *       {@code {"now"}}; 409 if not settable</td></tr>
 *   <tr><td>POST {@code reset}</td><td></td><td>204: everything is forgotten, as {@code FakeCodeGuruProfiler#reset()} does</td></tr>
 *   <tr><td>POST {@code findings/recommendations}</td><td>{@code {"group","startTime","endTime",
 *       "pattern":{"id"?,"name","description"?,"resolutionSteps"?,"targetFrames":[["frame",...]],
 *       "thresholdPercent","countersToAggregate"?},"matches"?:[{"frameAddress","targetFramesIndex",
 *       "thresholdBreachValue"}]}}</td><td>201 {@code {"recommendation"}}: the API's shape plus every
 *       match; 404 for an unknown group</td></tr>
 *   <tr><td>POST {@code findings/anomalies}</td><td>{@code {"group","metric":{"frameName",
 *       "threadStates"?,"type"?},"reason","instances":[{"id"?,"startTime","endTime"?,
 *       "userFeedback"?:{"type"}}]}}</td><td>201 {@code {"anomaly","notificationsRecorded":n}}; 409
 *       for an instance id the group already has</td></tr>
 *   <tr><td>POST {@code findings/derived-recommendations}</td><td>{@code {"group","start","end",
 *       "frame","thresholdPercent"}} or {@code {"group","start","end","pattern":{...}}}</td><td>201
 *       {@code {"recommendation"}} derived from the stored profiles; 200 {@code
 *       {"recommendation":null}} when nothing reaches the threshold</td></tr>
 *   <tr><td>GET {@code findings?group=}</td><td></td><td>200 {@code {"recommendations","anomalies",
 *       "findingsReports":[{...,"daily"}]}}</td></tr>
 *   <tr><td>GET {@code findings/feedback}</td><td></td><td>200 {@code {"feedback":[{"sequence",
 *       "group","anomalyInstanceId","type","comment","receivedAt"}]}}</td></tr>
 *   <tr><td>GET {@code findings/notifications}</td><td></td><td>200 {@code {"notifications":[
 *       {"group","channelId","channelUri","eventType","anomalyInstanceId","payload":{...},
 *       "recordedAt"}]}}</td></tr>
 *   <tr><td>GET {@code ui/} and its files {@code ui/{asset}}</td><td></td><td>200 the read-only web page
 *       ({@link UiResource}); served without the admin token, as they hold no data</td></tr>
 *   <tr><td>GET {@code ui/data}</td><td></td><td>200 {@code {"now","region","totalPosts","totalCalls",
 *       "groups":[{"name","posts"}],"posts":[post metadata plus "status","faultInjected"],"calls":[...],
 *       "faults":[{"id","description","timesApplied","timesTargeted"}],"scripts":[...]}} (newest first,
 *       at most 100 each)</td></tr>
 *   <tr><td>GET {@code ui/flame/posts/{sequence}}, GET {@code ui/flame/aggregated?group=&start=&end=}
 *       </td><td></td><td>200 the flame graph as {@code image/svg+xml}; 404, 422 as for the profiles
 *       above</td></tr>
 *   <tr><td>GET {@code conformance?group=&since=&format=}</td><td>{@code group} required; {@code since}
 *       an ISO-8601 instant; {@code format} {@code json} (the default) or {@code text}, which
 *       {@code Accept: text/plain} also selects</td><td>200 the agent conformance report:
 *       {@code {"profilingGroup","since","madeAt","firstCallAt","passes","agentCalls","posts","counts":{"PASS",
 *       "FAIL","NOT_OBSERVED"},"notes":[...],"rules":[{"rule","verdict","summary","requirement",
 *       "tolerance","source","evidence":[{"sequences","at","description"}]}]}}, or its plain
 *       text</td></tr>
 * </table>
 *
 * <p>Requests carrying an {@code Origin} header are refused with 403: browsers send it, and a form
 * on any web page can POST to a local port, so this keeps web pages from resetting or steering the
 * fake (SDKs, agents and curl send no {@code Origin}; the fake's own page reads its data with
 * same-origin GETs, which carry none, and changes nothing). Errors are {@code {"message":"..."}}:
 * 400 for a bad request (the message names the field and the problem; unknown fields and fields
 * given twice are refused, so typos do not pass silently), 401 without the right {@code
 * Authorization: Bearer <token>} when the fake has an admin token, 404 for an unknown path or
 * resource, 405 (with {@code Allow}) for a wrong method, 409 for a conflict with the fake's state,
 * 413 for a body over the size limit, 422 for a post whose profile did not decode. Bad input never
 * causes a 500.
 *
 * <p>Thread-safe: server threads call {@link #answer} concurrently.
 *
 * <pre>
 * curl -s -X POST localhost:8080/__fakeguru/faults \
 *   -d '{"fault":{"type":"throttling"},"operations":["PostAgentProfile"],"nextCalls":2}'
 * </pre>
 */
public final class AdminApi {
  /** The path prefix of every admin endpoint. */
  public static final String PREFIX = RouteTable.ADMIN_PREFIX;

  private final Engine engine;
  private final String token;

  /**
   * The admin API over {@code engine}.
   *
   * @param token the token every call must carry as {@code Authorization: Bearer <token>}, or null
   */
  public AdminApi(Engine engine, String token) {
    this.engine = engine;
    this.token = token;
  }

  /** Adds every admin route to {@code table}. */
  public void register(RouteTable.Builder table) {
    GroupsResource groups = new GroupsResource(engine);
    RecordingResource recording = new RecordingResource(engine, groups);
    FaultsResource faults = new FaultsResource(engine);
    ScriptsResource scripts = new ScriptsResource(engine);
    ControlResource control = new ControlResource(engine);
    FindingsResource findings = new FindingsResource(engine, groups);
    UiResource ui = new UiResource(engine, recording);
    ConformanceResource conformance = new ConformanceResource(engine);
    table
        .admin("GET", "status", control::status)
        .admin("GET", "profiling-groups", groups::list)
        .admin("POST", "profiling-groups", groups::create)
        .admin("GET", "profiling-groups/{name}", groups::describe)
        .admin("DELETE", "profiling-groups/{name}", groups::delete)
        .admin("GET", "posts", recording::listPosts)
        .admin("GET", "posts/{sequence}", recording::post)
        .admin("GET", "posts/{sequence}/raw", recording::rawPost)
        .admin("GET", "posts/{sequence}/profile", recording::decodedPost)
        .admin("GET", "calls", recording::listCalls)
        .admin("GET", "aggregated-profile", recording::aggregatedProfile)
        .admin("GET", "faults", faults::list)
        .admin("POST", "faults", faults::inject)
        .admin("DELETE", "faults", faults::clear)
        .admin("DELETE", "faults/{id}", faults::remove)
        .admin("GET", "scripts", scripts::list)
        .admin("POST", "scripts/get-profile", scripts::getProfile)
        .admin("POST", "scripts/configure-agent", scripts::configureAgent)
        .admin("GET", "clock", control::clock)
        .admin("PUT", "clock", control::setClock)
        .admin("POST", "clock/advance", control::advanceClock)
        .admin("POST", "reset", control::reset)
        .admin("GET", "findings", findings::list)
        .admin("POST", "findings/recommendations", findings::addRecommendation)
        .admin("POST", "findings/anomalies", findings::addAnomaly)
        .admin("POST", "findings/derived-recommendations", findings::deriveRecommendation)
        .admin("GET", "findings/feedback", findings::feedback)
        .admin("GET", "findings/notifications", findings::notifications)
        .admin("GET", "conformance", conformance::report)
        .admin("GET", "ui", ui::page)
        .admin("GET", "ui/data", ui::data)
        .admin("GET", "ui/flame/posts/{sequence}", ui::postFlameGraph)
        .admin("GET", "ui/flame/aggregated", ui::aggregatedFlameGraph)
        .admin("GET", "ui/{asset}", ui::asset);
  }

  /** Answers one admin request, as the route table resolved it; never throws. */
  public HttpResponse answer(Resolution resolution, HttpRequest request) {
    try {
      Optional<String> origin = request.header("origin");
      if (origin.isPresent()) {
        return error(
            403,
            "Admin requests from web pages (Origin "
                + abbreviate(origin.get())
                + ") are refused; the admin API"
                + " is for programs, which send no Origin header.");
      }
      if (token != null && !authorized(request) && !UiResource.isOpenWithoutToken(resolution)) {
        return error(
                401,
                "This admin API requires the header 'Authorization: Bearer <token>' with the admin token.")
            .withHeader("WWW-Authenticate", "Bearer realm=\"fakeguru\"");
      }
      if (request.bodyOverLimit() >= 0) {
        return error(
            413,
            "The request body is larger than "
                + request.bodyOverLimit()
                + " bytes (the fake's maxCompressedBytes limit).");
      }
      if (resolution instanceof Match m) {
        return m.route().handler().handle(new Exchange(request, m.pathParameters(), 0));
      }
      return miss(request, (Miss) resolution);
    } catch (BadRequest e) {
      return error(e.status, e.getMessage());
    } catch (IllegalArgumentException | DateTimeException | ProfileFormatException e) {
      return error(400, e.getMessage());
    } catch (RuntimeException e) {
      return error(500, "The admin API failed unexpectedly: " + e);
    }
  }

  private static HttpResponse miss(HttpRequest req, Miss miss) {
    if (!miss.allowedMethods().isEmpty()) {
      String allowed = String.join(", ", miss.allowedMethods());
      return error(405, req.method() + " is not allowed here; allowed: " + allowed + ".")
          .withHeader("Allow", allowed);
    }
    return error(
        404,
        "No admin operation matches "
            + req.method()
            + " "
            + req.rawPath()
            + "; see the endpoints: status, profiling-groups, posts, calls, aggregated-profile, faults,"
            + " scripts, clock, reset, findings, conformance, ui (all under "
            + PREFIX
            + ").");
  }

  private boolean authorized(HttpRequest req) {
    String header = req.header("authorization").orElse("");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
  }
}

package dev.fakeguru.internal.admin;

import static dev.fakeguru.internal.admin.AdminJson.JSON;
import static dev.fakeguru.internal.admin.AdminJson.allowParams;
import static dev.fakeguru.internal.admin.AdminJson.instant;
import static dev.fakeguru.internal.admin.AdminJson.json;
import static dev.fakeguru.internal.admin.AdminJson.longParam;
import static dev.fakeguru.internal.admin.AdminJson.operation;
import static dev.fakeguru.internal.admin.AdminJson.parseLong;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.admin.AdminJson.BadRequest;
import dev.fakeguru.internal.codec.ProfileEncoder;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the fake received, read back: {@code posts} (metadata, exact bytes, decoded profile), {@code
 * calls}, and {@code aggregated-profile}. Thread-safe. Internal.
 */
final class RecordingResource {
  private final Engine engine;
  private final GroupsResource groups;

  RecordingResource(Engine engine, GroupsResource groups) {
    this.engine = engine;
    this.groups = groups;
  }

  HttpResponse listPosts(Exchange e) {
    HttpRequest req = e.request();
    allowParams(req, "group", "afterSequence");
    Optional<String> group = req.queryParam("group");
    long after = longParam(req, "afterSequence").orElse(0L);
    ObjectNode o = JSON.createObjectNode();
    ArrayNode arr = o.putArray("posts");
    for (RecordedProfilePost p : engine.journal().posts()) {
      if (p.sequence() > after && group.map(p.profilingGroup()::equals).orElse(true)) {
        arr.add(postJson(p));
      }
    }
    o.put("evictedPosts", engine.journal().evictedPosts());
    return json(200, o);
  }

  HttpResponse post(Exchange e) {
    return json(200, postJson(find(e)));
  }

  /**
   * The exact bytes as a download: {@code application/octet-stream}, an attachment, never sniffed,
   * so that bytes a client posted cannot run as a page; the post's own content type and encoding
   * are in headers of their own.
   */
  HttpResponse rawPost(Exchange e) {
    RecordedProfilePost p = find(e);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/octet-stream");
    headers.put("Content-Disposition", "attachment; filename=\"post-" + p.sequence() + ".bin\"");
    headers.put("X-Content-Type-Options", "nosniff");
    p.contentType().ifPresent(type -> headers.put("X-FakeGuru-Content-Type", type));
    p.contentEncoding().ifPresent(enc -> headers.put("X-FakeGuru-Content-Encoding", enc));
    return new HttpResponse(200, headers, p.body());
  }

  HttpResponse decodedPost(Exchange e) {
    return profileJson(decodedProfile(find(e)));
  }

  /** The post's profile; 422 if its body did not decode. */
  static Profile decodedProfile(RecordedProfilePost p) {
    if (p.profile().isEmpty()) {
      throw new BadRequest(
          422,
          "Profile post #"
              + p.sequence()
              + " could not be decoded: "
              + p.decodeFailure().orElse("unknown reason"));
    }
    return p.profile().get();
  }

  static ObjectNode postJson(RecordedProfilePost p) {
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

  RecordedProfilePost find(Exchange e) {
    long sequence = parseLong("sequence", e.path("sequence"));
    return engine.journal().posts().stream()
        .filter(p -> p.sequence() == sequence)
        .findFirst()
        .orElseThrow(
            () -> new BadRequest(404, "No profile post has the sequence " + sequence + "."));
  }

  static HttpResponse profileJson(Profile profile) {
    return new HttpResponse(
        200,
        Map.of("Content-Type", "application/json"),
        ProfileEncoder.encode(profile, ProfileFormat.JSON));
  }

  HttpResponse listCalls(Exchange e) {
    HttpRequest req = e.request();
    allowParams(req, "operation", "group", "afterSequence");
    Optional<Operation> op = req.queryParam("operation").map(v -> operation("operation", v));
    Optional<String> group = req.queryParam("group");
    long after = longParam(req, "afterSequence").orElse(0L);
    Predicate<RecordedCall> keep =
        c ->
            c.sequence() > after
                && op.map(o -> o == c.operation()).orElse(true)
                && group.map(g -> c.profilingGroup().filter(g::equals).isPresent()).orElse(true);
    ObjectNode o = JSON.createObjectNode();
    ArrayNode arr = o.putArray("calls");
    for (RecordedCall c : engine.journal().calls(keep)) {
      arr.add(callJson(c));
    }
    o.put("evictedCalls", engine.journal().evictedCalls());
    return json(200, o);
  }

  static ObjectNode callJson(RecordedCall c) {
    ObjectNode x = JSON.createObjectNode();
    x.put("sequence", c.sequence());
    x.put("operation", c.operation().apiName());
    x.put("group", c.profilingGroup().orElse(null));
    x.put("method", c.method());
    x.put("path", c.path());
    x.put("status", c.status());
    x.put("errorType", c.errorType().orElse(null));
    x.put("faultInjected", c.faultInjected());
    x.put("receivedAt", c.receivedAt().toString());
    return x;
  }

  HttpResponse aggregatedProfile(Exchange e) {
    return profileJson(aggregate(e.request()));
  }

  /** The aggregate the query parameters group, start and end ask for; 404 when no data overlaps. */
  Profile aggregate(HttpRequest req) {
    allowParams(req, "group", "start", "end");
    String group =
        req.queryParam("group")
            .orElseThrow(() -> new BadRequest(400, "The query parameter 'group' is required."));
    Instant start = instant("start", req.queryParam("start").orElse(null));
    Instant end = instant("end", req.queryParam("end").orElse(null));
    if (!start.isBefore(end)) {
      throw new BadRequest(
          400, "start must be before end, but start is " + start + " and end is " + end + ".");
    }
    groups.require(group);
    return engine
        .aggregatedProfile(group, start, end)
        .orElseThrow(
            () ->
                new BadRequest(
                    404,
                    "No aggregated data of profiling group '"
                        + group
                        + "' overlaps "
                        + start
                        + " to "
                        + end
                        + "."));
  }
}

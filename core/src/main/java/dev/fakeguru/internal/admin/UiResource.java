package dev.fakeguru.internal.admin;

import static dev.fakeguru.internal.admin.AdminJson.JSON;
import static dev.fakeguru.internal.admin.AdminJson.allowParams;
import static dev.fakeguru.internal.admin.AdminJson.error;
import static dev.fakeguru.internal.admin.AdminJson.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.flamegraph.FlameGraph;
import dev.fakeguru.internal.admin.AdminJson.BadRequest;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.http.RouteTable;
import dev.fakeguru.internal.http.RouteTable.Match;
import dev.fakeguru.internal.http.RouteTable.Resolution;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin API's read-only web page, {@code GET /__fakeguru/ui/}: profiling groups, recent posts
 * and calls, the flame graph of any post or of an aggregated range, active faults and scripts.
 *
 * <p><b>Security.</b> Every answer carries {@code X-Content-Type-Options: nosniff}, a strict
 * Content-Security-Policy (the page runs only its own scripts from this origin and may only fetch
 * from it; everything else is {@code default-src 'none'}), {@code Cross-Origin-Resource-Policy:
 * same-origin}, {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}. The page
 * and its scripts and stylesheets are the same bytes for everyone and hold no data, so they are
 * served without the admin token; the data endpoints ({@code ui/data}, {@code ui/flame/...}) pass
 * the admin API's guard like every other endpoint. A browser can send no {@code Authorization}
 * header when it navigates, so the page takes the token from its URL fragment ({@code
 * ui/#token=...}, which never reaches a server or a log), keeps it in the tab's session storage and
 * sends it on its own {@code fetch} calls. Those are same-origin GETs, which browsers send without
 * an {@code Origin} header, so the guard's refusal of {@code Origin} does not stop them, while
 * every state-changing endpoint (all POST, PUT and DELETE, which browsers always send with {@code
 * Origin}) keeps refusing browsers. Data requests another site makes the browser send ({@code
 * Sec-Fetch-Site: cross-site} or {@code same-site}) are refused too. Frame names reach the page as
 * escaped SVG text or through {@code textContent}, never as markup.
 *
 * <p>Thread-safe. Internal.
 */
final class UiResource {
  private static final String ASSETS = "/dev/fakeguru/internal/admin/ui/";
  private static final String FLAMEGRAPH_ASSETS = "/dev/fakeguru/flamegraph/";
  private static final int RECENT = 100;

  /** The routes served without the admin token: the page and its static files. */
  private static final Set<String> OPEN_TEMPLATES =
      Set.of(RouteTable.ADMIN_PREFIX + "ui", RouteTable.ADMIN_PREFIX + "ui/{asset}");

  private static final String PAGE_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

  private record Asset(String contentType, byte[] bytes) {}

  private static final Map<String, Asset> STATIC_ASSETS =
      Map.of(
          "app.js", asset("text/javascript; charset=utf-8", ASSETS + "app.js"),
          "app.css", asset("text/css; charset=utf-8", ASSETS + "app.css"),
          "flamegraph.js",
              asset("text/javascript; charset=utf-8", FLAMEGRAPH_ASSETS + "flamegraph.js"),
          "flamegraph.css", asset("text/css; charset=utf-8", FLAMEGRAPH_ASSETS + "flamegraph.css"));
  private static final Asset PAGE = asset("text/html; charset=utf-8", ASSETS + "index.html");

  private final Engine engine;
  private final RecordingResource recording;

  UiResource(Engine engine, RecordingResource recording) {
    this.engine = engine;
    this.recording = recording;
  }

  /** Whether the request is for the page or one of its static files, which need no token. */
  static boolean isOpenWithoutToken(Resolution resolution) {
    return resolution instanceof Match m && OPEN_TEMPLATES.contains(m.route().template());
  }

  HttpResponse page(Exchange e) {
    return secured(ok(PAGE), PAGE_POLICY);
  }

  HttpResponse asset(Exchange e) {
    Asset a = STATIC_ASSETS.get(e.path("asset"));
    if (a == null) {
      return secured(
          error(404, "The web page has no file '" + e.path("asset") + "'."), DATA_POLICY);
    }
    return secured(ok(a), DATA_POLICY);
  }

  /** Everything the page lists, in one answer: groups, recent posts and calls, faults, scripts. */
  HttpResponse data(Exchange e) {
    return dataEndpoint(
        e,
        () -> {
          allowParams(e.request());
          List<RecordedCall> calls = engine.journal().calls();
          List<RecordedProfilePost> posts = engine.journal().posts();
          Map<Long, RecordedCall> callOfPost = new HashMap<>();
          calls.forEach(c -> callOfPost.put(c.sequence(), c));
          Map<String, Integer> postsPerGroup = new LinkedHashMap<>();
          posts.forEach(p -> postsPerGroup.merge(p.profilingGroup(), 1, Integer::sum));

          ObjectNode o = JSON.createObjectNode();
          o.put("now", engine.now().toString());
          o.put("region", engine.settings().region());
          o.put("totalPosts", posts.size());
          o.put("totalCalls", calls.size());
          ArrayNode groups = o.putArray("groups");
          for (GroupState g : engine.groups().all()) {
            groups
                .addObject()
                .put("name", g.name())
                .put("posts", postsPerGroup.getOrDefault(g.name(), 0));
          }
          ArrayNode postArray = o.putArray("posts");
          for (int i = posts.size() - 1; i >= Math.max(0, posts.size() - RECENT); i--) {
            RecordedProfilePost p = posts.get(i);
            RecordedCall call = callOfPost.get(p.sequence());
            ObjectNode x = RecordingResource.postJson(p);
            x.put("status", call == null ? 0 : call.status());
            x.put("faultInjected", call != null && call.faultInjected());
            postArray.add(x);
          }
          ArrayNode callArray = o.putArray("calls");
          for (int i = calls.size() - 1; i >= Math.max(0, calls.size() - RECENT); i--) {
            callArray.add(RecordingResource.callJson(calls.get(i)));
          }
          ArrayNode faults = o.putArray("faults");
          for (InjectedFault f : engine.faults().active()) {
            faults
                .addObject()
                .put("id", f.id())
                .put("description", f.rule().toString())
                .put("timesApplied", f.timesApplied())
                .put("timesTargeted", f.timesTargeted());
          }
          ArrayNode scripts = o.putArray("scripts");
          engine.scripts().unconsumed().forEach(scripts::add);
          return json(200, o);
        });
  }

  /** The flame graph (SVG) of one post's decoded profile; 422 if it did not decode. */
  HttpResponse postFlameGraph(Exchange e) {
    return dataEndpoint(
        e,
        () -> {
          RecordedProfilePost p = recording.find(e);
          Profile profile = RecordingResource.decodedProfile(p);
          String title =
              "Post #"
                  + p.sequence()
                  + " · "
                  + p.profilingGroup()
                  + " · received "
                  + p.receivedAt();
          return svg(FlameGraph.of(profile).withTitle(title));
        });
  }

  /** The flame graph (SVG) of a group's aggregate over {@code [start, end)}. */
  HttpResponse aggregatedFlameGraph(Exchange e) {
    return dataEndpoint(
        e,
        () -> {
          Profile profile = recording.aggregate(e.request());
          String title =
              e.request().queryParam("group").orElseThrow()
                  + " · aggregated "
                  + profile.start()
                  + " – "
                  + profile.end();
          return svg(FlameGraph.of(profile).withTitle(title));
        });
  }

  private interface Producer {
    HttpResponse get();
  }

  /**
   * Refuses requests another site made the browser send, answers, and puts the security headers on
   * the answer and on errors alike.
   */
  private static HttpResponse dataEndpoint(Exchange e, Producer answer) {
    String site = e.request().header("sec-fetch-site").orElse("");
    if (site.equals("cross-site") || site.equals("same-site")) {
      return secured(
          error(
              403,
              "The web page's data is only for the page itself (Sec-Fetch-Site " + site + ")."),
          DATA_POLICY);
    }
    try {
      return secured(answer.get(), DATA_POLICY);
    } catch (BadRequest ex) {
      return secured(error(ex.status, ex.getMessage()), DATA_POLICY);
    } catch (IllegalArgumentException | DateTimeException ex) {
      return secured(error(400, ex.getMessage()), DATA_POLICY);
    }
  }

  private static HttpResponse svg(FlameGraph graph) {
    return new HttpResponse(
        200,
        Map.of("Content-Type", "image/svg+xml; charset=utf-8"),
        graph.toSvg().getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse ok(Asset a) {
    return new HttpResponse(200, Map.of("Content-Type", a.contentType()), a.bytes());
  }

  private static HttpResponse secured(HttpResponse r, String policy) {
    return r.withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Content-Security-Policy", policy)
        .withHeader("Cross-Origin-Resource-Policy", "same-origin")
        .withHeader("X-Frame-Options", "DENY")
        .withHeader("Referrer-Policy", "no-referrer")
        .withHeader("Cache-Control", "no-store");
  }

  private static Asset asset(String contentType, String path) {
    try (InputStream in = UiResource.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("FakeGuru's " + path + " is missing from the classpath");
      }
      return new Asset(contentType, in.readAllBytes());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}

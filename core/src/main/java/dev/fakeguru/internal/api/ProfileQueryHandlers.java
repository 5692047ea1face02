package dev.fakeguru.internal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.RecentlyUsed;
import dev.fakeguru.internal.aggregation.AggregationPeriod;
import dev.fakeguru.internal.aggregation.ProfileAggregator.BucketRef;
import dev.fakeguru.internal.aggregation.ProfileAggregator.Neighbours;
import dev.fakeguru.internal.codec.ProfileEncoder;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.wire.Wire;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * ListProfileTimes and GetProfile: reading the aggregates (or the scripted answers) back, with the
 * time-range rules, {@code maxDepth} and content negotiation. Thread-safe. Internal.
 */
final class ProfileQueryHandlers {
  static final Duration MAX_RANGE = Duration.ofDays(7);

  /** The time-range rule, as every refusal of it starts. */
  static final String RANGE_RULE =
      "Give the time range as period alone, or as exactly two of startTime, endTime and period; ";

  private final Engine engine;
  private final RecentEncodings encodings = new RecentEncodings();

  ProfileQueryHandlers(Engine engine) {
    this.engine = engine;
    engine.onReset(encodings::clear);
  }

  HttpResponse listProfileTimes(Exchange e) {
    HttpRequest req = e.request();
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
    int max =
        Params.optionalInt(req, "maxResults", 1, 1000)
            .orElse(ProfilingGroupHandlers.DEFAULT_PAGE_SIZE);
    String name = e.path("profilingGroupName");
    // A position is an instant of this group's buckets of this period, in this order. The range is
    // left out on purpose: it only filters, and callers that compute "now" for every page (as the
    // matrix's SDK clients do) send a slightly different endTime each time.
    String scope = String.join("|", "ListProfileTimes", name, periodWire, orderBy);
    String after = Params.continueAfter(engine.pageTokens(), req, scope);
    Params.ordered(start, end);
    ProfilingGroupHandlers.requireGroup(engine, name);
    List<Instant> times =
        new ArrayList<>(engine.profiles().aggregator().profileTimes(name, period, start, end));
    boolean descending = orderBy.equals("TimestampDescending");
    if (descending) {
      Collections.reverse(times);
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
      out.put("nextToken", engine.pageTokens().issue(scope, page.get(page.size() - 1).toString()));
    }
    return Wire.json(200, out);
  }

  HttpResponse getProfile(Exchange e) {
    HttpRequest req = e.request();
    Optional<Instant> start = Params.optionalTimestamp(req, "startTime");
    Optional<Instant> end = Params.optionalTimestamp(req, "endTime");
    Optional<Duration> period = req.queryParam("period").map(p -> Params.duration("period", p));
    Optional<Integer> maxDepth = Params.optionalInt(req, "maxDepth", 1, 10000);
    ProfileFormat format = negotiate(req.header("accept").orElse(null));
    int given =
        (start.isPresent() ? 1 : 0) + (end.isPresent() ? 1 : 0) + (period.isPresent() ? 1 : 0);
    if (given == 0) {
      throw ServiceException.validation(RANGE_RULE + "none was given.");
    }
    if (given == 3) {
      throw ServiceException.validation(RANGE_RULE + "all three were given.");
    }
    if (given == 1 && period.isEmpty()) {
      throw ServiceException.validation(
          RANGE_RULE
              + (start.isPresent()
                  ? "only startTime was given (add endTime or period)."
                  : "only endTime was given (add startTime or period)."));
    }
    if (period.isPresent() && period.get().compareTo(MAX_RANGE) > 0) {
      throw ServiceException.invalidMember(
          "period", req.queryParam("period").get(), "Member must be at most 7 days (P7D)");
    }
    Instant from;
    Instant to;
    Optional<AggregationPeriod> latestOf = Optional.empty();
    if (given == 1) {
      to = engine.now();
      from = to.minus(period.get());
      latestOf = AggregationPeriod.ofDuration(period.get());
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
            "startTime must be before endTime (startTime "
                + Wire.timestamp(from)
                + ", endTime "
                + Wire.timestamp(to)
                + ")");
      }
      if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
        // Only startTime and endTime can get here: a period over 7 days was refused above.
        throw ServiceException.invalidMember(
            "endTime",
            Wire.timestamp(to),
            "Member must be at most 7 days (P7D) after startTime ("
                + Wire.timestamp(from)
                + "), but the range was "
                + Duration.between(from, to)
                + ".");
      }
    }
    String name = e.path("profilingGroupName");
    Params.profilingGroupName("profilingGroupName", name);
    Optional<ScriptedProfileResponse> scripted = engine.scripts().nextProfile(name, from, to);
    if (scripted.isPresent()) {
      return render(scripted.get(), format, maxDepth);
    }
    GroupState g = engine.groups().require(name);
    Optional<Profile> result =
        latestOf.isPresent()
            ? engine.profiles().aggregator().latest(g.name(), latestOf.get())
            : engine.aggregatedProfile(g.name(), from, to);
    Profile profile;
    if (result.isPresent()) {
      profile = result.get();
    } else if (engine.settings().emptyRangePolicy() == EmptyRangePolicy.EMPTY_PROFILE) {
      profile = Profile.builder(from, to).build();
    } else {
      throw ServiceException.notFound(noDataMessage(name, from, to));
    }
    return profileResponse(
        format.contentType(), encodings.encode(profile, format, maxDepth), false);
  }

  /** The 404 for a range without data, saying where the group's data is (a new user's puzzle). */
  private String noDataMessage(String name, Instant from, Instant to) {
    String missing =
        "No aggregated profile of profiling group '"
            + name
            + "' covers "
            + Wire.timestamp(from)
            + " to "
            + Wire.timestamp(to)
            + ".";
    Neighbours near = engine.profiles().aggregator().neighbours(name, from, to);
    if (near.before().isEmpty() && near.after().isEmpty()) {
      return missing + " The group holds no aggregated data (none stored, or all past retention).";
    }
    return missing
        + " Nearest data before: "
        + describe(near.before())
        + "; after: "
        + describe(near.after())
        + ". A profile is aggregated into the buckets containing its start.";
  }

  private static String describe(Optional<BucketRef> bucket) {
    return bucket
        .map(
            b ->
                "the "
                    + b.period()
                    + " bucket "
                    + Wire.timestamp(b.start())
                    + " to "
                    + Wire.timestamp(b.end()))
        .orElse("none");
  }

  private static HttpResponse render(
      ScriptedProfileResponse s, ProfileFormat negotiated, Optional<Integer> maxDepth) {
    byte[] body;
    String contentType;
    if (s.profile().isPresent()) {
      Profile p = maxDepth.map(d -> s.profile().get().truncate(d)).orElse(s.profile().get());
      ProfileFormat f = s.format().orElse(negotiated);
      body = ProfileEncoder.encode(p, f);
      contentType = f.contentType();
    } else {
      body = s.bytes().orElseThrow();
      contentType = s.contentType().orElseThrow();
    }
    return profileResponse(contentType, s.isGzipped() ? gzip(body) : body, s.isGzipped());
  }

  private static HttpResponse profileResponse(String contentType, byte[] body, boolean gzipped) {
    Map<String, String> headers = Wire.baseHeaders();
    headers.put("Content-Type", contentType);
    if (gzipped) {
      headers.put("Content-Encoding", "gzip");
    }
    return new HttpResponse(200, headers, body);
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
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

  /**
   * The encoded answers of the last few GetProfile reads, by aggregate (the aggregator returns the
   * same instance while nothing changed), format and depth: polling one range encodes it once per
   * change.
   */
  private static final class RecentEncodings {
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
      byte[] bytes = ProfileEncoder.encode(shown, format);
      recent.put(key, bytes);
      return bytes;
    }

    void clear() {
      recent.clear();
    }
  }
}

package dev.fakeguru.internal.admin;

import static dev.fakeguru.internal.admin.AdminJson.JSON;
import static dev.fakeguru.internal.admin.AdminJson.abbreviate;
import static dev.fakeguru.internal.admin.AdminJson.allowOnly;
import static dev.fakeguru.internal.admin.AdminJson.body;
import static dev.fakeguru.internal.admin.AdminJson.instant;
import static dev.fakeguru.internal.admin.AdminJson.json;
import static dev.fakeguru.internal.admin.AdminJson.noContent;
import static dev.fakeguru.internal.admin.AdminJson.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.admin.AdminJson.BadRequest;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.wire.Wire;
import dev.fakeguru.time.SettableClock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Set;

/** {@code status}, {@code clock} and {@code reset}: the fake as a whole. Thread-safe. Internal. */
final class ControlResource {
  private final Engine engine;

  ControlResource(Engine engine) {
    this.engine = engine;
  }

  HttpResponse status(Exchange e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("region", engine.settings().region());
    o.put("accountId", engine.settings().accountId());
    o.put("now", engine.now().toString());
    ArrayNode names = o.putArray("profilingGroups");
    engine.groups().names().forEach(names::add);
    o.put("calls", engine.journal().retainedCalls());
    o.put("posts", engine.journal().retainedPosts());
    o.put("evictedCalls", engine.journal().evictedCalls());
    o.put("evictedPosts", engine.journal().evictedPosts());
    o.put("recordedBytes", engine.journal().retainedBytes());
    o.put("maxRecordedBytes", engine.journal().maxBytes());
    o.put("aggregatedNodes", engine.profiles().aggregator().nodes());
    o.put("maxAggregatedNodes", engine.profiles().aggregator().maxNodes());
    ArrayNode problems = o.putArray("dataDirectoryProblems");
    engine.persistence().problems().forEach(problems::add);
    return json(200, o);
  }

  HttpResponse clock(Exchange e) {
    return clockJson();
  }

  private HttpResponse clockJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("now", engine.now().toString());
    o.put("settable", engine.clock() instanceof SettableClock);
    return json(200, o);
  }

  private SettableClock settableClock() {
    if (engine.clock() instanceof SettableClock s) {
      return s;
    }
    throw new BadRequest(
        409,
        "The fake's clock is a "
            + engine.clock().getClass().getName()
            + ", not a SettableClock, so it cannot be set or advanced; build the fake with"
            + " clock(SettableClock.at(...)) or without a clock.");
  }

  HttpResponse setClock(Exchange e) {
    JsonNode body = body(e.request());
    allowOnly(body, "", Set.of("now"));
    Instant now = instant("now", requiredText(body, "now"));
    SettableClock clock = settableClock();
    requireClockRange("now", now.toString(), now);
    clock.set(now);
    return clockJson();
  }

  HttpResponse advanceClock(Exchange e) {
    JsonNode body = body(e.request());
    allowOnly(body, "", Set.of("by"));
    String by = requiredText(body, "by");
    Duration d = clockStep(by);
    SettableClock clock = settableClock();
    Instant target;
    try {
      target = clock.instant().plus(d);
    } catch (DateTimeException | ArithmeticException ex) {
      target = null;
    }
    requireClockRange("by", by, target);
    clock.advance(d);
    return clockJson();
  }

  /**
   * A step of the clock: an ISO-8601 duration in any form {@code java.time} reads as a fixed
   * length, {@code PnDTnHnMn.nS} ({@code P16D}, {@code PT384H}, {@code P1DT12H}, {@code -PT5M}) or
   * weeks and days ({@code P2W}, {@code P1W2D}). Months and years have no fixed length.
   */
  static Duration clockStep(String by) {
    try {
      return Duration.parse(by);
    } catch (DateTimeException notADuration) {
      // weeks are only read as a Period
    }
    Period period;
    try {
      period = Period.parse(by);
    } catch (DateTimeException notAPeriod) {
      throw new BadRequest(
          400,
          "by must be an ISO-8601 duration such as \"P16D\", \"PT384H\", \"P2W\" or \"PT5M\""
              + " (days and weeks before the T, hours, minutes and seconds after it), but was \""
              + abbreviate(by)
              + "\".");
    }
    if (period.getYears() != 0 || period.getMonths() != 0) {
      throw new BadRequest(
          400,
          "by \""
              + abbreviate(by)
              + "\" counts months or years, which have no fixed length; give days, such as \"P30D\".");
    }
    return Duration.ofDays(period.getDays());
  }

  /** The fake's clock stays in years 0001 to 9999, the range of the AWS timestamp format. */
  private static void requireClockRange(String field, String given, Instant target) {
    if (target == null || !Wire.inTimestampRange(target)) {
      throw new BadRequest(
          400,
          field
              + " \""
              + abbreviate(given)
              + "\" would put the clock outside years 0001 to 9999 (the range of AWS timestamps).");
    }
  }

  HttpResponse reset(Exchange e) {
    engine.reset();
    return noContent();
  }
}

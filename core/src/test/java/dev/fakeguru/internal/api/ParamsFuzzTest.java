package dev.fakeguru.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fuzzes the request parsers directly, thousands of times faster than over HTTP: the query string
 * parser ({@link HttpRequest#of}) and every {@link Params} validator. The property: a parser
 * returns a value that satisfies its constraint, or throws a 400 {@code ValidationException} naming
 * the member; any other exception is a bug (it would be a 500).
 *
 * <p>An input is one parameter value (UTF-8, malformed sequences replaced), given to every
 * validator, and also one raw query string.
 *
 * <p>Fuzzing: {@code JAZZER_FUZZ=1 mvn -B -pl core -am test -Dtest='ParamsFuzzTest#parse'
 * -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=5m}.
 */
class ParamsFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void parse(byte[] input) {
    String value = new String(input, StandardCharsets.UTF_8);

    parsedOrRejected("startTime", () -> Params.timestamp("startTime", value));
    Duration d = parsedOrRejected("period", () -> Params.duration("period", value));
    if (d != null) {
      assertThat(d).isPositive();
    }
    Integer depth =
        parsedOrRejected("maxDepth", () -> Params.intInRange("maxDepth", value, 1, 10_000));
    if (depth != null) {
      assertThat(depth).isBetween(1, 10_000);
    }
    Boolean flag =
        parsedOrRejected("includeDescription", () -> Params.bool("includeDescription", value));
    if (flag != null) {
      assertThat(value).isEqualToIgnoringCase(flag.toString());
    }
    String name =
        parsedOrRejected(
            "profilingGroupName", () -> Params.profilingGroupName("profilingGroupName", value));
    if (name != null) {
      assertThat(name).matches(Params.NAME_PATTERN).hasSizeBetween(1, 255);
    }
    parsedOrRejected("clientToken", () -> Params.token("clientToken", value));
    parsedOrRejected("fleetInstanceId", () -> Params.uuid("fleetInstanceId", value));
    parsedOrRejected("period", () -> Params.oneOf("period", value, List.of("PT5M", "PT1H", "P1D")));

    // The same bytes as a raw query string: parsed, or refused for a malformed escape only.
    HttpRequest req;
    try {
      req = HttpRequest.of("GET", "/profilingGroups/my-app/profile?" + value, Map.of(), null);
    } catch (HttpRequest.MalformedRequest refused) {
      assertThat(value).contains("%");
      assertThat(refused.getMessage()).contains("malformed percent-escape");
      return;
    }
    assertThat(req.segments()).containsExactly("profilingGroups", "my-app", "profile");
    req.query().forEach((k, v) -> assertThat(v).isNotEmpty());
  }

  /**
   * Every timestamp the fake accepts can be written in its answers' format ({@link Wire#timestamp})
   * and read back as the same instant (to the millisecond the format keeps), as a client echoing a
   * {@code ListProfileTimes} answer into {@code GetProfile} would.
   */
  @FuzzTest(maxDuration = "2m")
  void timestamps_survive_the_wire_format(byte[] input) {
    String value = new String(input, StandardCharsets.UTF_8);
    Instant t = parsedOrRejected("startTime", () -> Params.timestamp("startTime", value));
    if (t != null) {
      assertThat(Params.timestamp("startTime", Wire.timestamp(t)))
          .isEqualTo(t.truncatedTo(ChronoUnit.MILLIS));
    }
  }

  private static <T> T parsedOrRejected(String member, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (ServiceException rejected) {
      assertThat(rejected.status()).isEqualTo(400);
      assertThat(rejected.errorType()).isEqualTo("ValidationException");
      assertThat(rejected.getMessage()).contains("'" + member + "'");
      return null;
    }
  }
}

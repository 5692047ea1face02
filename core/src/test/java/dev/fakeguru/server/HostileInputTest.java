package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.time.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken requests, written byte for byte on a socket: each gets the documented 4xx with
 * a message that names the problem, the server keeps serving, and the stored state is byte-for-byte
 * what it was.
 */
class HostileInputTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  static FakeCodeGuruProfiler fake;

  @BeforeAll
  static void startWithState() throws Exception {
    fake =
        FakeCodeGuruProfiler.builder()
            .clock(SettableClock.at(T0.plusSeconds(7200)))
            .profilingGroup("g")
            .profilingGroup("big")
            .start();
    for (int i = 0; i < 3; i++) {
      Profile p =
          Profile.builder(T0.plusSeconds(300L * i), T0.plusSeconds(300L * i + 60))
              .stack(5 + i, "main", "work")
              .build();
      assertThat(
              send(
                      "POST",
                      "/profilingGroups/g/agentProfile?profileToken=seed" + i,
                      json(p),
                      "Content-Type",
                      "application/json")
                  .status())
          .isEqualTo(204);
    }
    Profile big = Profile.builder(T0, T0.plusSeconds(60)).stack(Long.MAX_VALUE - 5, "main").build();
    assertThat(
            send(
                    "POST",
                    "/profilingGroups/big/agentProfile",
                    json(big),
                    "Content-Type",
                    "application/json")
                .status())
        .isEqualTo(204);
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  record Case(
      String name,
      String method,
      String target,
      byte[] body,
      String[] headers,
      int status,
      String messagePart) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case post(
      String name, byte[] body, String contentType, int status, String messagePart) {
    String[] headers =
        contentType == null ? new String[0] : new String[] {"Content-Type", contentType};
    return new Case(
        name,
        "POST",
        "/profilingGroups/g/agentProfile?profileToken=hostile",
        body,
        headers,
        status,
        messagePart);
  }

  private static Case get(
      String name, String target, int status, String messagePart, String... headers) {
    return new Case(name, "GET", target, new byte[0], headers, status, messagePart);
  }

  static Stream<Case> cases() throws Exception {
    byte[] good = json(Profile.builder(T0, T0.plusSeconds(60)).stack(3, "main").build());
    byte[] ion =
        ProfileCodec.defaults()
            .encode(
                Profile.builder(T0, T0.plusSeconds(60)).stack(3, "main").build(),
                ProfileFormat.ION_BINARY);
    List<Case> c = new ArrayList<>();
    String J = "application/json";
    String ION = "application/x-amzn-ion";
    // Bodies that are not profiles
    c.add(post("malformed JSON", utf8("{\"start\":"), J, 400, "the JSON ends too early"));
    c.add(
        post(
            "JSON syntax error",
            utf8("{\"start\": 1,, \"end\": 2}"),
            J,
            400,
            "malformed JSON at line 1"));
    c.add(
        post(
            "truncated JSON",
            Arrays.copyOf(good, good.length / 2),
            J,
            400,
            "Invalid agentProfile"));
    c.add(
        post(
            "trailing garbage",
            concat(good, utf8(" trailing")),
            J,
            400,
            "malformed JSON at line 1, column 114: Unrecognized token 'trailing'"));
    c.add(
        post(
            "a second JSON value",
            concat(good, utf8(" {}")),
            J,
            400,
            "unexpected content after the profile object"));
    c.add(post("JSON array", utf8("[1,2,3]"), J, 400, "$: expected an object but was an array"));
    c.add(post("JSON null", utf8("null"), J, 400, "expected an object but was null"));
    c.add(
        post(
            "garbage Ion binary",
            concat(new byte[] {(byte) 0xE0, 1, 0, (byte) 0xEA}, utf8("\u00ff\u00fe garbage")),
            ION,
            400,
            "Invalid agentProfile"));
    c.add(
        post(
            "truncated Ion binary",
            Arrays.copyOf(ion, ion.length - 7),
            ION,
            400,
            "Invalid agentProfile"));
    c.add(post("garbage Ion text", utf8("{{{ not ion ]]"), ION, 400, "Invalid agentProfile"));
    c.add(
        post(
            "truncated gzip",
            Arrays.copyOf(RawHttp.gzip(good), 20),
            J,
            400,
            "the gzip body is truncated"));
    c.add(
        post(
            "gzip bomb",
            gzipZeros(256L << 20),
            J,
            400,
            "inflates to more than 67108864 bytes (limit maxDecompressedBytes)"));
    c.add(
        new Case(
            "gzip label on a plain body",
            "POST",
            "/profilingGroups/g/agentProfile",
            good,
            new String[] {"Content-Type", J, "Content-Encoding", "gzip"},
            400,
            "Content-Encoding says gzip"));
    c.add(
        post(
            "body over the size limit",
            new byte[(16 << 20) + 10],
            J,
            400,
            "larger than 16777216 bytes"));
    c.add(
        post(
            "100,000-deep call graph",
            deepCallGraph(100_000),
            J,
            400,
            "deeper than 10000 frames (limit maxDepth)"));
    c.add(
        post(
            "negative count",
            profileWithCounts("-3"),
            J,
            400,
            "counts.WALL_TIME: expected a non-negative integer that fits 64 bits but was -3"));
    c.add(
        post(
            "fractional count",
            profileWithCounts("2.5"),
            J,
            400,
            "expected a non-negative integer but was 2.5"));
    c.add(post("huge count", profileWithCounts("99999999999999999999999"), J, 400, "fits 64 bits"));
    c.add(
        post(
            "count as string",
            profileWithCounts("\"7\""),
            J,
            400,
            "expected a non-negative integer but was a string"));
    c.add(
        post(
            "children as array",
            utf8("{\"start\":1,\"end\":2,\"callgraph\":{\"children\":[1]}}"),
            J,
            400,
            "$.callgraph.children: expected an object keyed by frame name but was an array"));
    c.add(
        post(
            "line as string",
            utf8("{\"start\":1,\"end\":2,\"callgraph\":{\"children\":{\"a\":{\"line\":\"7\"}}}}"),
            J,
            400,
            "\"].line: expected an array of one or two line numbers but was a string"));
    c.add(
        post(
            "start as object",
            utf8("{\"start\":{},\"end\":2,\"callgraph\":{}}"),
            J,
            400,
            "$.start: expected epoch milliseconds but was an object"));
    c.add(
        post(
            "missing call graph",
            utf8("{\"start\":1,\"end\":2}"),
            J,
            400,
            "$.callgraph: the profile has no call graph"));
    c.add(
        post(
            "missing start",
            utf8("{\"end\":2,\"callgraph\":{}}"),
            J,
            400,
            "$.start: the profile has no start"));
    c.add(
        post(
            "empty body",
            new byte[0],
            J,
            400,
            "at 'agentProfile' failed to satisfy constraint: Member must not be empty"));
    c.add(
        post(
            "unsupported Content-Type",
            good,
            "text/plain",
            400,
            "Value 'text/plain' at 'contentType'"));
    c.add(
        post(
            "no Content-Type",
            good,
            null,
            400,
            "Value null at 'contentType' failed to satisfy constraint: Member must not be null"));
    c.add(
        post(
            "metadata nested 1,000 deep",
            utf8(
                "{\"start\":1,\"end\":2,\"agentMetadata\":"
                    + "[".repeat(1000)
                    + "]".repeat(1000)
                    + ",\"callgraph\":{}}"),
            J,
            400,
            "nest deeper than 256 levels"));
    c.add(
        new Case(
            "overflow when aggregated",
            "POST",
            "/profilingGroups/big/agentProfile",
            profileWithCounts("10"),
            new String[] {"Content-Type", J},
            400,
            "overflow"));
    // Names and tokens
    c.add(
        new Case(
            "group name with a space",
            "POST",
            "/profilingGroups/bad%20name/agentProfile",
            good,
            new String[] {"Content-Type", J},
            400,
            "Value 'bad name' at 'profilingGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern"));
    c.add(
        new Case(
            "unicode group name",
            "POST",
            "/profilingGroups/gr%C3%BCn/agentProfile",
            good,
            new String[] {"Content-Type", J},
            400,
            "Value 'grün' at 'profilingGroupName'"));
    c.add(
        get(
            "group name too long",
            "/profilingGroups/" + "a".repeat(256),
            400,
            "Member must have length between 1 and 255 (was 256)"));
    c.add(
        new Case(
            "token with a space",
            "POST",
            "/profilingGroups/g/agentProfile?profileToken=a%20b",
            good,
            new String[] {"Content-Type", J},
            400,
            "Value 'a b' at 'profileToken'"));
    c.add(
        new Case(
            "token too long",
            "POST",
            "/profilingGroups/g/agentProfile?profileToken=" + "t".repeat(65),
            good,
            new String[] {"Content-Type", J},
            400,
            "Member must have length between 1 and 64 (was 65)"));
    c.add(
        new Case(
            "client token with unicode",
            "POST",
            "/profilingGroups?clientToken=%E2%9C%93",
            utf8("{\"profilingGroupName\":\"new\"}"),
            new String[] {"Content-Type", J},
            400,
            "at 'clientToken'"));
    // Query parameters
    c.add(
        get(
            "unparsable startTime",
            "/profilingGroups/g/profile?startTime=last-tuesday&period=PT5M",
            400,
            "Value 'last-tuesday' at 'startTime'"));
    c.add(
        get(
            "unparsable period",
            "/profilingGroups/g/profile?startTime=2024-01-02T03:00:00Z&period=P1X",
            400,
            "Value 'P1X' at 'period'"));
    c.add(
        get(
            "endTime near the first instant Java can parse (found by fuzzing)",
            "/profilingGroups/g/profile?endTime=-999999999-01-01T01:00:00Z&period=PT2H",
            400,
            "at 'endTime' failed to satisfy constraint: Member must be a timestamp from year 0001 to year 9999"));
    c.add(
        get(
            "startTime plus period after year 9999",
            "/profilingGroups/g/profile?startTime=9999-12-31T23:00:00Z&period=PT2H",
            400,
            "startTime plus period is outside the range"));
    c.add(
        get(
            "negative period",
            "/profilingGroups/g/profile?startTime=2024-01-02T03:00:00Z&period=-PT5M",
            400,
            "Member must be a positive duration"));
    c.add(
        get(
            "maxDepth 0",
            "/profilingGroups/g/profile?period=PT5M&maxDepth=0",
            400,
            "at 'maxDepth' failed to satisfy constraint: Member must have value greater than or equal to 1"));
    c.add(
        get(
            "maxDepth 10001",
            "/profilingGroups/g/profile?period=PT5M&maxDepth=10001",
            400,
            "less than or equal to 10000"));
    c.add(
        get(
            "maxDepth not a number",
            "/profilingGroups/g/profile?period=PT5M&maxDepth=deep",
            400,
            "Value 'deep' at 'maxDepth' failed to satisfy constraint: Member must be an integer"));
    c.add(
        get(
            "maxResults too large",
            "/profilingGroups/g/profileTimes?startTime=2024-01-02T03:00:00Z&endTime=2024-01-02T04:00:00Z&period=PT5M&maxResults=5000",
            400,
            "at 'maxResults'"));
    c.add(
        get(
            "unsupported Accept",
            "/profilingGroups/g/profile?period=PT5M",
            400,
            "Value 'text/html' at 'accept'",
            "Accept",
            "text/html"));
    c.add(
        get(
            "unknown orderBy",
            "/profilingGroups/g/profileTimes?startTime=2024-01-02T03:00:00Z&endTime=2024-01-02T04:00:00Z&period=PT5M&orderBy=sideways",
            400,
            "Value 'sideways' at 'orderBy'"));
    c.add(
        get(
            "all three range parameters",
            "/profilingGroups/g/profile?startTime=2024-01-02T03:00:00Z&endTime=2024-01-02T04:00:00Z&period=PT1H",
            400,
            "all three were given"));
    // Operations, methods and bodies of other operations
    c.add(
        get(
            "unknown operation",
            "/profilingGroups/g/flamegraph",
            404,
            "No CodeGuru Profiler operation matches GET /profilingGroups/g/flamegraph"));
    c.add(
        get(
            "WireMock's admin API (not served)",
            "/__admin/mappings",
            404,
            "No CodeGuru Profiler operation matches GET /__admin/mappings"));
    c.add(
        new Case(
            "WireMock's shutdown (not served)",
            "POST",
            "/__admin/shutdown",
            new byte[0],
            new String[0],
            404,
            "No CodeGuru Profiler operation matches POST /__admin/shutdown"));
    c.add(
        new Case(
            "unknown method",
            "BREW",
            "/profilingGroups",
            new byte[0],
            new String[0],
            405,
            "BREW is not allowed on /profilingGroups"));
    c.add(
        new Case(
            "PATCH on a group",
            "PATCH",
            "/profilingGroups/g",
            utf8("{}"),
            new String[] {"Content-Type", J},
            405,
            "allowed: GET, PUT, DELETE"));
    c.add(
        new Case(
            "create with a non-JSON body",
            "POST",
            "/profilingGroups?clientToken=abc",
            utf8("name=x"),
            new String[] {"Content-Type", J},
            400,
            "Could not parse the request body as JSON"));
    c.add(
        new Case(
            "create with a JSON array",
            "POST",
            "/profilingGroups?clientToken=abc",
            utf8("[]"),
            new String[] {"Content-Type", J},
            400,
            "The request body must be a JSON object, but was array"));
    c.add(
        new Case(
            "update without the config",
            "PUT",
            "/profilingGroups/g",
            utf8("{}"),
            new String[] {"Content-Type", J},
            400,
            "Value null at 'agentOrchestrationConfig' failed to satisfy constraint: Member must not be null"));
    c.add(
        new Case(
            "configure agent with a numeric metadata value",
            "POST",
            "/profilingGroups/g/configureAgent",
            utf8("{\"metadata\":{\"AgentId\":7}}"),
            new String[] {"Content-Type", J},
            400,
            "at 'metadata.AgentId' failed to satisfy constraint: Member must be a string"));
    c.add(
        new Case(
            "tag value that is not a string",
            "POST",
            "/tags/" + encodedArn("g"),
            utf8("{\"tags\":{\"k\":1}}"),
            new String[] {"Content-Type", J},
            400,
            "at 'tags.k' failed to satisfy constraint: Member must be a string"));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void is_refused_clearly_and_changes_nothing(Case c) throws Exception {
    String before = observableState();

    RawHttp.Response r = send(c.method, c.target, c.body, c.headers);

    assertThat(r.status()).as("status of %s: %s", c.name, r.bodyText()).isEqualTo(c.status);
    assertThat(r.bodyText()).as(c.name).contains(c.messagePart);
    assertThat(r.header("x-amzn-errortype")).as(c.name).isNotNull();
    assertThat(observableState()).as("state after " + c.name).isEqualTo(before);
  }

  @Test
  void there_are_at_least_forty_cases() throws Exception {
    assertThat(cases().count()).isGreaterThanOrEqualTo(40);
  }

  /**
   * Everything a client can read back, as bytes; timestamps of agent calls are not touched by
   * refused calls.
   */
  private static String observableState() throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(send("GET", "/profilingGroups?includeDescription=true", new byte[0]).bodyText());
    for (String g : List.of("g", "big")) {
      sb.append(
          send(
                  "GET",
                  "/profilingGroups/"
                      + g
                      + "/profile?startTime=2024-01-02T03:00:00Z&endTime=2024-01-02T04:00:00Z",
                  new byte[0],
                  "Accept",
                  "application/json")
              .bodyText());
      sb.append(
          send(
                  "GET",
                  "/profilingGroups/"
                      + g
                      + "/profileTimes?startTime=2024-01-02T03:00:00Z&endTime=2024-01-02T04:00:00Z&period=PT5M",
                  new byte[0])
              .bodyText());
    }
    sb.append(fake.profilePosts().stream().filter(RecordedProfilePost::stored).count());
    return sb.toString();
  }

  /**
   * One request on its own connection, bytes exactly as given; {@code headers} are name, value
   * pairs.
   */
  static RawHttp.Response send(String method, String target, byte[] body, String... headers)
      throws IOException {
    Map<String, String> named = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      named.put(headers[i], headers[i + 1]);
    }
    return RawHttp.send(fake.port(), Duration.ofSeconds(30), method, target, named, body);
  }

  static byte[] json(Profile p) {
    return ProfileCodec.defaults().encode(p, ProfileFormat.JSON);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static byte[] profileWithCounts(String count) {
    return utf8(
        "{\"start\":1704164400000,\"end\":1704164460000,\"callgraph\":{\"children\":{\"main\":{\"counts\":{\"WALL_TIME\":"
            + count
            + "}}}}}");
  }

  private static String encodedArn(String group) {
    return fake.profilingGroupArn(group).replace(":", "%3A").replace("/", "%2F");
  }

  private static byte[] gzipZeros(long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      for (long written = 0; written < size; written += zeros.length) {
        gz.write(zeros);
      }
    }
    return out.toByteArray();
  }

  private static byte[] deepCallGraph(int depth) {
    StringBuilder sb =
        new StringBuilder("{\"start\":1704164400000,\"end\":1704164460000,\"callgraph\":");
    for (int i = 0; i < depth; i++) {
      sb.append("{\"children\":{\"f").append(i % 10).append("\":");
    }
    sb.append("{\"counts\":{\"WALL_TIME\":1}}");
    for (int i = 0; i < depth; i++) {
      sb.append("}}");
    }
    return utf8(sb.append('}').toString());
  }
}

package dev.fakeguru.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.ProfileFormatException.Problem;
import dev.fakeguru.server.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the codec classifies a body it cannot decode: one row per body, with the {@link Problem}, the
 * path and the start of the detail a caller (and the fake's 400 answer) gets.
 */
class ProfileFormatExceptionTest {
  private static final CodecLimits SMALL =
      CodecLimits.builder()
          .maxCompressedBytes(2048)
          .maxDecompressedBytes(4096)
          .maxDepth(4)
          .maxNodes(5)
          .build();
  private static final String VALID =
      "{\"start\": 1, \"end\": 2, \"callgraph\": {\"children\": {\"main\": {\"counts\":"
          + " {\"WALL_TIME\": 3}}}}}";

  static Stream<Arguments> bodies() {
    return Stream.of(
        row("no body", "", null, Problem.EMPTY, "$", "the body is empty"),
        row(
            "a gzip stream of nothing",
            gzip(new byte[0]),
            null,
            Problem.EMPTY,
            "$",
            "the gzip body inflates to nothing"),
        row(
            "only blanks, as JSON",
            "   ",
            "application/json",
            Problem.EMPTY,
            "$",
            "the body holds no JSON value"),
        row(
            "broken JSON syntax",
            "{\"start\": 1,, }",
            "application/json",
            Problem.MALFORMED,
            "$",
            "malformed JSON at line 1, column"),
        row(
            "gzip announced but not sent",
            VALID,
            "gzip",
            Problem.MALFORMED,
            "$",
            "Content-Encoding says gzip, but the body does not start with the gzip magic bytes"),
        row(
            "a corrupt gzip stream",
            corruptGzip(),
            null,
            Problem.MALFORMED,
            "$",
            "the gzip body is corrupt"),
        row(
            "content after the profile",
            VALID + " {}",
            "application/json",
            Problem.MALFORMED,
            "$",
            "unexpected content after the profile object"),
        row(
            "JSON cut inside the call graph",
            VALID.substring(0, 40),
            "application/json",
            Problem.TRUNCATED,
            "$",
            "the JSON ends too early"),
        row(
            "a gzip stream cut in half",
            half(gzip(VALID.getBytes(StandardCharsets.UTF_8))),
            null,
            Problem.TRUNCATED,
            "$",
            "the gzip body is truncated"),
        row(
            "Ion text cut inside a struct",
            "{start: 1, end: 2, callgraph: {children: {",
            "application/x-amzn-ion",
            Problem.TRUNCATED,
            "$",
            "the Ion ends too early"),
        row(
            "an object where a timestamp belongs",
            "{\"start\": {}, \"end\": 2, \"callgraph\": {}}",
            "application/json",
            Problem.WRONG_TYPE,
            "$.start",
            "expected"),
        row(
            "a string that is no timestamp",
            "{\"start\": \"yesterday\", \"end\": 2, \"callgraph\": {}}",
            "application/json",
            Problem.INVALID_VALUE,
            "$.start",
            "expected epoch milliseconds or an ISO-8601 instant but was \"yesterday\""),
        row(
            "an array where the profile belongs",
            "[1, 2]",
            "application/json",
            Problem.WRONG_TYPE,
            "$",
            "expected"),
        row(
            "no start",
            "{\"end\": 2, \"callgraph\": {}}",
            "application/json",
            Problem.MISSING_FIELD,
            "$.start",
            "the profile has no start (epoch milliseconds)"),
        row(
            "no end",
            "{\"start\": 1, \"callgraph\": {}}",
            "application/json",
            Problem.MISSING_FIELD,
            "$.end",
            "the profile has no end (epoch milliseconds)"),
        row(
            "no call graph",
            "{\"start\": 1, \"end\": 2}",
            "application/json",
            Problem.MISSING_FIELD,
            "$.callgraph",
            "the profile has no call graph"),
        row(
            "a negative count",
            VALID.replace("3", "-3"),
            "application/json",
            Problem.INVALID_VALUE,
            "$.callgraph.children[\"main\"].counts.WALL_TIME",
            "expected a non-negative integer that fits 64 bits but was -3"),
        row(
            "a timestamp beyond any instant",
            VALID.replace("\"start\": 1", "\"start\": 1e300"),
            "application/json",
            Problem.INVALID_VALUE,
            "$.start",
            "epoch milliseconds out of range"),
        row(
            "a body over maxCompressedBytes",
            " ".repeat(2049),
            "application/json",
            Problem.LIMIT_EXCEEDED,
            "$",
            "the body has 2049 bytes, more than 2048 (limit maxCompressedBytes)"),
        row(
            "a gzip bomb",
            gzip(new byte[100_000]),
            null,
            Problem.LIMIT_EXCEEDED,
            "$",
            "the gzip body inflates to more than 4096 bytes (limit maxDecompressedBytes)"),
        row(
            "a call graph deeper than maxDepth",
            "{\"start\": 1, \"end\": 2, \"callgraph\": {\"children\": {\"a\": {\"children\":"
                + " {\"b\": {\"children\": {\"c\": {\"children\": {\"d\": {\"children\":"
                + " {\"e\": {}}}}}}}}}}}}",
            "application/json",
            Problem.LIMIT_EXCEEDED,
            "$.callgraph.children[\"a\"].children[\"b\"].children[\"c\"].children[\"d\"]",
            "the call graph is deeper than 4 frames (limit maxDepth)"),
        row(
            "more frames than maxNodes",
            "{\"start\": 1, \"end\": 2, \"callgraph\": {\"children\": {\"a\": {}, \"b\": {},"
                + " \"c\": {}, \"d\": {}, \"e\": {}, \"f\": {}}}}",
            "application/json",
            Problem.LIMIT_EXCEEDED,
            "$.callgraph",
            "the call graph has more than 5 nodes (limit maxNodes)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void a_body_that_cannot_be_decoded_says_what_is_wrong_and_where(
      String description,
      byte[] body,
      String contentTypeOrEncoding,
      Problem problem,
      String path,
      String detail) {
    String contentType =
        "gzip".equals(contentTypeOrEncoding) ? "application/json" : contentTypeOrEncoding;
    String contentEncoding = "gzip".equals(contentTypeOrEncoding) ? "gzip" : null;

    ProfileFormatException e =
        catchThrowableOfType(
            ProfileFormatException.class,
            () -> ProfileCodec.withLimits(SMALL).decode(body, contentType, contentEncoding));

    assertThat(e).as(description).isNotNull();
    assertThat(e.problem()).as("problem of %s: %s", description, e.getMessage()).isEqualTo(problem);
    assertThat(e.path()).as("path of %s: %s", description, e.getMessage()).isEqualTo(path);
    assertThat(e.detail()).as("detail of %s", description).startsWith(detail);
    assertThat(e.getMessage()).isEqualTo(path + ": " + e.detail());
  }

  private static Arguments row(
      String description,
      Object body,
      String contentTypeOrEncoding,
      Problem problem,
      String path,
      String detail) {
    byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) body;
    return Arguments.of(description, bytes, contentTypeOrEncoding, problem, path, detail);
  }

  private static byte[] gzip(byte[] plain) {
    return RawHttp.gzip(plain);
  }

  private static byte[] half(byte[] b) {
    return Arrays.copyOf(b, b.length / 2);
  }

  /** A gzip header followed by bytes that are no deflate stream. */
  private static byte[] corruptGzip() {
    byte[] b = gzip("{\"start\": 1}".getBytes(StandardCharsets.UTF_8));
    for (int i = 10; i < b.length - 8; i++) {
      b[i] = (byte) 0xFF;
    }
    return b;
  }
}

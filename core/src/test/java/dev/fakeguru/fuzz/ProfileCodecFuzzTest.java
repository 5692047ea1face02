package dev.fakeguru.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.profile.ProfileFormatException;
import dev.fakeguru.profile.ProfileFormatException.Problem;
import dev.fakeguru.server.RawHttp;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Fuzzes {@link ProfileCodec#decode} with arbitrary bytes read as JSON, Ion text, Ion binary and
 * gzip. The property: a decode returns a {@link Profile} or throws {@link ProfileFormatException};
 * anything else (a runtime exception from Jackson or ion-java, a {@code StackOverflowError}, an
 * exhausted heap) is a bug. A decoded profile survives encoding and decoding in Ion unchanged, and
 * in JSON up to the documented loss of the decimal type. A refusal names the right {@link Problem}
 * where the input alone tells which: an empty body is {@code EMPTY}, one over a size limit {@code
 * LIMIT_EXCEEDED}, well-formed JSON is never {@code MALFORMED}, {@code TRUNCATED} or {@code EMPTY},
 * and no body is {@code UNSUPPORTED_FORMAT} (the codec reads every body as JSON or Ion).
 *
 * <p>Each input is one body, as an agent would post it (the corpus holds the recorded agent bodies
 * and small hand-made JSON and Ion profiles). Small {@link CodecLimits} keep one execution cheap
 * and bounded, so a fuzzing run cannot exhaust the heap on a legitimately large profile.
 *
 * <p>Regression mode (every build) runs the inputs in {@code ProfileCodecFuzzTestInputs/decode/};
 * fuzzing: {@code JAZZER_FUZZ=1 mvn -B -pl core -am test -Dtest=ProfileCodecFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=5m}.
 */
class ProfileCodecFuzzTest {
  static final CodecLimits SMALL =
      CodecLimits.builder()
          .maxCompressedBytes(64 * 1024)
          .maxDecompressedBytes(256 * 1024)
          .maxDepth(64)
          .maxNodes(5_000)
          .build();
  private static final ProfileCodec CODEC = ProfileCodec.withLimits(SMALL);
  private static final JsonFactory JSON = new JsonFactory();

  /** Re-reads what {@link #CODEC} wrote: an encoding may be larger than the input it came from. */
  private static final ProfileCodec ROUND_TRIP = ProfileCodec.defaults();

  @FuzzTest(maxDuration = "2m")
  void decode(byte[] body) {
    // Every way a body reaches the codec: sniffed, labelled, in a known format, and gzipped.
    Optional<Problem> plain = problemOfSize(body.length, body.length);
    decodeOrReject("sniffed", plain, Set.of(), () -> CODEC.decode(body, null, null));
    decodeOrReject(
        "as JSON",
        plain,
        isWellFormedJson(body)
            ? Set.of(Problem.MALFORMED, Problem.TRUNCATED, Problem.EMPTY)
            : Set.of(),
        () -> CODEC.decode(body, "application/json", null));
    decodeOrReject(
        "as Ion", plain, Set.of(), () -> CODEC.decode(body, "application/x-amzn-ion", null));
    decodeOrReject(
        "as Ion text", plain, Set.of(), () -> CODEC.decode(body, ProfileFormat.ION_TEXT));
    byte[] gzipped = RawHttp.gzip(body);
    decodeOrReject(
        "gzipped",
        problemOfSize(gzipped.length, body.length),
        Set.of(),
        () -> CODEC.decode(gzipped, "application/json", "gzip"));
  }

  /** The problem the sizes alone decide: nothing to read, or more than the limits allow. */
  private static Optional<Problem> problemOfSize(int sent, int inflated) {
    if (sent > SMALL.maxCompressedBytes() || inflated > SMALL.maxDecompressedBytes()) {
      return Optional.of(Problem.LIMIT_EXCEEDED);
    }
    return inflated == 0 ? Optional.of(Problem.EMPTY) : Optional.empty();
  }

  /** Whether Jackson, on its own, reads the bytes as exactly one complete JSON value. */
  private static boolean isWellFormedJson(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static void decodeOrReject(
      String how, Optional<Problem> expected, Set<Problem> impossible, Supplier<Profile> decode) {
    Profile profile;
    try {
      profile = decode.get();
    } catch (ProfileFormatException rejected) {
      assertThat(rejected.getMessage()).isNotBlank();
      assertThat(rejected.problem())
          .as("problem decoding %s: %s", how, rejected.getMessage())
          .isNotEqualTo(Problem.UNSUPPORTED_FORMAT)
          .isNotIn(impossible);
      expected.ifPresent(
          p ->
              assertThat(rejected.problem())
                  .as("problem decoding %s: %s", how, rejected.getMessage())
                  .isEqualTo(p));
      return;
    }
    assertThat(expected).as("decoded %s although its size alone rules that out", how).isEmpty();
    assertThat(profile).isNotNull();
    // Ion (text and binary, plain or gzipped) keeps every value and its type.
    for (ProfileFormat format :
        new ProfileFormat[] {ProfileFormat.ION_TEXT, ProfileFormat.ION_BINARY}) {
      assertThat(ROUND_TRIP.decode(CODEC.encode(profile, format), format))
          .as("encoded as %s and decoded again", format)
          .isEqualTo(profile);
    }
    assertThat(ROUND_TRIP.decode(CODEC.encodeGzip(profile, ProfileFormat.ION_BINARY), null, "gzip"))
        .as("gzipped Ion binary decoded again")
        .isEqualTo(profile);
    // JSON has no decimal type: an Ion decimal in the metadata comes back as a double (documented),
    // so the first trip keeps everything else, and from then on JSON is a fixed point.
    Profile viaJson =
        ROUND_TRIP.decode(CODEC.encode(profile, ProfileFormat.JSON), ProfileFormat.JSON);
    assertThat(viaJson.start()).isEqualTo(profile.start());
    assertThat(viaJson.end()).isEqualTo(profile.end());
    assertThat(viaJson.callTree()).as("call tree through JSON").isEqualTo(profile.callTree());
    assertThat(viaJson.agentMetadata().asMap().keySet())
        .isEqualTo(profile.agentMetadata().asMap().keySet());
    assertThat(viaJson.otherFields().keySet()).isEqualTo(profile.otherFields().keySet());
    assertThat(ROUND_TRIP.decode(CODEC.encode(viaJson, ProfileFormat.JSON), ProfileFormat.JSON))
        .as("encoded as JSON twice and decoded again")
        .isEqualTo(viaJson);
  }
}

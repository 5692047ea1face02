package dev.fakeguru.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.fakeguru.fault.ProfilerFault.Kind;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each fault reads back its kind, status, type, message and delays; impossible ones are refused.
 */
class ProfilerFaultTest {

  static Stream<Arguments> serviceErrors() {
    return Stream.of(
        Arguments.of(ProfilerFault.throttling(), 429, "ThrottlingException", "Rate exceeded"),
        Arguments.of(ProfilerFault.throttling("slow"), 429, "ThrottlingException", "slow"),
        Arguments.of(ProfilerFault.notFound("nf"), 404, "ResourceNotFoundException", "nf"),
        Arguments.of(ProfilerFault.validation("v"), 400, "ValidationException", "v"),
        Arguments.of(
            ProfilerFault.internalError(), 500, "InternalServerException", "Internal server error"),
        Arguments.of(ProfilerFault.internalError("ie"), 500, "InternalServerException", "ie"),
        Arguments.of(ProfilerFault.conflict("c"), 409, "ConflictException", "c"),
        Arguments.of(
            ProfilerFault.serviceQuotaExceeded("q"), 402, "ServiceQuotaExceededException", "q"),
        Arguments.of(
            ProfilerFault.serviceError(503, "ServiceUnavailableException", "later"),
            503,
            "ServiceUnavailableException",
            "later"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serviceErrors")
  void a_service_error_reads_back_its_status_type_and_message(
      ProfilerFault fault, int status, String type, String message) {
    assertThat(fault.kind()).isEqualTo(Kind.SERVICE_ERROR);
    assertThat(fault.status()).isEqualTo(status);
    assertThat(fault.errorType()).hasValue(type);
    assertThat(fault.message()).hasValue(message);
    assertThat(fault.minDelay()).isZero();
    assertThat(fault.maxDelay()).isZero();
    assertThat(fault).hasToString(status + " " + type + " \"" + message + "\"");
  }

  static Stream<Arguments> transportFaults() {
    return Stream.of(
        Arguments.of(
            (Supplier<ProfilerFault>) ProfilerFault::connectionReset, Kind.CONNECTION_RESET),
        Arguments.of((Supplier<ProfilerFault>) ProfilerFault::emptyResponse, Kind.EMPTY_RESPONSE),
        Arguments.of((Supplier<ProfilerFault>) ProfilerFault::malformedBody, Kind.MALFORMED_BODY),
        Arguments.of((Supplier<ProfilerFault>) ProfilerFault::truncatedBody, Kind.TRUNCATED_BODY),
        Arguments.of(
            (Supplier<ProfilerFault>) ProfilerFault::randomDataThenClose,
            Kind.RANDOM_DATA_THEN_CLOSE));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("transportFaults")
  void a_transport_fault_has_its_kind_and_no_status_type_message_or_delay(
      Supplier<ProfilerFault> factory, Kind kind) {
    ProfilerFault fault = factory.get();
    assertThat(fault.kind()).isEqualTo(kind);
    assertThat(fault.status()).isZero();
    assertThat(fault.errorType()).isEmpty();
    assertThat(fault.message()).isEmpty();
    assertThat(fault.minDelay()).isZero();
    assertThat(fault.maxDelay()).isZero();
    assertThat(fault).isEqualTo(factory.get()).hasSameHashCodeAs(factory.get());
  }

  @Test
  void a_delay_is_the_normal_answer_later() {
    ProfilerFault fault = ProfilerFault.delay(Duration.ofSeconds(3));
    assertThat(fault.kind()).isEqualTo(Kind.DELAY_ONLY);
    assertThat(fault.minDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(fault.maxDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(fault.status()).isZero();
    assertThat(fault).hasToString("delay only after PT3S");
  }

  @Test
  void a_random_delay_keeps_its_bounds() {
    ProfilerFault fault = ProfilerFault.randomDelay(Duration.ofMillis(10), Duration.ofMillis(50));
    assertThat(fault.kind()).isEqualTo(Kind.DELAY_ONLY);
    assertThat(fault.minDelay()).isEqualTo(Duration.ofMillis(10));
    assertThat(fault.maxDelay()).isEqualTo(Duration.ofMillis(50));
    assertThat(fault).hasToString("delay only after PT0.01S..PT0.05S");
    assertThat(ProfilerFault.randomDelay(Duration.ofMillis(7), Duration.ofMillis(7)).maxDelay())
        .isEqualTo(Duration.ofMillis(7));
  }

  @Test
  void after_delay_keeps_the_fault_and_adds_the_wait() {
    ProfilerFault fault = ProfilerFault.throttling("x").afterDelay(Duration.ofMillis(200));
    assertThat(fault.kind()).isEqualTo(Kind.SERVICE_ERROR);
    assertThat(fault.status()).isEqualTo(429);
    assertThat(fault.message()).hasValue("x");
    assertThat(fault.minDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(fault.maxDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(fault).hasToString("429 ThrottlingException \"x\" after PT0.2S");
  }

  @Test
  void faults_are_equal_exactly_when_every_part_is() {
    assertThat(ProfilerFault.throttling("a")).isEqualTo(ProfilerFault.throttling("a"));
    assertThat(ProfilerFault.throttling("a")).isNotEqualTo(ProfilerFault.throttling("b"));
    assertThat(ProfilerFault.throttling("a"))
        .isNotEqualTo(ProfilerFault.throttling("a").afterDelay(Duration.ofMillis(1)));
    assertThat(ProfilerFault.serviceError(429, "ThrottlingException", "a"))
        .isEqualTo(ProfilerFault.throttling("a"));
    assertThat(ProfilerFault.connectionReset()).isNotEqualTo(ProfilerFault.emptyResponse());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, 200, 399, 600})
  void a_service_error_status_outside_400_to_599_is_refused(int status) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProfilerFault.serviceError(status, "X", "m"))
        .withMessage("an error status is 400..599, but was " + status);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {400, 599})
  void a_service_error_status_of_400_or_599_is_allowed(int status) {
    assertThat(ProfilerFault.serviceError(status, "X", "m").status()).isEqualTo(status);
  }

  @Test
  void a_service_error_needs_a_type_and_a_message() {
    assertThatNullPointerException()
        .isThrownBy(() -> ProfilerFault.serviceError(500, null, "m"))
        .withMessage("errorType");
    assertThatNullPointerException()
        .isThrownBy(() -> ProfilerFault.serviceError(500, "X", null))
        .withMessage("message");
    assertThatNullPointerException()
        .isThrownBy(() -> ProfilerFault.notFound(null))
        .withMessage("message");
  }

  @Test
  void a_negative_or_missing_delay_is_refused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProfilerFault.delay(Duration.ofMillis(-1)))
        .withMessage("a delay must be >= 0, but was PT-0.001S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProfilerFault.delay(null))
        .withMessage("a delay must be >= 0, but was null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProfilerFault.throttling().afterDelay(Duration.ofSeconds(-1)))
        .withMessage("a delay must be >= 0, but was PT-1S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProfilerFault.randomDelay(Duration.ofMillis(-1), Duration.ofMillis(1)))
        .withMessage("a delay must be >= 0, but was PT-0.001S");
  }

  @Test
  void a_random_delay_whose_max_is_below_its_min_is_refused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProfilerFault.randomDelay(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .withMessage("max delay PT1S is below min delay PT2S");
  }
}

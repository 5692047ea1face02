package dev.fakeguru.assertj;

import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helpers in the style of AssertJ's own {@code AssertionsUtil}. */
final class Failures {
  private Failures() {}

  /** Runs {@code code}, verifies that it threw an {@link AssertionError} and returns it. */
  static AssertionError expectAssertionError(ThrowingCallable code) {
    Throwable thrown = catchThrowable(code);
    then(thrown).as("expected an AssertionError").isInstanceOf(AssertionError.class);
    return (AssertionError) thrown;
  }
}

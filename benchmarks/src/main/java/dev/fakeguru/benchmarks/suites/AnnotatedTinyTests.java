package dev.fakeguru.benchmarks.suites;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * {@link PlainTinyTests} with the annotation form: one fake per class, reset before each test,
 * diagnostics armed.
 */
@FakeCodeGuruProfilerTest
public class AnnotatedTinyTests {
  @RepeatedTest(1000)
  void tiny(RepetitionInfo repetition) {
    assertTrue(repetition.getCurrentRepetition() > 0);
  }
}

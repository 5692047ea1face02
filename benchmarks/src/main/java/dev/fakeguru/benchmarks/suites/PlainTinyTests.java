package dev.fakeguru.benchmarks.suites;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** 1,000 tiny tests without any extension: the baseline of {@link AnnotatedTinyTests}. */
public class PlainTinyTests {
  @RepeatedTest(1000)
  void tiny(RepetitionInfo repetition) {
    assertTrue(repetition.getCurrentRepetition() > 0);
  }
}

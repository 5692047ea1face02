package dev.fakeguru.benchmarks;

import java.util.Arrays;

/**
 * Summaries of the rounds of the paired harnesses ({@link PostPathAb}, {@link PostPaired}, {@link
 * JUnitSuitePaired}).
 */
final class Stats {
  private Stats() {}

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static double mean(double[] xs) {
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    return sum / xs.length;
  }

  /** Half the 99.9 % interval of the mean (normal quantile 3.29; use 20 rounds or more). */
  static double halfInterval(double[] xs) {
    double m = mean(xs);
    double ss = 0;
    for (double x : xs) {
      ss += (x - m) * (x - m);
    }
    return 3.29 * Math.sqrt(ss / (xs.length - 1)) / Math.sqrt(xs.length);
  }
}

package dev.fakeguru.junit5.internal;

/**
 * Attached as a suppressed exception to a failing test's exception so that the failure report shows
 * what the fake received, without the user adding any logging. Carries no stack trace of its own.
 *
 * @since 0.1
 */
public final class ArrivalsReport extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A report for the fake described by {@code fake} (e.g. its endpoint) listing {@code arrivals}.
   */
  public ArrivalsReport(String fake, String arrivals) {
    super("FakeCodeGuruProfiler at " + fake + " — " + arrivals, null, false, false);
  }
}

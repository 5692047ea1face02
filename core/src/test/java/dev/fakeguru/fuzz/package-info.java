/**
 * Fuzz tests (Jazzer's {@code @FuzzTest}) for the codecs, the API over HTTP and the admin API; the
 * parameter parsers' fuzz test lives beside them in {@code dev.fakeguru.internal.api} for
 * package-private access.
 *
 * <p><b>Regression mode</b> (every build, no fuzzing): each {@code @FuzzTest} runs once per file in
 * {@code src/test/resources/<package>/<TestClass>Inputs/<method>/} (plus the empty input), shown as
 * one invocation each in the surefire report. The corpus holds meaningful seeds (the recorded agent
 * bodies and SDK requests from {@code fixtures/}, small and near-valid inputs) and inputs a fuzzing
 * run found that reach distinct outcomes. {@code mvn -B -pl core verify -Dtest='*FuzzTest'
 * -Dsurefire.failIfNoSpecifiedTests=false} runs only them.
 *
 * <p><b>Fuzzing</b>, one target at a time, for as long as {@code jazzer.max_duration} says (the
 * annotation's {@code maxDuration} when omitted):
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -pl core -am test -Dtest='ProfileCodecFuzzTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=5m
 * </pre>
 *
 * <p>with {@code ServerRequestFuzzTest#request}, {@code AdminApiFuzzTest#request} or {@code
 * ParamsFuzzTest#parse} for the other targets ({@code -Djazzer.keep_going=N} goes on past the first
 * N-1 findings). The corpus a run grows lands in {@code core/.cifuzz-corpus/} (not committed); a
 * failing input lands in the target's inputs directory above, so it becomes a regression test at
 * once. Jazzer's bug detectors (hooks) are on in both modes, limited to the code under test (see
 * {@code core/pom.xml}). Every input of the HTTP targets meets the same freshly reset and seeded
 * fake ({@code SeededFake}), so a replay does not depend on the order of the corpus.
 *
 * <p>Inputs that reproduce a bug not fixed yet sit in a {@code …KnownBugs} directory, run by a
 * {@code @Disabled} method that names the bug; once it is fixed, move them to the main directory.
 */
package dev.fakeguru.fuzz;

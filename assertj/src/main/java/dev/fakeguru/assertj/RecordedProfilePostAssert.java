package dev.fakeguru.assertj;

import dev.fakeguru.recording.RecordedProfilePost;

/**
 * Assertions over one post (PostAgentProfile call) the fake received; create one with {@link
 * CodeGuruProfilerAssertions#assertThat(RecordedProfilePost)}.
 *
 * <p>Not final and with a public constructor, so that AssertJ's soft assertions can proxy it.
 */
public class RecordedProfilePostAssert
    extends AbstractRecordedProfilePostAssert<RecordedProfilePostAssert, RecordedProfilePost> {

  /**
   * Creates the assertion; prefer {@link CodeGuruProfilerAssertions#assertThat(RecordedProfilePost)}.
   *
   * @param actual the post under test
   */
  public RecordedProfilePostAssert(RecordedProfilePost actual) {
    super(actual, RecordedProfilePostAssert.class);
  }
}

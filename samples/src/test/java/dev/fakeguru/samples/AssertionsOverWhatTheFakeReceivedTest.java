package dev.fakeguru.samples;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.samples.ProfileUploader.Status;
import dev.fakeguru.scripting.AgentConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Assertions over what the fake received: the profile posts (bytes, token, decoded profile), every
 * recorded call, and waiting for an agent that posts on its own schedule. The fake tells agents to
 * report every second ({@link AgentConfiguration#fastReporting(int)}) so the scheduled uploader
 * posts twice in about a second.
 */
class AssertionsOverWhatTheFakeReceivedTest {

  @RegisterExtension
  static FakeCodeGuruProfilerExtension fake =
      FakeCodeGuruProfilerExtension.builder()
          .configureFake(
              f ->
                  f.profilingGroup("checkout")
                      .defaultAgentConfiguration(
                          AgentConfiguration.fastReporting(1))) // periodInSeconds = 1
          .failOnUnexpectedCalls(true)
          .build();

  final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  /** Each call produces the next five minutes; the n-th profile has n samples in queryDb. */
  static byte[] nextProfile(AtomicInteger n) {
    int i = n.incrementAndGet();
    Instant start = Instant.parse("2024-01-02T03:00:00Z").plus(Duration.ofMinutes(5L * (i - 1)));
    return ProfileCodec.defaults()
        .encode(
            Profile.builder(start, start.plus(Duration.ofMinutes(5)))
                .stack(i, "main", "handle", "queryDb")
                .stack(100 - i, "main", "handle", "render")
                .build(),
            ProfileFormat.JSON);
  }

  @Test
  void aScheduledUploaderPostsEveryPeriod(CodeGuruProfilerClient client)
      throws InterruptedException {
    AtomicInteger n = new AtomicInteger();
    ProfileUploader uploader =
        ProfileUploader.builder(client, "checkout", () -> nextProfile(n)).build();

    // tag::await-posts[]
    uploader.start(scheduler); // runs now, then every periodInSeconds, on its own thread

    // Wait (up to 10 s) until two profiles were posted and stored, then stop the agent.
    List<RecordedProfilePost> posts =
        fake.awaitStoredProfiles("checkout", 2, Duration.ofSeconds(10));
    uploader.stop();
    scheduler.shutdown();
    assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS))
        .isTrue(); // its last call has returned

    assertThat(posts.get(0).requireProfile()).frame("queryDb").hasSelfSamples(1);
    assertThat(posts.get(1).requireProfile()).frame("queryDb").hasSelfSamples(2);
    // end::await-posts[]

    // tag::recorded-calls[]
    // Every call is recorded in arrival order: the agent asks for its configuration before each
    // post.
    assertThat(fake.recordedCalls())
        .extracting(RecordedCall::operation)
        .startsWith(
            Operation.CONFIGURE_AGENT,
            Operation.POST_AGENT_PROFILE,
            Operation.CONFIGURE_AGENT,
            Operation.POST_AGENT_PROFILE);
    assertThat(fake.recordedCalls(Operation.POST_AGENT_PROFILE))
        .allSatisfy(
            call -> {
              assertThat(call.status()).isEqualTo(204);
              assertThat(call.header("Content-Type")).hasValue("application/json");
            });
    // Each post has its own token; the raw bytes are kept next to the decoded profile.
    assertThat(posts).extracting(RecordedProfilePost::profileToken).doesNotHaveDuplicates();
    assertThat(posts.get(0).body()).isNotEmpty();
    // end::recorded-calls[]
  }

  /** Uploads two profiles, with 20 and then 21 samples in queryDb. */
  static void uploadTwoProfiles(CodeGuruProfilerClient client) {
    AtomicInteger n = new AtomicInteger(19);
    ProfileUploader uploader =
        ProfileUploader.builder(client, "checkout", () -> nextProfile(n)).build();
    uploader.runOnce();
    uploader.runOnce();
  }

  @Test
  void assertionsOverTheDecodedProfiles(CodeGuruProfilerClient client) {
    uploadTwoProfiles(client);
    Profile baseline = fake.profilePosts("checkout").get(0).requireProfile();
    Profile current = fake.profilePosts("checkout").get(1).requireProfile();

    // tag::assertj[]
    assertThat(current)
        .hasCallPath("main", "handle", "queryDb") // from a top-level frame down
        .hasCallPathAnywhere("handle", "render") // a contiguous chain anywhere
        .doesNotHaveFrame("Gc.pause")
        .hasTotalSamples(100)
        .hasFrameShareAtLeast("queryDb", 20.0) // % of samples whose stack holds the frame
        .hasFrameShareNotGrownBy("queryDb", 2.0, baseline) // 20 % -> 21 %: +1 percentage point
        .hasSameHotPathsAs(baseline, 5.0);
    assertThat(current).hottestFramesBySelf(2).containsExactly("render", "queryDb");
    assertThat(current)
        .frame("handle") // navigate, then assert on the node
        .hasChildren("queryDb", "render")
        .hasShareOfTotalAtLeast(99.0);
    // end::assertj[]
  }

  @Test
  void assertionsOverTheFakeItself(CodeGuruProfilerClient client) {
    uploadTwoProfiles(client);

    // tag::assert-the-fake[]
    // assertThat takes the extension field as it is (any ProfilerFake): posts, stored profiles,
    // calls,
    // then the decoded profile of one stored profile.
    assertThat(fake)
        .hasReceivedProfilePosts("checkout", 2)
        .hasStoredProfiles("checkout", 2)
        .hasReceivedCalls(Operation.CONFIGURE_AGENT, "checkout", 2)
        .hasNoUnexpectedCalls()
        .storedProfile("checkout", 1)
        .hasTotalSamples(100)
        .frame("queryDb")
        .hasSelfSamples(21);
    // end::assert-the-fake[]
  }

  @Test
  void shouldProfileFalseMeansNoPost(CodeGuruProfilerClient client) {
    // Script ConfigureAgent once: the next answer says "do not profile", later ones are the
    // default.
    fake.enqueueConfigureAgent(
        "checkout", AgentConfiguration.fastReporting(1).withShouldProfile(false));
    ProfileUploader uploader =
        ProfileUploader.builder(client, "checkout", () -> nextProfile(new AtomicInteger())).build();

    assertThat(uploader.runOnce().status()).isEqualTo(Status.SKIPPED);
    assertThat(fake.profilePosts()).isEmpty();
    assertThat(uploader.runOnce().status()).isEqualTo(Status.POSTED);
  }
}

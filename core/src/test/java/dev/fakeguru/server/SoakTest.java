package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.AggregationPeriod;
import software.amazon.awssdk.services.codeguruprofiler.model.InternalServerException;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeguruprofiler.model.ThrottlingException;
import software.amazon.awssdk.services.codeguruprofiler.model.ValidationException;

/**
 * Mixed traffic from real AWS SDK v2 clients against one fake with small recording caps: posters
 * (JSON, Ion binary, Ion text, and some invalid bodies), readers (GetProfile, ListProfileTimes,
 * ConfigureAgent), a thread creating and deleting profiling groups, and injected faults
 * (throttling, errors, connection resets, delays) on PostAgentProfile, GetProfile,
 * ListProfileTimes, ConfigureAgent and CreateProfilingGroup. A sampler watches the caps while it
 * runs.
 *
 * <p>Afterwards the books must balance exactly: every failure a client saw was injected, and every
 * injected fault reached a client; the recorded calls and posts never exceeded the caps; evicted
 * counts equal sent minus retained; every post the fake acknowledged was recorded (retained or
 * evicted) and every retained stored post was acknowledged; the aggregated totals equal the sum of
 * the acknowledged posts' samples; and the fake still serves. Every build runs this for {@value
 * #SHORT_SECONDS} seconds ({@code -Dfakeguru.soak.short.seconds=N} changes it).
 *
 * <p>The long run ({@code @Tag("soak")}, excluded by default) also counts what the fake retains
 * afterwards, from a live-object histogram of the JVM (taken after a full GC by the JVM itself, so
 * no {@code System.gc()} heuristics): the recorded calls and posts held are at most the caps, and
 * the bytes held by FakeGuru's own objects stay under a bound that does not grow with the run's
 * length. It runs for 60 s by default ({@code -Dfakeguru.soak.seconds=N}) in a JVM of its own with
 * fixed GC settings: {@code mvn -B -ntp -Psoak -pl core -am verify -Dtest=SoakTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. Figures go to standard output (the surefire report's
 * {@code -output.txt}).
 *
 * <p>Faults on posts fire before the post takes effect (throttling), so an unacknowledged post is
 * never stored and the sums stay exact. Retries are off, so each SDK call is exactly one request.
 * Loops stop at the deadline or after {@value #MAX_ITERATIONS} iterations, whichever comes first.
 */
class SoakTest {
  private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");
  private static final String GROUP = "soak";
  private static final String WALL = "WALL_TIME";
  private static final int MAX_CALLS = 2_000;
  private static final int MAX_POSTS = 500;
  private static final int MAX_ITERATIONS = 1_000_000;
  private static final int POSTERS = 3;

  /** Posts spread over this many five-minute buckets before the clock's now. */
  private static final int BUCKETS = 36;

  /** The length of the run in every build. */
  private static final long SHORT_SECONDS = 5;

  /**
   * The bytes FakeGuru's own objects ({@code dev.fakeguru.*} classes; the JDK's strings, arrays and
   * maps they point to are not counted) may hold after the long run, however long it ran: the
   * recorded calls and posts are capped, the aggregates hold one merged tree per bucket. A leak
   * past the caps (a record kept per call, for the roughly 2 x 10^5 calls of a 60 s run) breaks it.
   */
  private static final long OWN_OBJECTS_BOUND_BYTES = 8L * 1024 * 1024;

  private final ProfileCodec codec = ProfileCodec.defaults();
  private final AtomicLong callsSent = new AtomicLong();
  private final AtomicLong postsSent = new AtomicLong();
  private final AtomicLong postBytesSent = new AtomicLong();
  private final AtomicLong acknowledgedSamples = new AtomicLong();

  /**
   * Per poster (each written by its own thread only, read after it finished): the i of each
   * outcome.
   */
  private final BitSet[] acknowledged = newBitSets(POSTERS);

  private final BitSet[] invalidRejected = newBitSets(POSTERS);
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger getProfileFailures = new AtomicInteger();
  private final AtomicInteger listProfileTimesResets = new AtomicInteger();
  private final AtomicInteger createsThrottled = new AtomicInteger();
  private final AtomicInteger groupsCreated = new AtomicInteger();
  private final AtomicInteger groupsDeleted = new AtomicInteger();
  private final AtomicInteger maxRetainedCalls = new AtomicInteger();
  private final AtomicInteger maxRetainedPosts = new AtomicInteger();
  private final AtomicInteger samples = new AtomicInteger();

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void mixed_traffic_keeps_the_caps_and_balances_the_books() throws Exception {
    soak(
        Duration.ofSeconds(Long.getLong("fakeguru.soak.short.seconds", SHORT_SECONDS)), fake -> {});
  }

  @Test
  @Tag("soak")
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void a_long_run_retains_no_more_than_the_caps_allow() throws Exception {
    soak(
        Duration.ofSeconds(Long.getLong("fakeguru.soak.seconds", 60)),
        SoakTest::retainsOnlyTheCaps);
  }

  /** What a live-object histogram counts after the run, with the fake still open. */
  private static void retainsOnlyTheCaps(FakeCodeGuruProfiler fake) {
    LiveObjects live = LiveObjects.count();
    long calls = live.instances("dev.fakeguru.internal.engine.Recordings$Call");
    long posts = live.instances("dev.fakeguru.internal.engine.Recordings$Post");
    long own = live.bytesOfClassesStartingWith("dev.fakeguru.");
    System.out.printf(
        "Live after the run: %d recorded calls (cap %d), %d recorded posts (cap %d), %.1f MiB in"
            + " dev.fakeguru objects (bound %d MiB); largest: %s%n",
        calls,
        MAX_CALLS,
        posts,
        MAX_POSTS,
        own / 1048576.0,
        OWN_OBJECTS_BOUND_BYTES / 1048576,
        live.largestStartingWith("dev.fakeguru.", 5));
    assertThat(calls).as("recorded calls alive").isPositive().isLessThanOrEqualTo(MAX_CALLS);
    assertThat(posts).as("recorded posts alive").isPositive().isLessThanOrEqualTo(MAX_POSTS);
    assertThat(own).as("bytes of dev.fakeguru objects alive").isLessThan(OWN_OBJECTS_BOUND_BYTES);
  }

  private void soak(Duration duration, Consumer<FakeCodeGuruProfiler> afterwards) throws Exception {
    // GIVEN a fake with small caps, faults on every operation, and SDK clients without retries
    SettableClock clock = SettableClock.at(T0.plus(Duration.ofHours(4)));
    try (FakeCodeGuruProfiler fake =
            FakeCodeGuruProfiler.builder()
                .clock(clock)
                .profilingGroup(GROUP)
                .maxRecordedCalls(MAX_CALLS)
                .maxRecordedProfilePosts(MAX_POSTS)
                .start();
        CodeGuruProfilerClient client = FakeServerTestBase.sdkClient(fake)) {
      InjectedFault postThrottle =
          fake.injectFault(
              FaultRule.of(ProfilerFault.throttling())
                  .onOperation(Operation.POST_AGENT_PROFILE)
                  .withProbability(0.05, 1L));
      InjectedFault getProfileError =
          fake.injectFault(
              FaultRule.of(ProfilerFault.internalError())
                  .onOperation(Operation.GET_PROFILE)
                  .afterEffect()
                  .withProbability(0.05, 2L));
      InjectedFault listReset =
          fake.injectFault(
              FaultRule.of(ProfilerFault.connectionReset())
                  .onOperation(Operation.LIST_PROFILE_TIMES)
                  .withProbability(0.03, 3L));
      fake.injectFault(
          FaultRule.of(ProfilerFault.randomDelay(Duration.ofMillis(1), Duration.ofMillis(5)))
              .onOperation(Operation.CONFIGURE_AGENT));
      InjectedFault createThrottle =
          fake.injectFault(
              FaultRule.of(ProfilerFault.throttling())
                  .onOperation(Operation.CREATE_PROFILING_GROUP)
                  .everyNthCall(10));

      // WHEN the workers run until the deadline
      long startNanos = System.nanoTime();
      long deadline = startNanos + duration.toNanos();
      ExecutorService pool = Executors.newFixedThreadPool(POSTERS + 3);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> workers = new ArrayList<>();
      for (int p = 0; p < POSTERS; p++) {
        int poster = p;
        workers.add(pool.submit(() -> post(client, poster, go, deadline)));
      }
      workers.add(pool.submit(() -> read(client, go, deadline)));
      workers.add(pool.submit(() -> createAndDeleteGroups(client, go, deadline)));
      Future<?> sampler = pool.submit(() -> sample(fake, go, deadline));
      go.countDown();
      for (Future<?> w : workers) {
        w.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
      }
      sampler.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
      pool.shutdown();
      double seconds = (System.nanoTime() - startNanos) / 1e9;

      // THEN the caps held throughout, and the books balance exactly
      List<RecordedProfilePost> retainedPosts = fake.profilePosts();
      int retainedCalls = fake.recordedCalls().size();
      assertThat(maxRetainedCalls.get())
          .as("most calls retained at any sample")
          .isLessThanOrEqualTo(MAX_CALLS);
      assertThat(maxRetainedPosts.get())
          .as("most posts retained at any sample")
          .isLessThanOrEqualTo(MAX_POSTS);
      assertThat(retainedCalls).isLessThanOrEqualTo(MAX_CALLS);
      assertThat(retainedPosts).hasSizeLessThanOrEqualTo(MAX_POSTS);

      assertThat(fake.evictedCalls())
          .as("evicted calls")
          .isEqualTo(callsSent.get() - retainedCalls);
      assertThat(fake.evictedProfilePosts())
          .as("evicted posts")
          .isEqualTo(postsSent.get() - retainedPosts.size());
      // Every failure a client saw is one the fake injected, and every injected fault reached a
      // client.
      assertThat(throttled.get()).as("posts throttled").isEqualTo(postThrottle.timesApplied());
      assertThat(postThrottle.timesTargeted())
          .as("posts the throttling rule saw")
          .isEqualTo(postsSent.get());
      assertThat(getProfileFailures.get())
          .as("GetProfile calls failed")
          .isEqualTo(getProfileError.timesApplied());
      assertThat(listProfileTimesResets.get())
          .as("ListProfileTimes calls reset")
          .isEqualTo(listReset.timesApplied());
      assertThat(createsThrottled.get())
          .as("group creations throttled")
          .isEqualTo(createThrottle.timesApplied());

      long acknowledgedPosts = cardinality(acknowledged);
      assertThat(postsSent.get())
          .as("posts sent = acknowledged + throttled + rejected")
          .isEqualTo(acknowledgedPosts + throttled.get() + cardinality(invalidRejected));

      // Every retained post was stored exactly if it was acknowledged; the acknowledged posts not
      // retained are among the evicted ones.
      long retainedAcknowledged = 0;
      for (RecordedProfilePost post : retainedPosts) {
        String token = post.profileToken().orElseThrow();
        boolean wasAcknowledged = isAcknowledged(token);
        assertThat(post.stored()).as("post %s stored", token).isEqualTo(wasAcknowledged);
        if (wasAcknowledged) {
          retainedAcknowledged++;
        }
      }
      long evictedAcknowledged = acknowledgedPosts - retainedAcknowledged;
      assertThat(evictedAcknowledged)
          .as("acknowledged posts not retained")
          .isBetween(0L, fake.evictedProfilePosts());

      Profile aggregate = fake.aggregatedProfile(GROUP, T0, clock.instant()).orElseThrow();
      assertThat(aggregate.totalCount(WALL))
          .as("aggregated WALL_TIME samples")
          .isEqualTo(acknowledgedSamples.get());

      // The fake still serves, through the SDK, once the injected faults are gone.
      fake.clearFaults();
      assertThat(
              client
                  .getProfile(
                      b ->
                          b.profilingGroupName(GROUP)
                              .startTime(T0)
                              .endTime(clock.instant())
                              .accept("application/json"))
                  .profile()
                  .asByteArray())
          .isNotEmpty();
      assertThat(
              client
                  .describeProfilingGroup(b -> b.profilingGroupName(GROUP))
                  .profilingGroup()
                  .name())
          .isEqualTo(GROUP);

      System.out.printf(
          "Soak %.1f s: %d posts (%.0f/s; %d acknowledged, %d throttled, %d rejected as invalid, %.1f MiB of bodies),"
              + " %d calls (%.0f/s; injected faults: %d GetProfile errors, %d ListProfileTimes resets, %d creations throttled),"
              + " %d groups created, %d deleted;"
              + " retained %d calls (max sampled %d of cap %d, %d samples) and %d posts (max sampled %d of cap %d);"
              + " evicted %d calls, %d posts; aggregated %d samples%n",
          seconds,
          postsSent.get(),
          postsSent.get() / seconds,
          acknowledgedPosts,
          throttled.get(),
          cardinality(invalidRejected),
          postBytesSent.get() / 1048576.0,
          callsSent.get(),
          callsSent.get() / seconds,
          getProfileFailures.get(),
          listProfileTimesResets.get(),
          createsThrottled.get(),
          groupsCreated.get(),
          groupsDeleted.get(),
          retainedCalls,
          maxRetainedCalls.get(),
          MAX_CALLS,
          samples.get(),
          retainedPosts.size(),
          maxRetainedPosts.get(),
          MAX_POSTS,
          fake.evictedCalls(),
          fake.evictedProfilePosts(),
          aggregate.totalCount(WALL));
      afterwards.accept(fake);
    }
  }

  /** Posts JSON, Ion binary and Ion text profiles, and every tenth post an invalid body. */
  private Void post(CodeGuruProfilerClient client, int poster, CountDownLatch go, long deadline)
      throws InterruptedException {
    go.await();
    for (int i = 0; i < MAX_ITERATIONS && System.nanoTime() < deadline; i++) {
      String token = "p" + poster + "-" + i;
      long count = 1 + (i % 5);
      Instant start = T0.plus(Duration.ofMinutes(5L * (i % BUCKETS)));
      Profile profile =
          Profile.builder()
              .start(start)
              .end(start.plusSeconds(60))
              .stack(count, "main", "poster-" + poster, "step-" + (i % 7))
              .build();
      boolean invalid = i % 10 == 9;
      ProfileFormat format = ProfileFormat.values()[i % 3];
      byte[] body =
          invalid
              ? "{\"start\": 1, \"callgraph\": [".getBytes(StandardCharsets.UTF_8)
              : codec.encode(profile, format);
      callsSent.incrementAndGet();
      postsSent.incrementAndGet();
      postBytesSent.addAndGet(body.length);
      try {
        client.postAgentProfile(
            b ->
                b.profilingGroupName(GROUP)
                    .profileToken(token)
                    .contentType(format.contentType())
                    .agentProfile(SdkBytes.fromByteArray(body)));
        assertThat(invalid).as("invalid post %s acknowledged", token).isFalse();
        acknowledged[poster].set(i);
        acknowledgedSamples.addAndGet(count);
      } catch (ThrottlingException injected) {
        throttled.incrementAndGet();
      } catch (ValidationException refused) {
        assertThat(invalid).as("valid post %s rejected: %s", token, refused.getMessage()).isTrue();
        invalidRejected[poster].set(i);
      }
    }
    return null;
  }

  /** GetProfile, ListProfileTimes and ConfigureAgent in turn; injected faults are expected. */
  private Void read(CodeGuruProfilerClient client, CountDownLatch go, long deadline)
      throws InterruptedException {
    go.await();
    Instant from = T0;
    Instant to = T0.plus(Duration.ofMinutes(5L * BUCKETS));
    for (int i = 0; i < MAX_ITERATIONS && System.nanoTime() < deadline; i++) {
      callsSent.incrementAndGet();
      switch (i % 3) {
        case 0 -> {
          boolean anyPostStored = acknowledgedSamples.get() > 0;
          try {
            client.getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(from)
                        .endTime(to)
                        .accept("application/json"));
          } catch (InternalServerException injected) {
            getProfileFailures.incrementAndGet();
          } catch (ResourceNotFoundException noDataYet) {
            assertThat(anyPostStored)
                .as("GetProfile found no data after a post was acknowledged")
                .isFalse();
          }
        }
        case 1 -> {
          try {
            client.listProfileTimes(
                b ->
                    b.profilingGroupName(GROUP)
                        .period(AggregationPeriod.PT5_M)
                        .startTime(from)
                        .endTime(to));
          } catch (SdkClientException injected) {
            listProfileTimesResets.incrementAndGet();
          }
        }
        default ->
            client.configureAgent(b -> b.profilingGroupName(GROUP).fleetInstanceId("soak-fleet"));
      }
    }
    return null;
  }

  /** Creates a group, then deletes it; every tenth creation is throttled by an injected fault. */
  private Void createAndDeleteGroups(
      CodeGuruProfilerClient client, CountDownLatch go, long deadline) throws InterruptedException {
    go.await();
    for (int i = 0; i < MAX_ITERATIONS && System.nanoTime() < deadline; i++) {
      String name = "soak-tmp-" + i;
      callsSent.incrementAndGet();
      try {
        client.createProfilingGroup(b -> b.profilingGroupName(name).clientToken("token-" + name));
        groupsCreated.incrementAndGet();
      } catch (ThrottlingException injected) {
        createsThrottled.incrementAndGet();
        continue;
      }
      callsSent.incrementAndGet();
      client.deleteProfilingGroup(b -> b.profilingGroupName(name));
      groupsDeleted.incrementAndGet();
    }
    return null;
  }

  /** Samples the retained calls and posts every 50 ms until the deadline. */
  private Void sample(FakeCodeGuruProfiler fake, CountDownLatch go, long deadline)
      throws InterruptedException {
    go.await();
    while (System.nanoTime() < deadline && samples.get() < MAX_ITERATIONS) {
      maxRetainedCalls.accumulateAndGet(fake.recordedCalls().size(), Math::max);
      maxRetainedPosts.accumulateAndGet(fake.profilePosts().size(), Math::max);
      samples.incrementAndGet();
      Thread.sleep(50);
    }
    return null;
  }

  private boolean isAcknowledged(String token) {
    int dash = token.indexOf('-');
    return acknowledged[Integer.parseInt(token.substring(1, dash))].get(
        Integer.parseInt(token.substring(dash + 1)));
  }

  private static BitSet[] newBitSets(int n) {
    BitSet[] sets = new BitSet[n];
    for (int i = 0; i < n; i++) {
      sets[i] = new BitSet();
    }
    return sets;
  }

  private static long cardinality(BitSet[] sets) {
    long n = 0;
    for (BitSet set : sets) {
      n += set.cardinality();
    }
    return n;
  }
}

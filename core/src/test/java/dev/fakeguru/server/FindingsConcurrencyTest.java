package dev.fakeguru.server;

import static dev.fakeguru.server.FindingsOperationsTest.anomaly;
import static dev.fakeguru.server.FindingsOperationsTest.recommendation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.findings.AnomalyInstance;
import dev.fakeguru.findings.RecordedFeedback;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real SDK clients submitting feedback on many threads while the test scripts more findings and
 * other clients read recommendations and reports: every feedback is stored once, every answer is
 * consistent, nothing fails.
 */
class FindingsConcurrencyTest extends FakeServerTestBase {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void feedback_scripting_and_reads_at_once_lose_and_break_nothing() throws Exception {
    int threads = 6;
    int instancesPerThread = 40;
    List<List<String>> ids = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<String> own = new ArrayList<>();
      for (int i = 0; i < instancesPerThread; i++) {
        own.add(UUID.randomUUID().toString());
      }
      ids.add(own);
      AnomalyInstance[] instances =
          own.stream()
              .map(id -> FindingsOperationsTest.instance(id, T0, T0.plusSeconds(60)))
              .toArray(AnomalyInstance[]::new);
      fake.addAnomaly(GROUP, anomaly(instances));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<String> own = ids.get(t);
      writers.add(
          pool.submit(
              () -> {
                start.await();
                for (String id : own) {
                  client.submitFeedback(
                      b -> b.profilingGroupName(GROUP).anomalyInstanceId(id).type("Positive"));
                }
                return null;
              }));
    }
    Future<?> scripter =
        pool.submit(
            () -> {
              start.await();
              for (int h = 0; running.get() && h < 200; h++) {
                Instant from = T0.plus(Duration.ofHours(2 + h));
                fake.addRecommendation(GROUP, recommendation(from, from.plusSeconds(60)));
              }
              return null;
            });
    Future<?> reader =
        pool.submit(
            () -> {
              start.await();
              while (running.get()) {
                var found =
                    client.getRecommendations(
                        b -> b.profilingGroupName(GROUP).startTime(T0).endTime(T0.plusSeconds(60)));
                assertThat(found.anomalies()).hasSize(threads);
                client.listFindingsReports(
                    b ->
                        b.profilingGroupName(GROUP)
                            .startTime(T0)
                            .endTime(T0.plus(Duration.ofDays(2)))
                            .maxResults(5));
                reads.incrementAndGet();
              }
              return null;
            });
    start.countDown();
    for (Future<?> w : writers) {
      w.get(90, TimeUnit.SECONDS);
    }
    running.set(false);
    scripter.get(30, TimeUnit.SECONDS);
    reader.get(30, TimeUnit.SECONDS);
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    List<RecordedFeedback> received = fake.receivedFeedback();
    assertThat(received).hasSize(threads * instancesPerThread);
    assertThat(received).extracting(RecordedFeedback::sequence).doesNotHaveDuplicates();
    assertThat(received)
        .extracting(RecordedFeedback::anomalyInstanceId)
        .containsExactlyInAnyOrderElementsOf(ids.stream().flatMap(List::stream).toList());
    assertThat(fake.anomalies(GROUP))
        .flatExtracting(a -> a.instances())
        .allSatisfy(i -> assertThat(i.userFeedback()).isPresent());
    assertThat(fake.recordedCalls())
        .extracting(RecordedCall::status)
        .allSatisfy(s -> assertThat(s).isLessThan(300));
    assertThat(fake.callCount(Operation.SUBMIT_FEEDBACK)).isEqualTo(threads * instancesPerThread);
    assertThat(reads.get()).isPositive();
  }
}

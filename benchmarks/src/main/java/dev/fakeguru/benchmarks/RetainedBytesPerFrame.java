package dev.fakeguru.benchmarks;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.time.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ServiceQuotaExceededException;

/**
 * Heap the fake retains per distinct frame of a stored profile, and per call-tree node of its
 * aggregates (the unit of {@code maxAggregatedNodes}), against the node count the admin API
 * reports. Not a JMH benchmark: a main that measures used heap after full collections, as {@link
 * RetainedHeap} does.
 *
 * <pre>
 * java -Xmx4g -XX:+UseG1GC -cp benchmarks/target/fakeguru-benchmarks.jar dev.fakeguru.benchmarks.RetainedBytesPerFrame
 * </pre>
 *
 * <p>Per size: a fresh fake (no node limit), one gzipped JSON post of that many distinct frames
 * (JVM-like names of about 50 characters, one level under the root) through the SDK, then the
 * retained heap (journal and aggregates together) divided by frames and by aggregated nodes. Last,
 * the case: one post of 1.5 million distinct frames against a fake with the default limits,
 * which refuses it (402) and retains nothing of it.
 */
public final class RetainedBytesPerFrame {
  static final Instant NOW = Instant.parse("2026-01-12T10:00:00Z");
  private static final Pattern NODES = Pattern.compile("\"aggregatedNodes\":(\\d+)");

  public static void main(String[] args) throws Exception {
    for (int frames : new int[] {10_000, 100_000, 400_000}) {
      byte[] body = gzippedProfile(frames, "com.example.service.internal.Handler", ".handle");
      try (FakeCodeGuruProfiler fake =
              FakeCodeGuruProfiler.builder()
                  .clock(SettableClock.at(NOW))
                  .profilingGroup("bench")
                  .adminApi(true)
                  .maxAggregatedNodes(Long.MAX_VALUE)
                  .start();
          CodeGuruProfilerClient client = Sdk.client(fake.endpoint())) {
        long before = RetainedHeap.usedAfterGc();
        post(client, body);
        long retained = RetainedHeap.usedAfterGc() - before;
        long nodes = aggregatedNodes(fake.endpoint());
        System.out.printf(
            "%,9d frames, %,10d gzip bytes: retained %,12d bytes = %6.1f per frame; "
                + "%,9d aggregated nodes = %6.1f bytes per node%n",
            frames,
            body.length,
            retained,
            retained / (double) frames,
            nodes,
            retained / (double) nodes);
      }
    }
    byte[] huge = gzippedProfile(1_500_000, "f", ""); // short names: legal within 64 MiB inflated
    try (FakeCodeGuruProfiler fake =
            FakeCodeGuruProfiler.builder()
                .clock(SettableClock.at(NOW))
                .profilingGroup("bench")
                .adminApi(true)
                .start();
        CodeGuruProfilerClient client = Sdk.client(fake.endpoint())) {
      long before = RetainedHeap.usedAfterGc();
      String outcome;
      try {
        post(client, huge);
        outcome = "stored";
      } catch (ServiceQuotaExceededException e) {
        outcome = e.statusCode() + " " + e.awsErrorDetails().errorCode();
      }
      long retained = RetainedHeap.usedAfterGc() - before;
      System.out.printf(
          "1,500,000 frames, %,d gzip bytes, default limits: %s; retained %,d bytes"
              + " (the journal keeps the body); aggregated nodes %,d%n",
          huge.length, outcome, retained, aggregatedNodes(fake.endpoint()));
    }
  }

  private static void post(CodeGuruProfilerClient client, byte[] body) {
    client.postAgentProfile(
        r ->
            r.profilingGroupName("bench")
                .contentType("application/json")
                .agentProfile(SdkBytes.fromByteArrayUnsafe(body))
                .overrideConfiguration(o -> o.putHeader("Content-Encoding", "gzip")));
  }

  /** One profile of {@code frames} distinct frames ({@code prefix + i + suffix}), gzipped JSON. */
  static byte[] gzippedProfile(int frames, String prefix, String suffix) {
    CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    for (int i = 0; i < frames; i++) {
      root.addStack("CPU", 1, List.of(prefix + i + suffix));
    }
    Profile p =
        Profile.builder(NOW.minusSeconds(600), NOW.minusSeconds(300))
            .callTree(root.build())
            .build();
    byte[] json = ProfileCodec.defaults().encode(p, ProfileFormat.JSON);
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static long aggregatedNodes(URI endpoint) throws Exception {
    String status =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(endpoint + "/__fakeguru/status")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = NODES.matcher(status);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}

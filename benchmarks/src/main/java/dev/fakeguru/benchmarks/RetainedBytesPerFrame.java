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
import java.time.Duration;
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
 * java -Xmx4g -XX:+UseG1GC -cp benchmarks/target/fakeguru-benchmarks.jar dev.fakeguru.benchmarks.RetainedBytesPerFrame aged
 * </pre>
 *
 * <p>Per size: a fresh fake (no node limit), one gzipped JSON post of that many distinct frames
 * (JVM-like names of about 50 characters, one level under the root) through the SDK, then the
 * retained heap (journal and aggregates together) divided by frames, by aggregated nodes and by the
 * profile's JSON bytes (inflated; target: at most 2 x). Last, the giant: one post of 1.5
 * million distinct frames, once with the node limit lifted (stored) and once against the default
 * limits (refused with 402, nothing of it retained but the journal's body). With {@code
 * -Dhistogram=N} it prints the N largest classes of the live heap after each case.
 *
 * <p>A fresh post is kept as sent by its 5-minute bucket (its hour and day derive from it), so what
 * it costs is its bytes. With {@code aged}, the fake's clock stands 16 days after the post: its
 * 5-minute bucket is no longer kept, so its hour merges it into a tree of its own (the day derives
 * from the hour), and the figure per aggregated node is what a node of {@code maxAggregatedNodes}
 * costs.
 */
public final class RetainedBytesPerFrame {
  static final Instant NOW = Instant.parse("2026-01-12T10:00:00Z");
  private static Instant clock = NOW;
  private static final Pattern NODES = Pattern.compile("\"aggregatedNodes\":(\\d+)");

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("aged")) {
      clock = NOW.plus(Duration.ofDays(16));
      System.out.println("aged: the fake's clock is 16 days after the posts");
    }
    System.out.println(
        "frames, gzip bytes, JSON bytes: retained heap, per frame, per aggregated node,"
            + " retained / JSON");
    // One frame: what a fake retains for any first post (buffers, caches), whatever its size.
    for (int frames : new int[] {1, 10_000, 100_000, 400_000}) {
      measure(frames, "com.example.service.internal.Handler", ".handle", true);
    }
    // The giant: short names, legal within 64 MiB inflated; stored with the limits lifted,
    // refused (402) with the default ones.
    measure(1_500_000, "f", "", true);
    measure(1_500_000, "f", "", false);
  }

  private static void measure(int frames, String prefix, String suffix, boolean lifted)
      throws Exception {
    byte[] json = json(frames, prefix, suffix);
    byte[] body = gzip(json);
    int jsonBytes = json.length;
    json = null; // not part of what the fake retains
    FakeCodeGuruProfiler.Builder builder =
        FakeCodeGuruProfiler.builder()
            .clock(SettableClock.at(clock))
            .profilingGroup("bench")
            .adminApi(true);
    if (lifted) {
      builder.maxAggregatedNodes(Long.MAX_VALUE);
    }
    try (FakeCodeGuruProfiler fake = builder.start();
        CodeGuruProfilerClient client = Sdk.client(fake.endpoint())) {
      long before = RetainedHeap.usedAfterGc();
      String outcome;
      try {
        post(client, body);
        outcome = "stored";
      } catch (ServiceQuotaExceededException e) {
        outcome = e.statusCode() + " " + e.awsErrorDetails().errorCode();
      }
      long retained = RetainedHeap.usedAfterGc() - before;
      long nodes = aggregatedNodes(fake.endpoint());
      System.out.printf(
          "%,9d frames, %,10d gzip bytes, %,11d JSON bytes, %s limits: %s;"
              + " retained %,12d bytes = %6.1f per frame; %,9d aggregated nodes = %6.1f bytes per"
              + " node; retained / JSON = %.2f x%n",
          frames,
          body.length,
          jsonBytes,
          lifted ? "lifted" : "default",
          outcome,
          retained,
          retained / (double) frames,
          nodes,
          nodes == 0 ? 0.0 : retained / (double) nodes,
          retained / (double) jsonBytes);
      RetainedHeap.printHistogram();
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
    return gzip(json(frames, prefix, suffix));
  }

  /** The same profile as plain JSON. */
  static byte[] json(int frames, String prefix, String suffix) {
    CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    for (int i = 0; i < frames; i++) {
      root.addStack("CPU", 1, List.of(prefix + i + suffix));
    }
    Profile p =
        Profile.builder(NOW.minusSeconds(600), NOW.minusSeconds(300))
            .callTree(root.build())
            .build();
    return ProfileCodec.defaults().encode(p, ProfileFormat.JSON);
  }

  static byte[] gzip(byte[] json) {
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

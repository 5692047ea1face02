package dev.fakeguru.benchmarks;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic profiles for the benchmarks: the Python agent fixture, and synthetic
 * JVM-agent-sized profiles generated from a seed.
 */
final class Profiles {
  private Profiles() {}

  /** The thread-state counters a JVM agent reports. */
  static final String[] THREAD_STATES = {
    CounterTypes.RUNNABLE,
    CounterTypes.BLOCKED,
    CounterTypes.WAITING,
    CounterTypes.TIMED_WAITING,
    CounterTypes.NATIVE,
    CounterTypes.IDLE
  };

  private static final String[] PACKAGES = {
    "com.example.shop",
    "com.example.api",
    "com.example.db",
    "com.example.pricing",
    "org.spring.web",
    "org.spring.aop",
    "org.apache.cat",
    "org.jetty.server",
    "jackson.ser",
    "awssdk.core",
    "java.util.conc",
    "java.lang.refl",
    "io.netty.nio",
    "org.hibernate",
    "com.zaxxer.pool",
    "org.slf4j"
  };
  private static final String[] CLASSES = {
    "Orders",
    "OrderSvc",
    "OrderRepo",
    "Prices",
    "Dispatcher",
    "Invocation",
    "Valve",
    "Channel",
    "BeanSer",
    "Handler",
    "Executor",
    "Method",
    "EventLoop",
    "Context",
    "Pool",
    "Formatter",
    "Cache",
    "Tax",
    "Stock",
    "Retry"
  };
  private static final String[] METHODS = {
    "handle",
    "invoke",
    "process",
    "run",
    "doFilter",
    "serialize",
    "execute",
    "getConnection",
    "apply",
    "compute",
    "lookup",
    "write",
    "read",
    "call",
    "accept",
    "proceed",
    "format",
    "validate",
    "load",
    "save"
  };

  /** The Python agent's PostAgentProfile body (JSON, 4,976 bytes, ~60 frames). */
  static byte[] pythonFixture() {
    try (InputStream in =
        Profiles.class.getResourceAsStream("/fixtures/python-agent-profile-1.body")) {
      if (in == null) {
        throw new IllegalStateException(
            "fixture /fixtures/python-agent-profile-1.body missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A JVM-style frame name, e.g. {@code com.example.checkout.OrderService.process}, distinct per
   * index.
   */
  static String frameName(int i) {
    String pkg = PACKAGES[i % PACKAGES.length];
    String cls = CLASSES[(i / PACKAGES.length) % CLASSES.length];
    String m = METHODS[(i / (PACKAGES.length * CLASSES.length)) % METHODS.length];
    int round = i / (PACKAGES.length * CLASSES.length * METHODS.length);
    return pkg + "." + cls + "." + m + (round == 0 ? "" : "$" + round);
  }

  /**
   * A service's whole call tree: {@code nodes} frames below the root, shaped like a JVM service's
   * (a few entry points, depth mostly 10 to 40). Counts are not set; {@link #sample} picks from it.
   */
  static Shape shape(long seed, int nodes) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<int[]> parentAndName = new ArrayList<>(nodes); // [parent index (-1 = root), name index]
    List<Integer> depth = new ArrayList<>(nodes);
    int names = 0;
    while (parentAndName.size() < nodes) {
      int parent;
      int n = parentAndName.size();
      if (n < 8 || rnd.nextInt(100) == 0) {
        parent = -1; // a new entry point (thread root)
      } else {
        // Prefer recent nodes, which grows stacks deep; sometimes branch off anywhere.
        parent = rnd.nextInt(4) != 0 ? n - 1 - rnd.nextInt(Math.min(n, 6)) : rnd.nextInt(n);
        if (depth.get(parent) >= 60) {
          parent = rnd.nextInt(n);
        }
      }
      parentAndName.add(new int[] {parent, names++});
      depth.add(parent < 0 ? 1 : depth.get(parent) + 1);
    }
    return new Shape(parentAndName);
  }

  /** The frames of a service; node i has parent parent[i] (-1 for the root) and a distinct name. */
  static final class Shape {
    final int[] parent;
    final int[] name;

    Shape(List<int[]> pn) {
      parent = new int[pn.size()];
      name = new int[pn.size()];
      for (int i = 0; i < parent.length; i++) {
        parent[i] = pn.get(i)[0];
        name[i] = pn.get(i)[1];
      }
    }

    int size() {
      return parent.length;
    }
  }

  /**
   * One agent profile drawn from {@code shape}: each frame is kept with probability {@code keep}
   * (its ancestors too, so the tree stays connected), with counts of several thread states on the
   * frames kept. {@code namespace} is put in front of every frame name: give each profile its own
   * to make profiles share no frame at all.
   */
  static Profile sample(
      Shape shape, long seed, double keep, String namespace, Instant start, Duration length) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = shape.size();
    boolean[] kept = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (rnd.nextDouble() < keep) {
        for (int j = i; j >= 0 && !kept[j]; j = shape.parent[j]) {
          kept[j] = true;
        }
      }
    }
    Profile.Builder pb =
        Profile.builder(start, start.plus(length)).agentMetadata(jvmMetadata(length));
    CallTreeNode.Builder root = pb.root();
    CallTreeNode.Builder[] built = new CallTreeNode.Builder[n];
    for (int i = 0; i < n; i++) { // parents always come before their children
      if (!kept[i]) {
        continue;
      }
      CallTreeNode.Builder parent = shape.parent[i] < 0 ? root : built[shape.parent[i]];
      CallTreeNode.Builder b = parent.child(namespace + frameName(shape.name[i]));
      // Like the JVM agent: no file or line. Most frames have samples of their own in one state
      // (RUNNABLE or BLOCKED); some in two or three.
      int states = rnd.nextInt(10) < 8 ? 1 : 2 + rnd.nextInt(2);
      for (int s = 0; s < states; s++) {
        b.addSelfCount(
            THREAD_STATES[rnd.nextInt(s == 0 ? 2 : THREAD_STATES.length)], 1 + rnd.nextInt(40));
      }
      built[i] = b;
    }
    return pb.build();
  }

  static Map<String, Object> jvmMetadata(Duration length) {
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("sampleWeights", Map.of("RUNNABLE", 1.0, "WALL_TIME", 1.0));
    md.put("durationInMs", length.toMillis());
    md.put("fleetInfo", Map.of("id", "i-0123456789abcdef0", "type", "EC2", "vCPUs", 4));
    md.put("agentInfo", Map.of("type", "CodeGuruProfiler-java", "version", "1.2.3"));
    md.put("agentOverhead", Map.of("memoryInMB", 12, "timeInMs", 140));
    md.put("runtimeVersion", "17.0.10");
    md.put("cpuTimeInSeconds", 61.5);
    md.put("metrics", Map.of("numThreads", 48.0));
    md.put("numTimesSampled", 300);
    return md;
  }

  private static final Instant JVM_PROFILE_START = Instant.parse("2026-01-12T09:55:00Z");

  /**
   * The synthetic JVM-sized profile of the PostAgentProfile benchmark: ~2,000 frames with counts of
   * several thread states, ~100 KB as JSON. The same bytes on every run.
   */
  static Profile jvmProfile(Instant start) {
    return sample(shape(42, 2_000), 7, 1.0, "", start, Duration.ofMinutes(5));
  }

  static byte[] json(Profile p) {
    return ProfileCodec.defaults().encode(p, ProfileFormat.JSON);
  }

  /** Prints the sizes of the synthetic profiles, to check them. */
  public static void main(String[] args) {
    Profile p = jvmProfile(JVM_PROFILE_START);
    System.out.println(
        "jvm profile: "
            + p
            + ", "
            + json(p).length
            + " bytes JSON, "
            + ProfileCodec.defaults().encode(p, ProfileFormat.ION_BINARY).length
            + " bytes Ion binary");
    Shape s = shape(1, 2_000);
    System.out.println(
        "bucket sample (keep 0.2): "
            + sample(s, 5, 0.2, "", JVM_PROFILE_START, Duration.ofMinutes(5)));
    System.out.println(
        "10x bucket sample (keep 0.2): "
            + sample(shape(1, 20_000), 5, 0.2, "", JVM_PROFILE_START, Duration.ofMinutes(5)));
    Profile q = sample(s, 3, 0.5, "", JVM_PROFILE_START, Duration.ofMinutes(5));
    System.out.println("bucket sample: " + q + ", " + json(q).length + " bytes JSON");
    System.out.println(
        "python fixture: "
            + pythonFixture().length
            + " bytes, "
            + ProfileCodec.defaults().decode(pythonFixture(), ProfileFormat.JSON));
  }
}

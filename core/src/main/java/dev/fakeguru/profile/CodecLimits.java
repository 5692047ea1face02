package dev.fakeguru.profile;

import org.apiguardian.api.API;

/**
 * Limits that keep a hostile or broken profile body from exhausting memory or time: the compressed
 * and decompressed size, the call-graph depth, and the number of nodes. Hitting one is a {@link
 * ProfileFormatException} with {@link ProfileFormatException.Problem#LIMIT_EXCEEDED}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * CodecLimits limits = CodecLimits.builder().maxDepth(200_000).build();
 * ProfileCodec codec = ProfileCodec.withLimits(limits);
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class CodecLimits {
  private static final CodecLimits DEFAULTS = builder().build();

  private final long maxCompressedBytes;
  private final long maxDecompressedBytes;
  private final int maxDepth;
  private final int maxNodes;

  private CodecLimits(Builder b) {
    this.maxCompressedBytes = b.maxCompressedBytes;
    this.maxDecompressedBytes = b.maxDecompressedBytes;
    this.maxDepth = b.maxDepth;
    this.maxNodes = b.maxNodes;
  }

  /** 16 MiB on the wire, 64 MiB inflated, 10,000 frames deep, 2,000,000 nodes. */
  public static CodecLimits defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these limits. */
  public Builder toBuilder() {
    return builder()
        .maxCompressedBytes(maxCompressedBytes)
        .maxDecompressedBytes(maxDecompressedBytes)
        .maxDepth(maxDepth)
        .maxNodes(maxNodes);
  }

  /** The largest body accepted as received (compressed or not), in bytes. */
  public long maxCompressedBytes() {
    return maxCompressedBytes;
  }

  /** The largest body accepted after gunzip, in bytes; inflation stops as soon as it is passed. */
  public long maxDecompressedBytes() {
    return maxDecompressedBytes;
  }

  /** The deepest call graph accepted, in frames below the root. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The most call-graph nodes accepted. */
  public int maxNodes() {
    return maxNodes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CodecLimits l
        && l.maxCompressedBytes == maxCompressedBytes
        && l.maxDecompressedBytes == maxDecompressedBytes
        && l.maxDepth == maxDepth
        && l.maxNodes == maxNodes;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(maxCompressedBytes, maxDecompressedBytes, maxDepth, maxNodes);
  }

  @Override
  public String toString() {
    return "CodecLimits[maxCompressedBytes="
        + maxCompressedBytes
        + ", maxDecompressedBytes="
        + maxDecompressedBytes
        + ", maxDepth="
        + maxDepth
        + ", maxNodes="
        + maxNodes
        + "]";
  }

  /** Builds {@link CodecLimits}. Not thread-safe. */
  public static final class Builder {
    private long maxCompressedBytes = 16L << 20;
    private long maxDecompressedBytes = 64L << 20;
    private int maxDepth = 10_000;
    private int maxNodes = 2_000_000;

    private Builder() {}

    /** See {@link CodecLimits#maxCompressedBytes()}. */
    public Builder maxCompressedBytes(long bytes) {
      this.maxCompressedBytes = positive("maxCompressedBytes", bytes);
      return this;
    }

    /** See {@link CodecLimits#maxDecompressedBytes()}. */
    public Builder maxDecompressedBytes(long bytes) {
      this.maxDecompressedBytes = positive("maxDecompressedBytes", bytes);
      return this;
    }

    /** See {@link CodecLimits#maxDepth()}. */
    public Builder maxDepth(int frames) {
      this.maxDepth = (int) positive("maxDepth", frames);
      return this;
    }

    /** See {@link CodecLimits#maxNodes()}. */
    public Builder maxNodes(int nodes) {
      this.maxNodes = (int) positive("maxNodes", nodes);
      return this;
    }

    private static long positive(String name, long value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be >= 1, but was " + value);
      }
      return value;
    }

    /** The limits. */
    public CodecLimits build() {
      return new CodecLimits(this);
    }
  }
}

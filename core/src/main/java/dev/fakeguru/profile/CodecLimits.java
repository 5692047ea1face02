package dev.fakeguru.profile;
public final class CodecLimits { long m = 16L << 20; public static CodecLimits defaults() { return new CodecLimits(); } public long maxCompressedBytes() { return m; }
  public static B builder() { return new B(); } public static final class B { long m = 16L << 20; public B maxCompressedBytes(long v) { m = v; return this; } public CodecLimits build() { CodecLimits c = new CodecLimits(); c.m = m; return c; } } }

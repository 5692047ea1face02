/**
 * Reading and writing profiles: {@link dev.fakeguru.codec.ProfileCodec} for the agent format (JSON,
 * Ion text, Ion binary, gzip) and {@link dev.fakeguru.codec.CollapsedStacks} for the
 * collapsed-stack text of async-profiler and FlameGraph.
 *
 * <p>Public API.
 */
package dev.fakeguru.codec;

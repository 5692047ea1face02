/**
 * The fake's time: {@link dev.fakeguru.time.SettableClock}, a clock a test sets and advances, so
 * that buckets, retention and "latest" ranges are driven without waiting.
 *
 * <p>Public API.
 */
package dev.fakeguru.time;

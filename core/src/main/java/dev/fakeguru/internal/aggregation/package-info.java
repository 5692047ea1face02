/**
 * Internal: the fake server's store of aggregated profiles (5-minute, 1-hour and 1-day UTC buckets
 * with retention). This package is an implementation detail of FakeGuru and <b>not API</b>; it may
 * change or disappear in any release without notice. Do not use it from tests or applications.
 */
package dev.fakeguru.internal.aggregation;

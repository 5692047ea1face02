/**
 * Internal: the composition root ({@link dev.fakeguru.internal.server.FakeServer}) and the one
 * dispatch path every request takes. This package is an implementation detail of FakeGuru and
 * <b>not API</b>; it may change in any release without notice.
 */
package dev.fakeguru.internal.server;

/**
 * Internal: the engine: all of the fake's state and the operations on it that the Java API, the
 * CodeGuru API handlers and the admin API share. This package is an implementation detail of
 * FakeGuru and <b>not API</b>; it may change or disappear in any release without notice.
 */
package dev.fakeguru.internal.engine;

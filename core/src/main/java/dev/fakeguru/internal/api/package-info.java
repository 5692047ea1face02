/**
 * Internal: the CodeGuru Profiler API's routes and handlers over the engine, with the model's
 * validation. This package is an implementation detail of FakeGuru and <b>not API</b>; it may
 * change or disappear in any release without notice.
 */
package dev.fakeguru.internal.api;

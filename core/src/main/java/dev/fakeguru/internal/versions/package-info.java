/**
 * Internal: the oldest versions of Jackson, ion-java and WireMock that FakeGuru's core works with,
 * and the check that finds a library below them without loading any class that would fail. This
 * package is an implementation detail of FakeGuru and <b>not API</b>; it may change or disappear in
 * any release without notice.
 */
package dev.fakeguru.internal.versions;

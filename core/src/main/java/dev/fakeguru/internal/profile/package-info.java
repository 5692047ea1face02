/**
 * Internal: hooks into the profile codec for the fake server (streaming a decoded call graph into a
 * structure other than {@link dev.fakeguru.profile.CallTreeNode}). This package is an implementation
 * detail of FakeGuru and <b>not API</b>; it may change or disappear in any release without notice.
 */
package dev.fakeguru.internal.profile;

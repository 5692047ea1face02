/**
 * <b>Internal</b>: the call-tree computations and the tree renderer behind FakeGuru's AssertJ
 * assertions. Nothing in this package is public API; it may change in any release without notice.
 */
package dev.fakeguru.assertj.internal;

/**
 * FakeGuru's internals: not API. Anything here may change in any release without notice; use the
 * types in {@code dev.fakeguru} and {@code dev.fakeguru.profile} instead.
 */
package dev.fakeguru.internal;

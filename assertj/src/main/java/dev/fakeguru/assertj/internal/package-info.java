/**
 * The call-tree computations, message text and tree renderer behind FakeGuru's AssertJ assertions.
 *
 * <p><b>Internal, not API</b> ({@code @API(status = INTERNAL)}): public only so that the assertion
 * packages can use it; it may change or disappear in any release without notice.
 */
package dev.fakeguru.assertj.internal;

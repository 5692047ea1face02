/**
 * The error-message factories of FakeGuru's AssertJ assertions, one class per kind of failure, each
 * extending AssertJ's {@link org.assertj.core.error.BasicErrorMessageFactory}. Custom assertions
 * may reuse them with {@code AbstractAssert#assertionError(ErrorMessageFactory)}.
 *
 * <p><b>Public API</b>, {@code @API(status = MAINTAINED)}: the factories' signatures stay
 * compatible for at least the next minor release, while the wording of their messages may be
 * improved in any release.
 */
package dev.fakeguru.assertj.error;

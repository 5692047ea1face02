/**
 * <b>Public</b>: the error-message factories of FakeGuru's AssertJ assertions, one class per kind of
 * failure, each extending AssertJ's {@link org.assertj.core.error.BasicErrorMessageFactory}. Custom
 * assertions may reuse them with {@code AbstractAssert#assertionError(ErrorMessageFactory)}.
 */
package dev.fakeguru.assertj.error;

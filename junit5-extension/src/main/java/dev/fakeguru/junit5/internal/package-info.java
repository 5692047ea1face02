/**
 * Internal machinery of the FakeGuru JUnit Jupiter extension. Not API: anything here may change or
 * disappear in any release.
 */
package dev.fakeguru.junit5.internal;

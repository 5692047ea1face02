/**
 * Test classes that the JUnit benchmarks run through the JUnit Platform Launcher; not run by the
 * build (this module has no tests).
 */
package dev.fakeguru.benchmarks.suites;

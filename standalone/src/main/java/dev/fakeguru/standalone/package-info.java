/**
 * The standalone FakeGuru server: the fake CodeGuru Profiler as a process, for agents and clients
 * in any language. Run {@code java -jar fakeguru-standalone.jar --help}; see {@link
 * dev.fakeguru.standalone.Main}.
 */
package dev.fakeguru.standalone;

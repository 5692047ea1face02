/**
 * Flame graphs of profiles: {@link dev.fakeguru.flamegraph.FlameGraph} renders any {@link
 * dev.fakeguru.profile.Profile}, or the difference between two, as one self-contained HTML file
 * (inline SVG and a small inline script: hover details, click to zoom, search, counter-type switch,
 * icicle/flame toggle) or as a plain SVG; {@link dev.fakeguru.flamegraph.FlameGraphFiles} is where
 * FakeGuru's test integrations write them when a test fails. Depends on the profile model only.
 *
 * <p>Public API.
 */
package dev.fakeguru.flamegraph;

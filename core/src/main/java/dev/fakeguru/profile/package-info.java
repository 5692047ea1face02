/**
 * The profile model: {@link dev.fakeguru.profile.Profile} (a time range, agent metadata and an
 * immutable {@link dev.fakeguru.profile.CallTreeNode call tree} with self counts per counter type),
 * the formats it travels in and the errors and limits of decoding it. Depends on nothing else in
 * FakeGuru.
 *
 * <p>Public API.
 */
package dev.fakeguru.profile;

/**
 * What the fake answers besides its own aggregation: scripted GetProfile answers ({@link
 * dev.fakeguru.scripting.ScriptedProfileResponse}), ConfigureAgent answers ({@link
 * dev.fakeguru.scripting.AgentConfiguration}) and the answer for a range without data ({@link
 * dev.fakeguru.scripting.EmptyRangePolicy}).
 *
 * <p>Public API.
 */
package dev.fakeguru.scripting;

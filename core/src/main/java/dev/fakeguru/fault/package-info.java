/**
 * Faults the fake injects: what happens ({@link dev.fakeguru.fault.ProfilerFault}: AWS errors in
 * their wire form, dropped connections, garbage, delays), to which calls and when ({@link
 * dev.fakeguru.fault.FaultRule}), and the rule in force ({@link dev.fakeguru.fault.InjectedFault}).
 *
 * <p>Public API.
 */
package dev.fakeguru.fault;

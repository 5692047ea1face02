/**
 * What the fake received: every API call ({@link dev.fakeguru.recording.RecordedCall}) and every
 * post ({@link dev.fakeguru.recording.RecordedProfilePost}), routed to an {@link
 * dev.fakeguru.recording.Operation}. The fake creates these values; tests read them.
 *
 * <p>Public API.
 */
package dev.fakeguru.recording;

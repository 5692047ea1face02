/**
 * Internal: the HTTP side of the fake (routing, validation, the AWS wire format, and the WireMock
 * bridge). Not API; may change without notice.
 */
package dev.fakeguru.internal.server;

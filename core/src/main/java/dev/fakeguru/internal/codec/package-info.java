/**
 * Internal: the agent-format reader and writer behind dev.fakeguru.codec.ProfileCodec, over one
 * streaming token model for JSON and Ion. This package is an implementation detail of FakeGuru and
 * <b>not API</b>; it may change or disappear in any release without notice.
 */
package dev.fakeguru.internal.codec;

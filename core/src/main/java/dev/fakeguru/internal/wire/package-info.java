/**
 * Internal: the AWS restJson1 wire details shared by the API handlers, the dispatch and the data
 * directory. This package is an implementation detail of FakeGuru and <b>not API</b>; it may change
 * or disappear in any release without notice.
 */
package dev.fakeguru.internal.wire;

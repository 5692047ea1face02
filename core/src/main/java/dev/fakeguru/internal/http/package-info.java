/**
 * Internal: the HTTP transport (WireMock's Jetty), the request and response values, and the one
 * route table. This package is an implementation detail of FakeGuru and <b>not API</b>; it may
 * change or disappear in any release without notice.
 */
package dev.fakeguru.internal.http;

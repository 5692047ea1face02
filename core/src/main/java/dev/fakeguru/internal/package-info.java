/**
 * FakeGuru's internals: not API. Anything here may change in any release without notice; use the
 * public packages ({@code dev.fakeguru} and its {@code recording}, {@code fault}, {@code
 * scripting}, {@code time}, {@code profile} and {@code codec} packages) instead. {@code
 * ARCHITECTURE.md} at the repository root maps the internal packages.
 */
package dev.fakeguru.internal;

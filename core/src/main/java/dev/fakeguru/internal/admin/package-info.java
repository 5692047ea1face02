/** Internal: the HTTP admin API of the fake. Not API; its HTTP contract is documented in the README. */
package dev.fakeguru.internal.admin;

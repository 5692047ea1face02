/** Internal: persistence of the fake's state in a data directory. Not API. */
package dev.fakeguru.internal.persistence;

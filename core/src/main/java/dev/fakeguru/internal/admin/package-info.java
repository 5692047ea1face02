/**
 * Internal: the HTTP admin API of the fake. Not API; its HTTP contract is the table in {@link
 * dev.fakeguru.internal.admin.AdminApi}'s Javadoc (and the README's standalone section).
 */
package dev.fakeguru.internal.admin;

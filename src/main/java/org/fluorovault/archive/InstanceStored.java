package org.fluorovault.archive;

/**
 * Published once a new object is in place and its index rows are committed (not for duplicates
 * or quarantined conflicts). Listeners run on the storing thread: they hand real work to their own
 * executor and never throw into the C-STORE path.
 */
public record InstanceStored(StoredInstance instance) {}

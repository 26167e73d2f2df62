/**
 * The archive: stores every received object durably, byte for byte, and indexes it.
 *
 * <p><b>API:</b> {@link org.fluorovault.archive.ArchiveStore} (store, resolve, verify, quarantine),
 * {@link org.fluorovault.archive.InstanceIndex} (the index of stored objects),
 * {@link org.fluorovault.archive.StudyQueries} (the read API the other features use instead of SQL on these tables),
 * {@link org.fluorovault.archive.StoredInstance}, {@link org.fluorovault.archive.InstanceNotFoundException}.
 *
 * <p><b>Tables:</b> {@code patient}, {@code study}, {@code series}, {@code instance}, {@code quarantine}; files under
 * {@code objects/} and the receipt journal {@code journal/receipts.log}.
 *
 * <p><b>Events published:</b> {@link org.fluorovault.archive.InstanceStored} after the index row is committed (and for
 * objects recovered from the journal at start). Listened to by analysis, dose and linking, which queue their work on
 * {@code common.BackgroundWork}.
 *
 * <p><b>Background work:</b> queue {@code acquisition-backfill} (acquisition times of objects stored before V10).
 */
package org.fluorovault.archive;

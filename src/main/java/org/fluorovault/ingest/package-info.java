/**
 * What modalities send: the Storage SCP (C-STORE to the archive), MPPS and Storage Commitment. Each service declares
 * its SOP classes and transfer syntaxes ({@code dicom.net.dimse.DicomServiceProvider}); the node composes them.
 *
 * <p><b>API:</b> {@link org.fluorovault.ingest.MppsRecords} (MPPS status, orders and dose fields per study, read by
 * linking and dose), {@link org.fluorovault.ingest.StorageScp}, {@link org.fluorovault.ingest.CommitmentProperties}.
 *
 * <p><b>Tables:</b> {@code mpps}, {@code mpps_instance}, {@code commitment_request}, {@code commitment_reference}.
 *
 * <p><b>Events:</b> none of its own (stored objects are announced by the archive).
 *
 * <p><b>Background work:</b> queue {@code storage-commitment} (N-EVENT-REPORTs, keyed by recorded request).
 */
package org.fluorovault.ingest;

/**
 * The DICOM node: the composition root that listens on the DICOM port(s), decides who may associate
 * ({@code PeerAccess}, {@code fluorovault.dicom.peers}) and builds its negotiation policy and DIMSE routing from the
 * registered {@code DicomServiceProvider} beans (storage, MPPS, commitment, query/retrieve, worklist, verification).
 *
 * <p><b>API:</b> {@link org.fluorovault.node.DicomNode}, {@link org.fluorovault.node.DicomProperties}.
 *
 * <p><b>Tables:</b> none. <b>Events:</b> none.
 */
package org.fluorovault.node;

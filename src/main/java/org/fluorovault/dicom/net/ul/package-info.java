/**
 * The DICOM Upper Layer (PS3.8): PDUs and their codec, the state machine, and associations as
 * requestor ({@link org.fluorovault.dicom.net.ul.Association#connect}) and acceptor
 * ({@link org.fluorovault.dicom.net.ul.UlServer}).
 *
 * <h2>Threads</h2>
 * Each association has one reader thread (a pool thread of the server, or a daemon thread of
 * its own for a requestor) that reads PDUs, drives the state machine and calls the
 * {@link org.fluorovault.dicom.net.ul.DimseReceiver}. Sending is thread-safe: whole messages are
 * serialised, whole PDUs are atomic. Timers are socket read timeouts: ARTIM while waiting for the
 * A-ASSOCIATE-RQ, the AC/RJ and the peer's close in Sta13; an idle timeout in an established
 * association; the release timeout is a bounded wait of the caller of {@code release()}.
 *
 * <h2>Where this differs from, or simplifies, PS3.8</h2>
 * <ul>
 *   <li>A-RELEASE indications are answered by the UL itself: the service user cannot refuse or
 *       delay a release (Sta8, Sta9 and Sta12 are left at once with an A-RELEASE-RP).</li>
 *   <li>A local A-ABORT (AA-1 from {@code abort()}, the idle timeout or a failing receiver) closes
 *       the transport right after sending the A-ABORT instead of waiting in Sta13 for the peer to
 *       close it; so does the requestor when association establishment fails.</li>
 *   <li>A wrong PDU in Sta2 (AA-1) is answered with an A-ABORT from the service provider
 *       (source 2) carrying the diagnostic, since no service user exists yet; PS3.8 says
 *       service-user source.</li>
 *   <li>In Sta13 a PDU that cannot be decoded ends the wait for the peer's close at once (the
 *       stream cannot be followed any further).</li>
 *   <li>A silent peer in an established association (idle timeout) gets an A-ABORT with source 2,
 *       reason 0; PS3.8 has no timer there.</li>
 *   <li>An A-ASSOCIATE-RQ with an even or repeated presentation context ID, or a maximum length
 *       of 1..6, is rejected 1/2/1 (service provider, no reason); an AC with such a maximum length
 *       is aborted.</li>
 *   <li>PDV-level errors inside a P-DATA-TF (a data PDV without its command, a PDV on another
 *       context inside a message, a context that was not accepted) are A-ABORTs with reason 5
 *       or 6. A data set that the receiver did not open is discarded.</li>
 *   <li>PDUs we send are at most min(peer maximum, our maximum) long; a peer maximum of 0
 *       (unlimited) means ours. Every P-DATA-TF we send carries one PDV.</li>
 *   <li>A DIMSE message being sent blocks while the peer does not read; only reads time out.</li>
 *   <li>{@code onClosed} runs when the transport is closed, i.e. after Sta13: for an acceptor that
 *       answered a release, once the requestor has closed the connection (or ARTIM ran out).</li>
 * </ul>
 */
package org.fluorovault.dicom.net.ul;

/**
 * The 62323 documentation rules, the verdicts, and the evidence packets (PDF and DICOM ZIP, in {@code packet}).
 *
 * <p><b>API:</b> {@link org.fluorovault.evidence.EvidenceService} (judge and store, history),
 * {@link org.fluorovault.evidence.Verdict}, {@link org.fluorovault.evidence.RuleSet}; REST in
 * {@link org.fluorovault.evidence.EvidenceController}, {@code VerdictsController}, {@code KeyImagesController} and
 * {@code packet.PacketController}.
 *
 * <p><b>Tables:</b> {@code evidence_verdict}. Reads the others through their APIs only.
 *
 * <p><b>Events:</b> listens to {@code ProcedureChanged}, {@code StudyLinked}, {@code StudyUnlinked} and
 * {@code AnnotationSaved} (queue {@code verdict-refresh}).
 */
package org.fluorovault.evidence;

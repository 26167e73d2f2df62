/**
 * Links studies to procedure records: by accession number, the worklist's Study Instance UID, MPPS, then patient and
 * date; what no rule can attach waits in a queue for a person.
 *
 * <p><b>API:</b> {@link org.fluorovault.linking.StudyLinker} (links, history, queue, link and unlink by hand),
 * {@link org.fluorovault.linking.StudyLink}. The rules read other features through {@code LinkSources} (archive
 * {@code StudyQueries}, {@code ProcedureService}, ingest {@code MppsRecords}).
 *
 * <p><b>Tables:</b> {@code study_link}, {@code study_link_event}, {@code link_queue}.
 *
 * <p><b>Events:</b> listens to {@code archive.InstanceStored} and {@code procedure.ProcedureChanged} (queue
 * {@code study-linker}); publishes {@code StudyLinker.StudyLinked} and {@code StudyLinker.StudyUnlinked} (evidence
 * judges the procedure again).
 */
package org.fluorovault.linking;

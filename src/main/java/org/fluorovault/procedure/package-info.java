/**
 * Procedure records: their versions, REST and CSV import, the Modality Worklist SCP and the worklist status.
 *
 * <p><b>API:</b> {@link org.fluorovault.procedure.ProcedureService} (records, versions, candidate lookups for the
 * linker), {@link org.fluorovault.procedure.Procedure}, {@link org.fluorovault.procedure.WorklistStatuses} with its two
 * questions to other features ({@code LookedAt}, answered through analysis and review; {@code LinkedStudies},
 * answered by linking), {@link org.fluorovault.procedure.GuidanceImaging} (the authoritative vocabularies).
 *
 * <p><b>Tables:</b> {@code procedure_record}, {@code procedure_version}.
 *
 * <p><b>Events published:</b> {@link org.fluorovault.procedure.ProcedureChanged} (linking retries waiting studies;
 * evidence judges the record again).
 */
package org.fluorovault.procedure;

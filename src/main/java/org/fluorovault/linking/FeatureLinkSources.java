package org.fluorovault.linking;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.fluorovault.archive.StudyQueries;
import org.fluorovault.ingest.MppsRecords;
import org.fluorovault.procedure.ProcedureService;
import org.springframework.stereotype.Component;

/** The linker's sources through the owners' APIs: the archive's {@link StudyQueries}, procedures and MPPS records. */
@Component
class FeatureLinkSources implements LinkSources {
    private final StudyQueries studies;
    private final ProcedureService procedures;
    private final MppsRecords mpps;

    FeatureLinkSources(StudyQueries studies, ProcedureService procedures, MppsRecords mpps) {
        this.studies = studies;
        this.procedures = procedures;
        this.mpps = mpps;
    }

    @Override
    public Optional<StudyFacts> study(String studyInstanceUid) {
        return studies.study(studyInstanceUid)
                .map(s -> new StudyFacts(
                        s.studyInstanceUid(),
                        s.patientId(),
                        s.issuerOfPatientId(),
                        s.accessionNumber(),
                        date(s.studyDate(), s.receivedAt()),
                        s.modalities()));
    }

    @Override
    public List<Long> byAccession(String accessionNumber) {
        return procedures.activeIdsByAccession(accessionNumber);
    }

    @Override
    public List<Long> byAssignedStudyUid(String studyInstanceUid) {
        return procedures.activeIdsByStudyUid(studyInstanceUid);
    }

    @Override
    public List<Long> byMpps(String studyInstanceUid, String patientId) {
        TreeSet<Long> ids = new TreeSet<>();
        for (MppsRecords.MppsOrder o : mpps.ordersForStudy(studyInstanceUid)) {
            if (o.accessionNumber() != null) ids.addAll(procedures.activeIdsByAccession(o.accessionNumber()));
            if (o.requestedProcedureId() != null && patientId != null) {
                ids.addAll(procedures.activeIdsByRequestedProcedure(o.requestedProcedureId(), patientId));
            }
        }
        return List.copyOf(ids);
    }

    @Override
    public List<Long> byPatientAndDate(String patientId, LocalDate from, LocalDate to) {
        return procedures.activeIdsByPatientAndDates(patientId, from, to);
    }

    @Override
    public Optional<String> procedurePatient(long procedureId) {
        return procedures.find(procedureId).map(p -> p.patient().id());
    }

    /** The Study Date (DA); an absent or impossible one falls back to the day the study arrived (UTC). */
    static LocalDate date(String da, Instant received) {
        if (da != null && da.matches("\\d{8}")) {
            try {
                return LocalDate.of(
                        Integer.parseInt(da.substring(0, 4)),
                        Integer.parseInt(da.substring(4, 6)),
                        Integer.parseInt(da.substring(6)));
            } catch (DateTimeException e) {
                // an impossible Study Date: fall back to when the study arrived
            }
        }
        return received.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

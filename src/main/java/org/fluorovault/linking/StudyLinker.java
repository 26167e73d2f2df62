package org.fluorovault.linking;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fluorovault.archive.StudyQueries;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.common.ConflictException;
import org.fluorovault.common.InvalidRequestException;
import org.fluorovault.common.NotFoundException;
import org.fluorovault.dicom.data.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Attaches studies to procedures. The rules, in order: the study's Accession Number; the Study Instance UID the
 * worklist assigned to the procedure; an MPPS for the study naming the procedure's order; the Patient ID with a
 * study date within {@link LinkerProperties#windowDays()} of the date of service (guidance modalities only).
 * One candidate links; several, or none, put the study in the work queue for a person. People link and unlink
 * too; an unlinked study stays with people (rules leave it alone). Every change is in the append-only history.
 */
@Service
public class StudyLinker {
    public static final String RULES = "linker";
    private static final Logger LOG = LoggerFactory.getLogger(StudyLinker.class);

    /** The procedure, the study or the link a request names does not exist (404). */
    public static class LinkTargetNotFoundException extends NotFoundException {
        LinkTargetNotFoundException(String message) {
            super(message);
        }
    }

    /** The link cannot be made as asked: already linked elsewhere, or changed concurrently (409). */
    public static class LinkConflictException extends ConflictException {
        LinkConflictException(String message) {
            super(message);
        }
    }

    /** A person links a study of another patient without saying why (answered 400). */
    public static class ReasonRequiredException extends InvalidRequestException {
        ReasonRequiredException(String message) {
            super(message);
        }
    }

    /** Queue reason of a study whose key matched a procedure of another patient. */
    public static final String CONFLICT = "CONFLICT";

    private final LinkRepository repo;
    private final LinkSources sources;
    private final StudyQueries studies;
    private final LinkerProperties props;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    StudyLinker(
            LinkRepository repo,
            LinkSources sources,
            StudyQueries studies,
            LinkerProperties props,
            TransactionTemplate tx,
            ApplicationEventPublisher events,
            AuditTrail audit) {
        this.audit = audit;
        this.repo = repo;
        this.sources = sources;
        this.studies = studies;
        this.props = props;
        this.tx = tx;
        this.events = events;
    }

    public Optional<StudyLink> linkOf(String studyInstanceUid) {
        return repo.link(studyInstanceUid);
    }

    public List<StudyLink> linksOf(long procedureId) {
        return repo.links(procedureId);
    }

    public List<LinkEvent> history(long procedureId) {
        return repo.history(procedureId);
    }

    /** The studies waiting for a person, oldest first (studies without guidance imaging are not shown). */
    public List<QueuedStudy> queue(int page, int size) {
        List<LinkRepository.QueueRow> rows = repo.queue(page, size);
        Map<String, StudyQueries.StudySummary> facts = studies.studies(
                rows.stream().map(LinkRepository.QueueRow::studyInstanceUid).toList());
        return rows.stream()
                .map(r -> {
                    StudyQueries.StudySummary f = facts.get(r.studyInstanceUid());
                    return new QueuedStudy(
                            r.studyInstanceUid(),
                            f == null ? null : f.patientId(),
                            f == null ? null : f.studyDate(),
                            f == null ? null : f.accessionNumber(),
                            f == null ? List.of() : f.modalities(),
                            r.reason(),
                            r.candidates(),
                            r.queuedAt(),
                            r.detail());
                })
                .toList();
    }

    /** Runs the rules for a study that is neither linked nor held by a person; returns the link if one was made. */
    public Optional<StudyLink> evaluate(String studyInstanceUid) {
        Optional<StudyLink> made = tx.execute(s -> {
            if (repo.link(studyInstanceUid).isPresent() || repo.isManual(studyInstanceUid))
                return Optional.<StudyLink>empty();
            Optional<LinkSources.StudyFacts> facts = sources.study(studyInstanceUid);
            if (facts.isEmpty()) return Optional.<StudyLink>empty();
            return decide(facts.get());
        });
        made.ifPresent(l -> {
            audit.recordLater(AuditEvent.of(AuditEventType.PROCEDURE_RECORD)
                    .action(AuditAction.U)
                    .user(RULES)
                    .procedureId(Long.toString(l.procedureId()))
                    .studyUid(l.studyInstanceUid())
                    .detail("study linked by rule " + l.method())
                    .build());
            events.publishEvent(new StudyLinked(l));
        });
        return made;
    }

    private Optional<StudyLink> decide(LinkSources.StudyFacts f) {
        if (f.accessionNumber() != null) {
            List<Long> c = sources.byAccession(f.accessionNumber());
            if (!c.isEmpty()) return linkOrQueue(f, c, LinkMethod.ACCESSION, "accession number " + f.accessionNumber());
        }
        List<Long> byUid = sources.byAssignedStudyUid(f.studyInstanceUid());
        if (!byUid.isEmpty())
            return linkOrQueue(f, byUid, LinkMethod.STUDY_UID, "Study Instance UID from the worklist");
        List<Long> byMpps = sources.byMpps(f.studyInstanceUid(), f.patientId());
        if (!byMpps.isEmpty()) return linkOrQueue(f, byMpps, LinkMethod.MPPS, "MPPS for the study");
        if (f.modalities().stream().noneMatch(props.modalities()::contains)) {
            // not guidance imaging (an SR-only study, another department's MR...): nothing for people to do
            repo.queue(
                    f.studyInstanceUid(),
                    LinkRepository.NOT_GUIDANCE,
                    List.of(),
                    false,
                    clock.instant(),
                    "no accession or worklist match; modalities " + f.modalities()
                            + " are not matched by patient and date " + "(only " + props.modalities() + ")");
            return Optional.empty();
        }
        LocalDate d = f.studyDate();
        List<Long> byDate = sources.byPatientAndDate(
                f.patientId(), d.minusDays(props.windowDays()), d.plusDays(props.windowDays()));
        if (byDate.isEmpty()) {
            repo.queue(
                    f.studyInstanceUid(),
                    "UNMATCHED",
                    List.of(),
                    false,
                    clock.instant(),
                    "no procedure with this accession number, study UID or MPPS, and none for the patient within "
                            + props.windowDays() + " day(s) of " + d);
            return Optional.empty();
        }
        return linkOrQueue(
                f,
                byDate,
                LinkMethod.PATIENT_DATE,
                "patient ID and study date " + d + " (window " + props.windowDays() + " day(s))");
    }

    private Optional<StudyLink> linkOrQueue(
            LinkSources.StudyFacts f, List<Long> candidates, LinkMethod method, String why) {
        if (candidates.size() > 1) {
            repo.queue(
                    f.studyInstanceUid(),
                    "AMBIGUOUS",
                    candidates,
                    false,
                    clock.instant(),
                    candidates.size() + " procedures match by " + why);
            return Optional.empty();
        }
        // another patient's images must never reach a verdict or a packet on a key match alone
        Optional<String> conflict = conflict(f, candidates.get(0));
        if (conflict.isPresent()) {
            repo.queue(
                    f.studyInstanceUid(),
                    CONFLICT,
                    candidates,
                    false,
                    clock.instant(),
                    "matched by " + why + ", but " + conflict.get());
            LOG.warn(
                    "study {} not linked to procedure {}: {}",
                    LogSafe.escape(f.studyInstanceUid()),
                    candidates.get(0),
                    LogSafe.escape(conflict.get()));
            return Optional.empty();
        }
        StudyLink l = new StudyLink(f.studyInstanceUid(), candidates.get(0), method, RULES, clock.instant());
        repo.insertLink(l, "matched by " + why);
        LOG.info(
                "study {} linked to procedure {} by {}", LogSafe.escape(f.studyInstanceUid()), l.procedureId(), method);
        return Optional.of(l);
    }

    /**
     * Why the study's patient is not the procedure's (the Patient IDs differ), naming both; empty
     * when they are the same patient. The procedure record keeps no issuer of its Patient ID, so
     * the study's issuer is named but cannot be compared.
     */
    private Optional<String> conflict(LinkSources.StudyFacts f, long procedureId) {
        String theirs = sources.procedurePatient(procedureId).orElse(null);
        if (theirs == null || theirs.equals(f.patientId())) return Optional.empty();
        return Optional.of(
                "the study's patient " + f.patientId() + (f.issuer() == null ? "" : " (issuer " + f.issuer() + ")")
                        + " is not the patient " + theirs + " of procedure " + procedureId);
    }

    /** Why the study's patient is not the procedure's, naming both; empty when they match or either is unknown. */
    public Optional<String> patientConflict(long procedureId, String studyInstanceUid) {
        return sources.study(studyInstanceUid).flatMap(f -> conflict(f, procedureId));
    }

    /**
     * A person attaches a study to a procedure. When the study belongs to another patient
     * ({@link #patientConflict}) the person must say why: without a reason it is refused with
     * {@link ReasonRequiredException}.
     */
    public StudyLink link(long procedureId, String studyInstanceUid, String user, String reason) {
        StudyLink made;
        try {
            made = tx.execute(s -> {
                if (sources.procedurePatient(procedureId).isEmpty())
                    throw new LinkTargetNotFoundException("no procedure " + procedureId);
                Optional<LinkSources.StudyFacts> study = sources.study(studyInstanceUid);
                if (study.isEmpty())
                    throw new LinkTargetNotFoundException("no study " + studyInstanceUid + " in the archive");
                Optional<String> conflict = conflict(study.get(), procedureId);
                if (conflict.isPresent() && (reason == null || reason.isBlank())) {
                    throw new ReasonRequiredException(conflict.get() + "; linking it needs a reason");
                }
                Optional<StudyLink> existing = repo.link(studyInstanceUid);
                if (existing.isPresent()) {
                    throw new LinkConflictException("study " + studyInstanceUid + " is already linked to procedure "
                            + existing.get().procedureId() + "; unlink it first");
                }
                StudyLink l = new StudyLink(studyInstanceUid, procedureId, LinkMethod.USER, user, clock.instant());
                String why = reason == null || reason.isBlank() ? "linked by a person" : reason;
                repo.insertLink(l, conflict.map(c -> why + " (" + c + ")").orElse(why));
                return l;
            });
        } catch (DuplicateKeyException e) {
            throw new LinkConflictException("study " + studyInstanceUid + " was linked concurrently; reload");
        }
        events.publishEvent(new StudyLinked(made));
        return made;
    }

    /** A person removes a link; the study goes to the work queue and rules will not attach it again. */
    public void unlink(long procedureId, String studyInstanceUid, String user, String reason) {
        StudyLink removed = tx.execute(s -> {
            StudyLink l = repo.link(studyInstanceUid)
                    .filter(x -> x.procedureId() == procedureId)
                    .orElseThrow(() -> new LinkTargetNotFoundException(
                            "study " + studyInstanceUid + " is not linked to procedure " + procedureId));
            String why = reason == null || reason.isBlank() ? "unlinked by a person" : reason;
            repo.deleteLink(l, user, clock.instant(), why);
            repo.queue(
                    studyInstanceUid,
                    "UNLINKED",
                    List.of(),
                    true,
                    clock.instant(),
                    "unlinked from procedure " + procedureId + " by " + user + ": " + why);
            return l;
        });
        events.publishEvent(new StudyUnlinked(removed, user));
    }

    /** Published after a link is committed. */
    public record StudyLinked(StudyLink link) {}

    /** Published after an unlink is committed. */
    public record StudyUnlinked(StudyLink previous, String user) {}

    /** Queued studies (not held by a person) that a procedure with these keys could now match. */
    List<String> retryCandidates(String patientId, String accessionNumber, String studyInstanceUid) {
        java.util.Set<String> uids = new java.util.HashSet<>();
        if (patientId != null) uids.addAll(studies.studiesOfPatient(patientId));
        if (accessionNumber != null) uids.addAll(studies.studiesWithAccession(accessionNumber));
        if (studyInstanceUid != null) uids.add(studyInstanceUid);
        return repo.queuedForRules(uids);
    }

    List<String> unseenStudies() {
        java.util.Set<String> seen = repo.seenStudies();
        List<String> unseen = new java.util.ArrayList<>();
        studies.forEachStudy(uid -> {
            if (!seen.contains(uid)) unseen.add(uid);
        });
        return unseen;
    }
}

package org.fluorovault.procedure;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.fluorovault.procedure.Procedure.Patient;
import org.fluorovault.procedure.internal.ProcedureRepository;
import org.fluorovault.procedure.internal.ProcedureValidator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Procedure records: the public API the REST controller, the CSV import, the worklist and later
 * features (HL7 interface, linker, 62323 verdict, packets) use.
 * <ul>
 * <li>{@link #find}, {@link #versions}, {@link #forPatient}, {@link #findByAccession}, {@link #search}
 *     read the current state (or the history) of records.</li>
 * <li>{@link #create} validates a {@link ProcedureData} (CPT known, region and levels consistent,
 *     ICD-10-CM format, NPI check digit, dates possible), assigns a Study Instance UID, and stores
 *     version 1 (SCHEDULED, or PERFORMED when {@code performedAt} is given, unless a status is
 *     passed).</li>
 * <li>{@link #update} replaces the fields and stores the next version. With an expected version
 *     it fails with {@link VersionConflictException} when the record moved on meanwhile. A change
 *     to a SIGNED record makes it REVIEWED: it must be signed again.</li>
 * <li>{@link #setStatus} moves a record along SCHEDULED -> PERFORMED -> REVIEWED -> SIGNED
 *     (SCHEDULED -> CANCELLED, SIGNED -> REVIEWED to reopen); {@link #sign} signs a REVIEWED record;
 *     {@link #cancel} cancels a scheduled one.</li>
 * <li>{@link #updateDemographics} and {@link #mergePatients} change the patient on every record of
 *     a patient ID (HL7 ADT^A08 / ADT^A40), each as a new version.</li>
 * <li>{@link #createOrder} creates a scheduled record for an order (HL7 ORC-1 NW) unless a record
 *     that is not CANCELLED already has its accession number.</li>
 * <li>The overloads with a {@code reason} store it as the version's change reason (an interface
 *     says which message made the change); {@link #changeReasons} reads them back.</li>
 * </ul>
 * Nothing is overwritten: each change appends a version (with who, when and why), and after the
 * transaction commits a {@link ProcedureChanged} event is published (synchronously; when the caller
 * runs these methods inside its own transaction, the event comes before that one commits, so
 * listeners that read the record should be {@code @TransactionalEventListener}s). Invalid input throws
 * {@link InvalidProcedureException} and stores nothing.
 */
@Service
public class ProcedureService {
    private final ProcedureRepository repo;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final WorklistStatuses statuses;

    public ProcedureService(
            ProcedureRepository repo,
            TransactionTemplate tx,
            ApplicationEventPublisher events,
            WorklistStatuses statuses) {
        this.repo = repo;
        this.statuses = statuses;
        this.tx = tx;
        this.events = events;
        this.clock = Clock.systemDefaultZone();
    }

    /** Longest change reason stored (the column's width); longer reasons are cut. */
    public static final int MAX_REASON_LENGTH = 128;

    private final Object orderLock = new Object();

    public Optional<Procedure> find(long id) {
        return repo.current(id);
    }

    /** Why each version was made ("created", "status CANCELLED", "HL7 ORM^O01 MSG001", ...), oldest first. */
    public List<String> changeReasons(long id) {
        return repo.reasons(id);
    }

    /** Every version of the record, oldest first (empty when there is no such record). */
    public List<Procedure> versions(long id) {
        return repo.versions(id);
    }

    /** The current state of every record of the patient, by date of service (for the frequency rules). */
    public List<Procedure> forPatient(String patientId) {
        return repo.forPatient(patientId);
    }

    public List<Procedure> findByAccession(String accessionNumber) {
        return repo.byAccession(accessionNumber);
    }

    /** Ids of the records, not cancelled, with this accession number (oldest first). */
    public List<Long> activeIdsByAccession(String accessionNumber) {
        return repo.activeIds(ProcedureRepository.ActiveKey.ACCESSION, accessionNumber);
    }

    /** Ids of the records, not cancelled, that were assigned this Study Instance UID (in the worklist). */
    public List<Long> activeIdsByStudyUid(String studyInstanceUid) {
        return repo.activeIds(ProcedureRepository.ActiveKey.STUDY_UID, studyInstanceUid);
    }

    /** Ids of the records, not cancelled, of this patient with this Requested Procedure ID. */
    public List<Long> activeIdsByRequestedProcedure(String requestedProcedureId, String patientId) {
        return repo.activeIds(ProcedureRepository.ActiveKey.REQUESTED_PROCEDURE, requestedProcedureId, patientId);
    }

    /** Ids of the records, not cancelled, of this patient with a date of service in [from, to]. */
    public List<Long> activeIdsByPatientAndDates(String patientId, java.time.LocalDate from, java.time.LocalDate to) {
        return repo.activeIds(
                ProcedureRepository.ActiveKey.PATIENT_AND_DATES,
                patientId,
                java.sql.Date.valueOf(from),
                java.sql.Date.valueOf(to));
    }

    /** Records by patient, accession and date-of-service range (each criterion optional), with their worklist statuses. */
    public ProcedurePage search(String patientId, String accession, LocalDate from, LocalDate to, int page, int size) {
        var p = repo.search(patientId, accession, from, to, page, size);
        return new ProcedurePage(p.items(), p.page(), p.size(), p.total(), statuses.of(p.items()));
    }

    /** Creates a record: SCHEDULED, or PERFORMED when it has a performed date/time. */
    public Procedure create(ProcedureData data, String user) {
        return create(data, data != null && data.performedAt() != null ? Status.PERFORMED : Status.SCHEDULED, user);
    }

    /** Creates a record in the given status (an import of historical records passes PERFORMED or SIGNED). */
    public Procedure create(ProcedureData data, Status status, String user) {
        return create(data, status, user, "created");
    }

    /** As {@link #create(ProcedureData, Status, String)}, with the change reason of version 1. */
    public Procedure create(ProcedureData data, Status status, String user, String reason) {
        ProcedureData valid = ProcedureValidator.validate(data, today());
        if (status == Status.CANCELLED) throw new InvalidProcedureException("a new record cannot be CANCELLED");
        if (status != Status.SCHEDULED && valid.performedAt() == null) {
            throw new InvalidProcedureException("a " + status + " record needs performedAt");
        }
        Instant now = clock.instant();
        String uid = newUid();
        Procedure p = tx.execute(s -> {
            long id = repo.insert(status, uid, valid, now, user);
            Procedure created = new Procedure(id, 1, status, uid, valid, now, user);
            repo.appendVersion(created, reason(reason, "created"));
            return created;
        });
        events.publishEvent(new ProcedureChanged(p.id(), p.version()));
        return p;
    }

    /**
     * Creates a SCHEDULED record for a new order (HL7 ORC-1 NW). The accession number is required
     * and must not be held by a record that is not CANCELLED: a repeated order fails with
     * {@link DuplicateAccessionException} and stores nothing. Orders are created one at a time so
     * that two copies of one order arriving together still make one record.
     */
    public Procedure createOrder(ProcedureData data, String user, String reason) {
        if (data != null
                && (data.accessionNumber() == null || data.accessionNumber().isBlank())) {
            throw new InvalidProcedureException("an order needs an accession number");
        }
        synchronized (orderLock) {
            if (data != null) {
                List<Procedure> held = repo.byAccession(data.accessionNumber()).stream()
                        .filter(p -> p.status() != Status.CANCELLED)
                        .toList();
                if (!held.isEmpty())
                    throw new DuplicateAccessionException(
                            data.accessionNumber(), held.get(0).id());
            }
            return create(data, Status.SCHEDULED, user, reason);
        }
    }

    /**
     * Replaces the record's fields (a full update) as a new version. {@code expectedVersion}
     * (null: no check) must be the current version. Unchanged data adds no version.
     */
    public Procedure update(long id, ProcedureData data, Integer expectedVersion, String user) {
        return update(id, data, expectedVersion, user, "updated");
    }

    /** As {@link #update(long, ProcedureData, Integer, String)}, with the change reason of the new version. */
    public Procedure update(long id, ProcedureData data, Integer expectedVersion, String user, String reason) {
        ProcedureData valid = ProcedureValidator.validate(data, today());
        return change(id, expectedVersion, user, reason(reason, "updated"), cur -> {
            if (cur.data().equals(valid)) return null;
            Status next = cur.status() == Status.SIGNED ? Status.REVIEWED : cur.status();
            if (next != Status.SCHEDULED && next != Status.CANCELLED && valid.performedAt() == null) {
                throw new InvalidProcedureException("a " + next + " record needs performedAt");
            }
            return new Step(next, valid);
        });
    }

    /** Moves the record to {@code status} if that step is allowed from its current status. */
    public Procedure setStatus(long id, Status status, String user) {
        return setStatus(id, status, null, user);
    }

    public Procedure setStatus(long id, Status status, Integer expectedVersion, String user) {
        return change(id, expectedVersion, user, "status " + status, cur -> {
            if (cur.status() == status) return null;
            if (!allowed(cur.status(), status)) {
                throw new VersionConflictException(
                        "procedure " + id + " is " + cur.status() + "; it cannot become " + status);
            }
            if (status == Status.PERFORMED && cur.data().performedAt() == null) {
                throw new InvalidProcedureException("set performedAt before marking procedure " + id + " PERFORMED");
            }
            return new Step(status, cur.data());
        });
    }

    /** Signs a REVIEWED record (the caller has checked that the user is a physician). */
    public Procedure sign(long id, Integer expectedVersion, String user) {
        Procedure cur = find(id).orElseThrow(() -> new ProcedureNotFoundException(id));
        if (cur.status() != Status.REVIEWED) {
            throw new VersionConflictException(
                    "procedure " + id + " is " + cur.status() + "; only a REVIEWED record can be signed");
        }
        return setStatus(id, Status.SIGNED, expectedVersion, user);
    }

    /** Cancels a scheduled procedure (HL7 order cancel). */
    public Procedure cancel(long id, String user) {
        return setStatus(id, Status.CANCELLED, user);
    }

    /** As {@link #cancel(long, String)}, with the change reason of the new version (none when already CANCELLED). */
    public Procedure cancel(long id, String user, String reason) {
        return change(id, null, user, reason(reason, "status CANCELLED"), cur -> {
            if (cur.status() == Status.CANCELLED) return null;
            if (!allowed(cur.status(), Status.CANCELLED)) {
                throw new VersionConflictException(
                        "procedure " + id + " is " + cur.status() + "; only a SCHEDULED procedure can be cancelled");
            }
            return new Step(Status.CANCELLED, cur.data());
        });
    }

    /** New demographics on every record of {@code patient.id()}; returns how many records changed. */
    public int updateDemographics(Patient patient, String user) {
        return updateDemographics(patient, user, "demographics updated");
    }

    /** As {@link #updateDemographics(Patient, String)}, with the change reason of the new versions. */
    public int updateDemographics(Patient patient, String user, String reason) {
        return updateDemographics(patient, user, reason, null).changed().size();
    }

    /**
     * What a patient-wide change did: the records that got a new version, and the SIGNED records
     * it would have changed that were handed to the hold instead (left as they were).
     */
    public record PatientChange(List<Procedure> changed, List<Procedure> held) {}

    /**
     * As {@link #updateDemographics(Patient, String, String)}; with a {@code holdSigned} (null: none)
     * a SIGNED record the change would alter is not changed but passed to it, in the same
     * transaction, so that a person decides (an HL7 interface holds such changes).
     */
    public PatientChange updateDemographics(
            Patient patient, String user, String reason, Consumer<Procedure> holdSigned) {
        if (patient == null || patient.id() == null) throw new InvalidProcedureException("patient.id is required");
        return rewritePatient(patient.id(), patient, user, reason(reason, "demographics updated"), holdSigned);
    }

    /**
     * Gives one record the patient {@code patient} (a held demographics update or merge that a
     * person released) as a new version; a SIGNED record becomes REVIEWED. Returns the record,
     * unchanged when it already has this patient.
     */
    public Procedure changePatient(long id, Patient patient, String user, String reason) {
        if (patient == null || patient.id() == null) throw new InvalidProcedureException("patient.id is required");
        return change(id, null, user, reason(reason, "patient changed"), cur -> {
            ProcedureData d = ProcedureValidator.validate(cur.data().withPatient(patient), today());
            return cur.data().equals(d)
                    ? null
                    : new Step(cur.status() == Status.SIGNED ? Status.REVIEWED : cur.status(), d);
        });
    }

    /** Moves every record of {@code fromPatientId} to the patient {@code into}, each as a new version. */
    public int mergePatients(String fromPatientId, Patient into, String user) {
        return mergePatients(fromPatientId, into, user, "merged from patient " + fromPatientId);
    }

    /** As {@link #mergePatients(String, Patient, String)}, with the change reason of the new versions. */
    public int mergePatients(String fromPatientId, Patient into, String user, String reason) {
        return mergePatients(fromPatientId, into, user, reason, null).changed().size();
    }

    /** As {@link #mergePatients(String, Patient, String, String)}, SIGNED records going to {@code holdSigned} (null: none). */
    public PatientChange mergePatients(
            String fromPatientId, Patient into, String user, String reason, Consumer<Procedure> holdSigned) {
        if (into == null || into.id() == null || fromPatientId == null) {
            throw new InvalidProcedureException("both patient IDs are required for a merge");
        }
        return rewritePatient(
                fromPatientId, into, user, reason(reason, "merged from patient " + fromPatientId), holdSigned);
    }

    private static String reason(String reason, String otherwise) {
        String r = reason == null || reason.isBlank() ? otherwise : reason;
        return r.length() > MAX_REASON_LENGTH ? r.substring(0, MAX_REASON_LENGTH) : r;
    }

    private PatientChange rewritePatient(
            String patientId, Patient patient, String user, String reason, Consumer<Procedure> holdSigned) {
        List<Procedure> changed = new ArrayList<>();
        List<Procedure> held = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            for (Procedure p : repo.forPatient(patientId)) {
                ProcedureData d = ProcedureValidator.validate(p.data().withPatient(patient), today());
                if (holdSigned != null
                        && p.status() == Status.SIGNED
                        && !p.data().equals(d)) {
                    holdSigned.accept(p);
                    held.add(p);
                    continue;
                }
                Procedure[] before = new Procedure[1];
                Procedure next = apply(
                        p.id(),
                        null,
                        user,
                        reason,
                        cur -> cur.data().equals(d)
                                ? null
                                : new Step(cur.status() == Status.SIGNED ? Status.REVIEWED : cur.status(), d),
                        before);
                if (next != before[0]) changed.add(next);
            }
        });
        changed.forEach(p -> events.publishEvent(new ProcedureChanged(p.id(), p.version())));
        return new PatientChange(List.copyOf(changed), List.copyOf(held));
    }

    private record Step(Status status, ProcedureData data) {}

    private Procedure change(
            long id, Integer expectedVersion, String user, String reason, Function<Procedure, Step> f) {
        Procedure[] before = new Procedure[1];
        Procedure p = tx.execute(s -> apply(id, expectedVersion, user, reason, f, before));
        if (p != before[0]) events.publishEvent(new ProcedureChanged(p.id(), p.version()));
        return p;
    }

    /**
     * Within a transaction: locks the record, computes the next version and stores it, or returns
     * the current one (also left in {@code before[0]}) when {@code f} finds nothing to change.
     */
    private Procedure apply(
            long id,
            Integer expectedVersion,
            String user,
            String reason,
            Function<Procedure, Step> f,
            Procedure[] before) {
        Procedure cur = repo.currentForUpdate(id).orElseThrow(() -> new ProcedureNotFoundException(id));
        before[0] = cur;
        if (expectedVersion != null && expectedVersion != cur.version()) {
            throw new VersionConflictException("procedure " + id + " is at version " + cur.version() + ", not "
                    + expectedVersion + "; reload it and apply the change again");
        }
        Step step = f.apply(cur);
        if (step == null) return cur;
        Instant now = clock.instant();
        if (!repo.advance(id, cur.version(), step.status(), step.data(), now, user)) {
            throw new VersionConflictException(
                    "procedure " + id + " changed meanwhile; reload it and apply the change again");
        }
        Procedure next =
                new Procedure(id, cur.version() + 1, step.status(), cur.studyInstanceUid(), step.data(), now, user);
        repo.appendVersion(next, reason);
        return next;
    }

    private static boolean allowed(Status from, Status to) {
        return switch (from) {
            case SCHEDULED -> to == Status.PERFORMED || to == Status.CANCELLED;
            case PERFORMED -> to == Status.REVIEWED;
            case REVIEWED -> to == Status.SIGNED;
            case SIGNED -> to == Status.REVIEWED;
            case CANCELLED -> false;
        };
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.systemDefault()));
    }

    /** A UUID-derived UID (PS3.5 B.2): 2.25 followed by the UUID as one decimal number. */
    static String newUid() {
        return org.fluorovault.dicom.data.UidGenerator.fromUuid();
    }
}

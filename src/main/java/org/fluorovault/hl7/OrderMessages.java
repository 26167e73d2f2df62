package org.fluorovault.hl7;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.procedure.DuplicateAccessionException;
import org.fluorovault.procedure.GuidanceImaging;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.Procedure.Physician;
import org.fluorovault.procedure.ProcedureData;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.procedure.Status;

/**
 * ORM^O01 and OMI^O23: one order per message (ORC-1 NW creates a SCHEDULED record, XO changes
 * it, CA cancels it), mapped as docs/hl7.md describes. Every check runs before the one service
 * call, so a message is either applied whole or not at all.
 */
final class OrderMessages {
    private static final Set<String> CPT_SYSTEMS = Set.of("CPT", "C4", "CPT4", "CPT-4");
    private static final Set<String> ICD10_SYSTEMS = Set.of("I10", "I10C", "ICD10", "ICD10CM", "ICD-10-CM");
    private static final List<String> MODALITIES = GuidanceImaging.GUIDANCE_MODALITIES;

    private final ProcedureService procedures;

    OrderMessages(ProcedureService procedures) {
        this.procedures = procedures;
    }

    /** Applies the order and returns the MSA-3 text of the AA with the record made or changed. */
    Applied apply(Hl7Fields f, List<String> segments, boolean omi, String user, String reason) {
        require(segments, "PID", "ORC", "OBR");
        if (omi) require(segments, "IPC");
        long orders = segments.stream().filter("ORC"::equals).count();
        if (orders > 1) {
            throw Hl7Failure.error(
                    Hl7Failure.SEGMENT_SEQUENCE,
                    "the message has " + orders
                            + " ORC segments; FluoroVault takes one order per message, so none was applied");
        }
        String control = f.require("/.ORC-1", "ORC-1 (order control)");
        String accession =
                omi ? first(f.get("/.IPC-1-1"), f.get("/.OBR-18")) : first(f.get("/.OBR-18"), f.get("/.ORC-3-1"));
        if (accession == null) {
            throw Hl7Failure.error(
                    Hl7Failure.REQUIRED_FIELD_MISSING,
                    omi
                            ? "IPC-1 (accession identifier) is empty"
                            : "OBR-18 (accession number) is empty, and so is ORC-3 (filler order number)");
        }
        return switch (control) {
            case "NW" -> {
                Procedure p;
                try {
                    p = procedures.createOrder(data(f, omi, accession), user, reason);
                } catch (DuplicateAccessionException e) {
                    throw Hl7Failure.error(Hl7Failure.DUPLICATE_KEY, e.getMessage());
                }
                yield new Applied(
                        "procedure " + p.id() + " scheduled for accession " + accession,
                        AuditAction.C,
                        List.of(p),
                        List.of());
            }
            case "XO" -> {
                Procedure cur = scheduled(accession, "changed");
                ProcedureData d = data(f, omi, accession);
                Procedure p =
                        procedures.update(cur.id(), keepClinicalFields(d, cur.data()), cur.version(), user, reason);
                yield new Applied(
                        "procedure " + p.id() + " for accession " + accession + " is at version " + p.version(),
                        AuditAction.U,
                        List.of(p),
                        List.of());
            }
            case "CA" -> {
                Procedure cur = open(accession);
                Procedure p = procedures.cancel(cur.id(), user, reason);
                yield new Applied(
                        "procedure " + p.id() + " for accession " + accession + " is " + p.status(),
                        AuditAction.U,
                        List.of(p),
                        List.of());
            }
            default ->
                throw Hl7Failure.error(
                        Hl7Failure.TABLE_VALUE_NOT_FOUND,
                        "ORC-1 (order control) '" + control + "' is not supported; FluoroVault takes NW, XO and CA");
        };
    }

    private ProcedureData data(Hl7Fields f, boolean omi, String accession) {
        String cpt = f.require("/.OBR-4-1", "OBR-4 (universal service identifier, the CPT code)");
        String system = f.get("/.OBR-4-3");
        if (system == null || !CPT_SYSTEMS.contains(system.toUpperCase())) {
            String alt = f.get("/.OBR-4-4"), altSystem = f.get("/.OBR-4-6");
            if (alt != null && altSystem != null && CPT_SYSTEMS.contains(altSystem.toUpperCase())) {
                cpt = alt;
            } else {
                throw Hl7Failure.error(
                        Hl7Failure.TABLE_VALUE_NOT_FOUND,
                        "OBR-4 '" + cpt + "' is coded in '" + (system == null ? "" : system)
                                + "', not CPT (OBR-4.3 or OBR-4.6 must be C4 or CPT)");
            }
        }
        String description = f.get("/.OBR-4-2");
        if (description != null && description.length() > 64) description = description.substring(0, 64);
        LocalDateTime scheduled = omi ? Hl7Fields.dateTime(f.get("/.TQ1-7-1"), "TQ1-7 (start date/time)") : null;
        if (scheduled == null) scheduled = Hl7Fields.dateTime(f.get("/.OBR-36-1"), "OBR-36 (scheduled date/time)");
        if (scheduled == null) {
            throw Hl7Failure.error(
                    Hl7Failure.REQUIRED_FIELD_MISSING,
                    omi
                            ? "no scheduled date/time: TQ1-7 and OBR-36 are empty"
                            : "OBR-36 (scheduled date/time) is empty");
        }
        String requestedProcedureId = omi ? first(f.get("/.IPC-2-1"), f.get("/.OBR-19")) : f.get("/.OBR-19");
        String modality = omi ? f.get("/.IPC-5-1") : f.get("/.OBR-24");
        if (modality != null && !MODALITIES.contains(modality)) {
            throw Hl7Failure.error(
                    Hl7Failure.TABLE_VALUE_NOT_FOUND,
                    (omi ? "IPC-5" : "OBR-24") + " (modality) '" + modality + "' is not one of " + MODALITIES);
        }
        String station = omi ? f.get("/.IPC-9") : null;
        return new ProcedureData(
                f.patient("/.PID"),
                accession,
                requestedProcedureId,
                description,
                scheduled,
                null,
                cpt,
                null,
                List.of(),
                null,
                null,
                physician(f),
                null,
                diagnoses(f),
                null,
                null,
                List.of(),
                modality,
                station);
    }

    /** PV1-7 (attending doctor, XCN): the performing physician; XCN-1 is the NPI when XCN-13 or XCN-9 says NPI. */
    private static Physician physician(Hl7Fields f) {
        String name = f.personName("/.PV1-7", 2);
        String id = f.get("/.PV1-7-1");
        boolean npi = "NPI".equalsIgnoreCase(f.get("/.PV1-7-13")) || "NPI".equalsIgnoreCase(f.get("/.PV1-7-9-1"));
        if (name == null && !npi) return null;
        return new Physician(name, npi ? id : null);
    }

    private static List<String> diagnoses(Hl7Fields f) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; ; i++) {
            String code = f.get("/.DG1(" + i + ")-3-1");
            if (code == null) {
                if (f.get("/.DG1(" + i + ")-1") == null) break;
                throw Hl7Failure.error(
                        Hl7Failure.REQUIRED_FIELD_MISSING, "DG1 #" + (i + 1) + ": DG1-3 (diagnosis code) is empty");
            }
            String system = f.get("/.DG1(" + i + ")-3-3");
            if (system == null || !ICD10_SYSTEMS.contains(system.toUpperCase())) {
                throw Hl7Failure.error(
                        Hl7Failure.TABLE_VALUE_NOT_FOUND,
                        "DG1-3 '" + code + "' is coded in '" + (system == null ? "" : system)
                                + "', not ICD-10-CM (I10)");
            }
            codes.add(code);
        }
        return codes;
    }

    /** HL7 carries no levels, approach, medications or scores: a change keeps those of the record. */
    private static ProcedureData keepClinicalFields(ProcedureData d, ProcedureData cur) {
        return new ProcedureData(
                d.patient(),
                d.accessionNumber(),
                first(d.requestedProcedureId(), cur.requestedProcedureId()),
                first(d.requestedProcedureDescription(), cur.requestedProcedureDescription()),
                d.scheduledAt(),
                cur.performedAt(),
                d.cptCode(),
                null,
                cur.levels(),
                cur.approach(),
                cur.laterality(),
                d.physician() != null ? d.physician() : cur.physician(),
                cur.facility(),
                d.diagnoses().isEmpty() ? cur.diagnoses() : d.diagnoses(),
                cur.contrastContraindication(),
                cur.medications(),
                cur.scores(),
                d.modality() != null ? d.modality() : cur.modality(),
                d.scheduledStationAeTitle() != null ? d.scheduledStationAeTitle() : cur.scheduledStationAeTitle());
    }

    private Procedure scheduled(String accession, String what) {
        Procedure p = open(accession);
        if (p.status() != Status.SCHEDULED) {
            throw Hl7Failure.error(
                    Hl7Failure.APPLICATION_ERROR,
                    "procedure " + p.id() + " for accession " + accession + " is " + p.status()
                            + "; only a SCHEDULED procedure can be " + what + " by an order message");
        }
        return p;
    }

    /** The one record of the accession that is not CANCELLED (or the cancelled one when that is all there is). */
    private Procedure open(String accession) {
        List<Procedure> all = procedures.findByAccession(accession);
        if (all.isEmpty()) {
            throw Hl7Failure.error(Hl7Failure.UNKNOWN_KEY, "no procedure has accession number " + accession);
        }
        List<Procedure> live =
                all.stream().filter(p -> p.status() != Status.CANCELLED).toList();
        if (live.size() > 1) {
            throw Hl7Failure.error(
                    Hl7Failure.APPLICATION_ERROR,
                    live.size() + " procedures have accession number " + accession + " (ids "
                            + live.stream().map(p -> Long.toString(p.id())).toList()
                            + "); resolve them through the API");
        }
        return live.isEmpty() ? all.get(all.size() - 1) : live.get(0);
    }

    static void require(List<String> segments, String... names) {
        for (String n : names) {
            if (!segments.contains(n)) throw Hl7Failure.error(Hl7Failure.SEGMENT_SEQUENCE, n + " segment is missing");
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}

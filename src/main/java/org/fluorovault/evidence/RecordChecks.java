package org.fluorovault.evidence;

import static org.fluorovault.evidence.EvidenceEvaluator.Outcome;

import java.util.ArrayList;
import java.util.List;

/** R9 and R10: what the record and the dose index must hold. */
final class RecordChecks {
    private RecordChecks() {}

    /** R9: at least one covered ICD-10-CM code. */
    static Outcome diagnosis(EvidenceFacts f, DiagnosisCoverage coverage) {
        List<String> codes = f.session().diagnoses();
        if (codes.isEmpty()) return Outcome.fail("No ICD-10-CM diagnosis is recorded", List.of());
        List<Evidence> ev = codes.stream()
                .map(c -> new Evidence("DIAGNOSIS", c, coverage.isCovered(c) ? "covered" : "not on the covered list"))
                .toList();
        List<String> covered = codes.stream().filter(coverage::isCovered).toList();
        if (covered.isEmpty()) {
            return Outcome.fail(
                    "None of " + String.join(", ", codes) + " is a covered diagnosis (" + coverage.source() + ")", ev);
        }
        return Outcome.pass(
                String.join(", ", covered) + (covered.size() == 1 ? " is" : " are") + " covered (" + coverage.source()
                        + ")",
                ev);
    }

    /** R10: total fluoroscopy time and DAP or reference air kerma. */
    static Outcome dose(EvidenceFacts f) {
        EvidenceFacts.Dose d = f.dose();
        if (d == null)
            return Outcome.fail("No radiation dose is recorded (no dose report and no MPPS dose)", List.of());
        List<String> have = new ArrayList<>();
        if (d.fluoroscopyTime() != null) have.add("fluoroscopy time " + d.fluoroscopyTime());
        if (d.doseAreaProduct() != null) have.add("DAP " + d.doseAreaProduct());
        if (d.referenceAirKerma() != null) have.add("air kerma " + d.referenceAirKerma());
        List<Evidence> ev = List.of(Evidence.of("DOSE", String.join(", ", have) + " (" + d.source() + ")"));
        List<String> missing = new ArrayList<>();
        if (d.fluoroscopyTime() == null) missing.add("total fluoroscopy time");
        if (d.doseAreaProduct() == null && d.referenceAirKerma() == null) missing.add("DAP or reference air kerma");
        if (!missing.isEmpty())
            return Outcome.fail(
                    "Dose is incomplete: no " + String.join(" and no ", missing) + " (" + d.source() + ")", ev);
        return Outcome.pass(String.join(", ", have) + ", from the " + d.source(), ev);
    }
}

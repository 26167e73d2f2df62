package org.fluorovault.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.stream.Stream;
import org.fluorovault.procedure.internal.ProcedureValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a procedure record must satisfy (README "What is checked"), as a table: a valid record as the API receives it,
 * one change, and the reason the validator gives. Plain objects: the JSON is read by Jackson as the controller reads it,
 * then validated on a fixed day. The API answers these with 400 (ProcedureControllerTest, ProcedureApiTest).
 */
class ProcedureValidatorTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 7, 1);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OK = ProcedureTestSupport.json("P-BAD", "ABAD", "2026-06-01T08:00:00");

    static ProcedureData read(String json) {
        return JSON.readValue(json, ProcedureData.class);
    }

    @Test
    void aValidRecordGetsItsRegionAndModalityFromTheCode() {
        ProcedureData valid = ProcedureValidator.validate(read(OK), TODAY);
        assertEquals(SpinalRegion.LUMBAR_SACRAL, valid.region());
        assertEquals("XA", valid.modality());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown CPT code", OK.replace("\"62323\"", "\"99999\""), "cptCode '99999' is not known"),
                Arguments.of(
                        "diagnosis not shaped as ICD-10-CM",
                        OK.replace("\"M54.16\"", "\"M5416X\""),
                        "diagnosis 'M5416X' is not an ICD-10-CM code"),
                Arguments.of(
                        "diagnosis without its letter", OK.replace("\"M54.16\"", "\"54.16\""), "diagnosis '54.16'"),
                Arguments.of(
                        "date of service before the birth date",
                        OK.replace("\"1960-04-02\"", "\"2026-06-15\""),
                        "is before the patient's birth date"),
                Arguments.of(
                        "birth date in the future",
                        OK.replace("\"1960-04-02\"", "\"2027-01-01\""),
                        "patient.birthDate 2027-01-01 is in the future"),
                Arguments.of(
                        "performed before the birth date",
                        OK.replace("\"cptCode\"", "\"performedAt\": \"1950-01-01T10:00:00\", \"cptCode\""),
                        "performedAt 1950-01-01T10:00 is before"),
                Arguments.of(
                        "performed after tomorrow (a day of grace for time zones)",
                        OK.replace("\"cptCode\"", "\"performedAt\": \"2026-07-03T10:00:00\", \"cptCode\""),
                        "performedAt 2026-07-03T10:00 is in the future"),
                Arguments.of(
                        "cervical level for a lumbar code",
                        OK.replace("\"L4-L5\"", "\"C5-C6\""),
                        "level C5-C6 is outside the region LUMBAR_SACRAL"),
                Arguments.of(
                        "lumbar level for a cervical code",
                        OK.replace("\"62323\"", "\"62321\""),
                        "level L4-L5 is outside the region CERVICAL_THORACIC"),
                Arguments.of(
                        "unknown level", OK.replace("\"L4-L5\"", "\"L9-L10\""), "level 'L9-L10' is not a known level"),
                Arguments.of(
                        "NPI with a wrong check digit",
                        OK.replace("\"1234567893\"", "\"1234567890\""),
                        "not a valid NPI"),
                Arguments.of(
                        "approach that does not fit the code",
                        OK.replace("\"INTERLAMINAR\"", "\"TRANSFORAMINAL\""),
                        "approach TRANSFORAMINAL does not fit CPT 62323"),
                Arguments.of(
                        "score outside its scale",
                        OK.replace("\"value\": 8", "\"value\": 11"),
                        "NRS value 11 is outside 0-10"),
                Arguments.of(
                        "no date at all",
                        OK.replace("\"scheduledAt\": \"2026-06-01T08:00:00\",", ""),
                        "scheduledAt or performedAt is required"),
                Arguments.of(
                        "OTHER contraindication without its text",
                        OK.replace("\"facility\"", "\"contrastContraindication\": {\"kind\": \"OTHER\"}, \"facility\""),
                        "contrastContraindication.text is required for OTHER"),
                Arguments.of(
                        "region that contradicts the code",
                        OK.replace("\"cptCode\"", "\"region\": \"CERVICAL_THORACIC\", \"cptCode\""),
                        "region CERVICAL_THORACIC does not match CPT 62323"),
                Arguments.of(
                        "accession number longer than its DICOM SH",
                        OK.replace("\"ABAD\"", "\"A2345678901234567\""),
                        "accessionNumber"),
                Arguments.of(
                        "no patient id", OK.replace("\"id\": \"P-BAD\"", "\"id\": \" \""), "patient.id is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void isRefusedWithItsReason(String name, String json, String reason) {
        ProcedureData data = read(json);
        InvalidProcedureException e =
                assertThrows(InvalidProcedureException.class, () -> ProcedureValidator.validate(data, TODAY));
        assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
    }
}

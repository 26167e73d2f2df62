package org.fluorovault.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.DicomFileInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** QIDO-RS and WADO-RS over what was received through DICOM, and the security baseline. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomWebTest extends ArchiveTestBase {
    private final String study = TestDicom.uid();
    private final String series = TestDicom.uid();
    private final List<Path> files = new ArrayList<>();

    @BeforeAll
    void receiveAStudy(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 3; i++) {
            Attributes ds = TestDicom.xa("QIDO-7", study, series, TestDicom.uid(), 2, 32);
            ds.setString(Tags.PatientName, VR.PN, "Österberg^Anna");
            ds.setString(Tags.AccessionNumber, VR.SH, "ACC-QIDO-7");
            ds.setString(Tags.StudyDate, VR.DA, "20260315");
            ds.setString(Tags.InstanceNumber, VR.IS, Integer.toString(i));
            files.add(TestDicom.write(dir.resolve(i + ".dcm"), ds, TransferSyntax.EXPLICIT_VR_LE));
        }
        assertEquals(3, send(files.toArray(Path[]::new)).sent());
    }

    private String qido(String path) throws Exception {
        HttpResponse<byte[]> r = getAsAdmin(path, "application/dicom+json");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/dicom+json"));
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void searchStudiesByPatientIdNameWildcardDateRangeAccessionAndModality() throws Exception {
        for (String q : List.of(
                "PatientID=QIDO-7",
                "PatientName=%C3%B6ster*",
                "PatientName=*berg%5EA?na",
                "StudyDate=20260301-20260331",
                "StudyDate=-20260315",
                "AccessionNumber=ACC-QIDO-7",
                "ModalitiesInStudy=XA&PatientID=QIDO-7",
                "StudyInstanceUID=" + study,
                "0020000D=" + study)) {
            String json = qido("/dicomweb/studies?" + q);
            assertTrue(json.contains(study), q + " -> " + json);
        }
        for (String q : List.of(
                "PatientID=QIDO-8",
                "StudyDate=20260316-",
                "ModalitiesInStudy=CT&PatientID=QIDO-7",
                "PatientName=Anna*")) {
            assertFalse(qido("/dicomweb/studies?" + q).contains(study), q);
        }
    }

    /** Empty values in a list key were a 500 (an empty SQL IN list); they are ignored like an empty key. */
    @Test
    void uidsThatAreNotUidsAre400InPathsAndQueries() throws Exception {
        for (String path : List.of(
                "/dicomweb/studies?StudyInstanceUID=1.2.3%5C..%2F..%2Fetc",
                "/dicomweb/studies/1.2.03/series",
                "/dicomweb/studies/" + study + "/series/abc/instances",
                "/api/instances/1.2.3.x4/annotations",
                "/api/studies/01.2/dose")) {
            var r = getAsAdmin(path, path.startsWith("/api") ? "application/json" : "application/dicom+json");
            assertEquals(400, r.statusCode(), path + ": " + new String(r.body()));
            assertTrue(new String(r.body()).contains("UID"), path);
        }
    }

    @Test
    void emptyValuesInListKeysAreIgnored() throws Exception {
        for (String q : List.of(
                "ModalitiesInStudy=,,&PatientID=QIDO-7",
                "ModalitiesInStudy=,XA,&PatientID=QIDO-7",
                "ModalitiesInStudy=%5C%5C&PatientID=QIDO-7",
                "StudyInstanceUID=,,&PatientID=QIDO-7",
                "StudyInstanceUID=," + study + ",")) {
            assertTrue(qido("/dicomweb/studies?" + q).contains(study), q);
        }
        assertFalse(qido("/dicomweb/studies?ModalitiesInStudy=,CT,&PatientID=QIDO-7")
                .contains(study));
    }

    @Test
    void studyResultCarriesDerivedCountsAndModalities() throws Exception {
        String json = qido("/dicomweb/studies?StudyInstanceUID=" + study);
        assertTrue(json.contains("\"00201206\":{\"vr\":\"IS\",\"Value\":[1]}"), json); // series
        assertTrue(json.contains("\"00201208\":{\"vr\":\"IS\",\"Value\":[3]}"), json); // instances
        assertTrue(json.contains("\"00080061\":{\"vr\":\"CS\",\"Value\":[\"XA\"]}"), json);
        assertTrue(json.contains("\"Alphabetic\":\"Österberg^Anna\""), json);
    }

    @Test
    void seriesAndInstancesWithPaging() throws Exception {
        assertTrue(qido("/dicomweb/studies/" + study + "/series").contains(series));
        String all = qido("/dicomweb/studies/" + study + "/series/" + series + "/instances");
        assertEquals(3, all.split("\"00080018\"", -1).length - 1, all);
        String page = qido("/dicomweb/studies/" + study + "/instances?limit=2&offset=1");
        assertEquals(2, page.split("\"00080018\"", -1).length - 1, page);
        assertTrue(qido("/dicomweb/instances?PatientID=QIDO-7")
                .contains(DicomFileInfo.of(files.get(0)).sopInstanceUid()));
        HttpResponse<byte[]> bad = getAsAdmin("/dicomweb/studies?limit=-3", null);
        assertEquals(400, bad.statusCode());
    }

    @Test
    void wadoRetrievesStoredObjectsByteForByteAsMultipart() throws Exception {
        String iuid = DicomFileInfo.of(files.get(1)).sopInstanceUid();
        HttpResponse<byte[]> r = getAsAdmin(
                "/dicomweb/studies/" + study + "/series/" + series + "/instances/" + iuid,
                "multipart/related; type=\"application/dicom\"");
        assertEquals(200, r.statusCode());
        String ct = r.headers().firstValue("Content-Type").orElseThrow();
        assertTrue(ct.startsWith("multipart/related") && ct.contains("application/dicom"), ct);
        List<byte[]> parts = Multipart.parts(r.body(), ct);
        assertEquals(1, parts.size());
        Path stored = archive.resolve(index.find(iuid).path());
        assertArrayEquals(Files.readAllBytes(stored), parts.get(0), "WADO-RS returns the stored file unchanged");

        HttpResponse<byte[]> whole = getAsAdmin("/dicomweb/studies/" + study, null);
        assertEquals(
                3,
                Multipart.parts(
                                whole.body(),
                                whole.headers().firstValue("Content-Type").orElseThrow())
                        .size());
        assertEquals(404, getAsAdmin("/dicomweb/studies/1.2.3.4.404", null).statusCode());
    }

    @Test
    void everyEndpointButHealthNeedsAuthentication() throws Exception {
        assertEquals(401, get("/dicomweb/studies", null, null, null).statusCode());
        assertEquals(
                401, get("/dicomweb/studies", "admin", "wrong-password", null).statusCode());
        assertEquals(401, get("/actuator/prometheus", null, null, null).statusCode());
        assertEquals(200, get("/actuator/health", null, null, null).statusCode());
    }

    @Test
    void onlyAnAdminManagesUsersAndEveryRoleCanSearch() throws Exception {
        String body = "{\"username\":\"tech1\",\"password\":\"technologist-pass-1\",\"role\":\"TECHNOLOGIST\"}";
        java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + httpPort + "/api/admin/users"))
                .header("Content-Type", "application/json")
                .header(
                        "Authorization",
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        int created = http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode();
        assertTrue(
                created == 201 || created == 400, "created, or exists from an earlier run of this context: " + created);
        assertEquals(
                200,
                get("/dicomweb/studies?PatientID=QIDO-7", "tech1", "technologist-pass-1", null)
                        .statusCode());
        assertEquals(
                403,
                get("/api/admin/users", "tech1", "technologist-pass-1", null).statusCode());
        assertEquals(
                403,
                get("/actuator/prometheus", "tech1", "technologist-pass-1", null)
                        .statusCode());
        String users = new String(getAsAdmin("/api/admin/users", null).body(), StandardCharsets.UTF_8);
        assertTrue(users.contains("tech1") && !users.contains("technologist-pass-1") && !users.contains("$2a$"), users);
    }

    @Test
    void metricsCountStoredObjects() throws Exception {
        HttpResponse<byte[]> r = getAsAdmin("/actuator/prometheus", null);
        assertEquals(200, r.statusCode());
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("fluorovault_dicom_objects_stored_total"), text);
        assertTrue(text.contains("fluorovault_dicom_store_latency_seconds"), text);
    }

    /** Splits a multipart/related body by its boundary (test helper, not a general parser). */
    static final class Multipart {
        static List<byte[]> parts(byte[] body, String contentType) {
            String boundary = Arrays.stream(contentType.split(";"))
                    .map(String::trim)
                    .filter(p -> p.startsWith("boundary="))
                    .findFirst()
                    .orElseThrow()
                    .substring(9)
                    .replace("\"", "");
            byte[] delim = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
            List<byte[]> out = new ArrayList<>();
            int pos = indexOf(body, delim, 0);
            while (pos >= 0) {
                int start = pos + delim.length;
                if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') break;
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start) + 4;
                int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), headersEnd);
                out.add(Arrays.copyOfRange(body, headersEnd, next));
                pos = next + 2;
            }
            return out;
        }

        private static int indexOf(byte[] h, byte[] n, int from) {
            outer:
            for (int i = from; i <= h.length - n.length; i++) {
                for (int j = 0; j < n.length; j++) if (h[i + j] != n[j]) continue outer;
                return i;
            }
            return -1;
        }
    }
}

package org.fluorovault.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fluorovault.analysis.internal.AnalysisRepository;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.samples.LumbarPhantom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The analysis of a run received over DICOM, stored once per algorithm version, and the answers for objects it cannot analyse. */
class AnalysisEndpointTest extends ArchiveTestBase {
    @Autowired
    AnalysisRepository results;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void analysesAReceivedRunOnceAndAnswersWithTheIssuesJson(@TempDir Path dir) throws Exception {
        String uid = TestDicom.uid();
        sendAll(TestDicom.phantomXa(dir, "AN-1", TestDicom.uid(), uid, LumbarPhantom.Contrast.VASCULAR));
        HttpResponse<byte[]> r = getAsAdmin("/api/instances/" + uid + "/analysis", "application/json");
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(200, r.statusCode(), body);
        JsonNode n = json.readTree(body);
        assertTrue(n.get("contrastDetected").asBoolean(), body);
        assertEquals("VASCULAR", n.get("suggestedPattern").asString(), body);
        assertEquals(
                AnalysisService.ALGORITHM_VERSION, n.get("algorithmVersion").asString());
        for (String field : new String[] {
            "onsetFrame",
            "peakFrame",
            "areaMm2",
            "craniocaudalExtentMm",
            "centroid",
            "washoutRatio",
            "confidence",
            "reasons",
            "needleTip"
        }) {
            assertTrue(n.has(field), field + " in " + body);
        }
        assertTrue(n.get("reasons").size() > 0);
        JsonNode outline = n.get("outline");
        assertTrue(outline.size() >= 4, "the contrast region's outline: " + outline);
        for (JsonNode v : outline) {
            assertTrue(v.get("column").asDouble() >= 0 && v.get("column").asDouble() <= 512, v.toString());
            assertTrue(v.get("row").asDouble() >= 0 && v.get("row").asDouble() <= 512, v.toString());
        }
        assertEquals(1, results.count(uid));
        // asked again: the stored result, not a second row
        HttpResponse<byte[]> again = getAsAdmin("/api/instances/" + uid + "/analysis", "application/json");
        assertEquals(body, new String(again.body(), StandardCharsets.UTF_8));
        assertEquals(1, results.count(uid));
    }

    @Test
    void aSingleFrameIsNotARunAndSaysSo(@TempDir Path dir) throws Exception {
        String uid = TestDicom.uid();
        sendAll(TestDicom.write(
                dir.resolve("one.dcm"),
                TestDicom.xa("AN-2", TestDicom.uid(), TestDicom.uid(), uid, 1, 32),
                TransferSyntax.EXPLICIT_VR_LE));
        HttpResponse<byte[]> r = getAsAdmin("/api/instances/" + uid + "/analysis", "application/json");
        assertEquals(422, r.statusCode());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("at least 3 frames"));
        assertEquals(
                404,
                getAsAdmin("/api/instances/1.2.3.4.5.404/analysis", "application/json")
                        .statusCode());
    }
}

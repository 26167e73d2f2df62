import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.net.dimse.Commands;
import org.fluorovault.dicom.net.dimse.DimseClient;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.dicom.net.ul.PresentationContext;

/**
 * C-FIND latency: one association, QUERIES Study Root STUDY-level queries by a random PatientID
 * of PREFIX0..PREFIX(PATIENTS-1), timed from sending the request to the final response (the
 * server's latency plus loopback, no process start). Prints "median_ms p95_ms mean_matches".
 * Usage: java -cp CLASSPATH src/bench/FindBench.java HOST PORT CALLED_AET PREFIX PATIENTS QUERIES
 */
public class FindBench {
    static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";

    public static void main(String[] args) throws Exception {
        String host = args[0], aet = args[2], prefix = args[3];
        int port = Integer.parseInt(args[1]), patients = Integer.parseInt(args[4]), queries = Integer.parseInt(args[5]);
        DimseClient client = new DimseClient();
        Association a = Association.connect(host, port,
                AssociationRequest.to(aet).withContext(STUDY_ROOT_FIND, TransferSyntax.EXPLICIT_VR_LE),
                AssociationParams.defaults("FINDBENCH"), client);
        client.attach(a);
        PresentationContext pc = a.findAccepted(STUDY_ROOT_FIND, null).orElseThrow();
        Random rnd = new Random(42);
        List<Double> ms = new ArrayList<>();
        long matches = 0;
        try {
            for (int q = -20; q < queries; q++) { // 20 warm-up queries
                Attributes id = new Attributes();
                id.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
                id.setString(Tags.PatientID, VR.LO, prefix + rnd.nextInt(patients));
                id.setString(Tags.StudyInstanceUID, VR.UI, "");
                id.setString(Tags.StudyDate, VR.DA, "");
                id.setString(Tags.StudyDescription, VR.LO, "");
                id.setString(Tags.AccessionNumber, VR.SH, "");
                id.setString(Tags.NumberOfStudyRelatedInstances, VR.IS, "");
                Attributes cmd = new Attributes();
                cmd.setString(Tags.AffectedSOPClassUID, VR.UI, STUDY_ROOT_FIND);
                cmd.setInt(Tags.CommandField, VR.US, 0x0020);
                cmd.setInt(Tags.MessageID, VR.US, client.nextMessageId());
                cmd.setInt(Tags.Priority, VR.US, Commands.PRIORITY_MEDIUM);
                cmd.setInt(Tags.CommandDataSetType, VR.US, Commands.DATASET_PRESENT);
                AtomicInteger pending = new AtomicInteger();
                long t0 = System.nanoTime();
                Attributes fin = client.invoke(pc.id(), cmd, out -> {
                    DicomWriter w = new DicomWriter(out);
                    w.writeDataset(id, TransferSyntax.EXPLICIT_LE);
                    w.finish();
                }, p -> pending.incrementAndGet()).get(60, TimeUnit.SECONDS);
                long t1 = System.nanoTime();
                if (Commands.status(fin).code() != 0) throw new IllegalStateException("C-FIND failed: " + fin);
                if (q >= 0) {
                    ms.add((t1 - t0) / 1e6);
                    matches += pending.get();
                }
            }
        } finally {
            a.release();
        }
        Collections.sort(ms);
        System.out.printf("%.3f %.3f %.2f%n", ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.95)),
                (double) matches / queries);
    }
}

package org.fluorovault.query;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.io.TransferSyntaxRegistry;
import org.fluorovault.dicom.net.dimse.DicomServiceProvider;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.security.DicomTls;
import org.fluorovault.security.DicomTlsContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Query/Retrieve SCP (PS3.4 Annex C): C-FIND, C-MOVE and C-GET for the Patient Root and
 * Study Root information models, served from the index and the stored files. Each part declares
 * its own SOP classes; this service is their sum.
 */
@Component
public class QueryRetrieveScp implements DicomServiceProvider {
    /** Implicit or explicit VR little endian, for every Query/Retrieve SOP class. */
    public static final Set<String> TRANSFER_SYNTAXES =
            TransferSyntaxRegistry.uids(Uids.ImplicitVRLittleEndian, Uids.ExplicitVRLittleEndian);

    private final List<DicomServiceProvider> parts;
    private final Set<String> sopClasses;

    public QueryRetrieveScp(
            JdbcTemplate jdbc, ArchiveStore archive, RetrieveProperties props, DicomTlsContext tls, AuditTrail audit) {
        QrIndex index = new QrIndex(jdbc);
        props.moveDestinations().forEach((aet, d) -> {
            if (d.tls())
                tls.require("Move destination " + aet); // a TLS destination without our key is a configuration error
        });
        javax.net.SocketFactory tlsSockets =
                tls.tls().<javax.net.SocketFactory>map(DicomTls::socketFactory).orElse(null);
        this.parts = List.of(
                new FindScp(index, new SequenceMatching(index, archive), props.maxFindMatches()),
                new RetrieveScp(index, archive, props, true, tlsSockets, audit),
                new RetrieveScp(index, archive, props, false, tlsSockets, audit));
        Set<String> all = new LinkedHashSet<>();
        for (DicomServiceProvider p : parts) all.addAll(p.sopClasses());
        this.sopClasses = Set.copyOf(all);
    }

    /** The FIND, MOVE and GET SOP classes of the Patient Root and Study Root models. */
    @Override
    public Set<String> sopClasses() {
        return sopClasses;
    }

    @Override
    public Set<String> transferSyntaxes(String sopClass) {
        return TRANSFER_SYNTAXES;
    }

    /** Registers C-FIND, C-MOVE and C-GET, each cancellable by C-CANCEL, for each model. */
    @Override
    public void registerOn(DimseDispatcher dispatcher) {
        for (DicomServiceProvider p : parts) p.registerOn(dispatcher);
    }
}

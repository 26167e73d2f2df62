package org.fluorovault.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.net.dimse.CommandField;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.dimse.DimseOperation;
import org.fluorovault.security.DicomTls;
import org.fluorovault.security.DicomTlsContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Query/Retrieve SCP (PS3.4 Annex C): C-FIND, C-MOVE and C-GET for the Patient Root and
 * Study Root information models, served from the index and the stored files.
 */
@Component
public class QueryRetrieveScp {
    /** The SOP classes to accept, each in implicit or explicit VR little endian. */
    public static final Set<String> SOP_CLASSES = Set.of(
            QrModel.PATIENT_ROOT_FIND, QrModel.PATIENT_ROOT_MOVE, QrModel.PATIENT_ROOT_GET,
            QrModel.STUDY_ROOT_FIND, QrModel.STUDY_ROOT_MOVE, QrModel.STUDY_ROOT_GET);
    public static final Set<String> TRANSFER_SYNTAXES = Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1");

    private final FindScp find;
    private final RetrieveScp move;
    private final RetrieveScp get;

    private final Map<String, DimseOperation> otherFindModels = new HashMap<>();

    public QueryRetrieveScp(JdbcTemplate jdbc, ArchiveStore archive, RetrieveProperties props, DicomTlsContext tls,
                            List<FindModel> otherFindModels, AuditTrail audit) {
        QrIndex index = new QrIndex(jdbc);
        for (FindModel m : otherFindModels) this.otherFindModels.put(m.sopClassUid(), m.operation());
        props.moveDestinations().forEach((aet, d) -> {
            if (d.tls()) tls.require("Move destination " + aet); // a TLS destination without our key is a configuration error
        });
        javax.net.SocketFactory tlsSockets = tls.tls().<javax.net.SocketFactory>map(DicomTls::socketFactory).orElse(null);
        this.find = new FindScp(index, new SequenceMatching(index, archive), props.maxFindMatches());
        this.move = new RetrieveScp(index, archive, props, true, tlsSockets, audit);
        this.get = new RetrieveScp(index, archive, props, false, tlsSockets, audit);
    }

    /** True for the SOP classes served here: Query/Retrieve and the other features' C-FIND models. */
    public boolean serves(String sopClassUid) {
        return SOP_CLASSES.contains(sopClassUid) || otherFindModels.containsKey(sopClassUid);
    }

    /**
     * Registers C-FIND, C-MOVE and C-GET (each cancellable by C-CANCEL) on the node's dispatcher;
     * C-FIND requests on another feature's model go to that model.
     */
    public DimseDispatcher registerOn(DimseDispatcher dispatcher) {
        DimseOperation findRouter = ctx -> otherFindModels.getOrDefault(ctx.presentationContext().abstractSyntax(), find)
                .perform(ctx);
        return dispatcher.register(CommandField.C_FIND_RQ, findRouter)
                .register(CommandField.C_MOVE_RQ, move)
                .register(CommandField.C_GET_RQ, get);
    }
}

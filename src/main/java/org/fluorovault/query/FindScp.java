package org.fluorovault.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.net.dimse.CommandField;
import org.fluorovault.dicom.net.dimse.DicomServiceProvider;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.dimse.DimseException;
import org.fluorovault.dicom.net.dimse.DimseOperation;
import org.fluorovault.dicom.net.dimse.OperationContext;
import org.fluorovault.dicom.net.dimse.QueryRetrieveStatus;
import org.fluorovault.dicom.net.dimse.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C-FIND SCP (PS3.4 C.4.1) for the Patient Root and Study Root models: one pending response per
 * match with only the requested keys (plus Query/Retrieve Level, Retrieve AE Title and, when
 * needed, Specific Character Set), stopped by C-CANCEL.
 */
final class FindScp implements DimseOperation, DicomServiceProvider {
    private static final Logger LOG = LoggerFactory.getLogger(FindScp.class);

    private final QrIndex index;
    private final SequenceMatching sequences;
    private final int maxMatches;

    FindScp(QrIndex index, SequenceMatching sequences, int maxMatches) {
        this.index = index;
        this.sequences = sequences;
        this.maxMatches = maxMatches;
    }

    @Override
    public Set<String> sopClasses() {
        return QrModel.FIND.keySet();
    }

    @Override
    public Set<String> transferSyntaxes(String sopClass) {
        return QueryRetrieveScp.TRANSFER_SYNTAXES;
    }

    @Override
    public void registerOn(DimseDispatcher dispatcher) {
        for (String cuid : sopClasses()) dispatcher.register(CommandField.C_FIND_RQ, cuid, this);
    }

    @Override
    public void perform(OperationContext ctx) throws IOException {
        QrModel model = QrModel.FIND.get(ctx.presentationContext().abstractSyntax());
        if (model == null) {
            throw new DimseException(Status.SOP_CLASS_NOT_SUPPORTED, "Not a C-FIND SOP class");
        }
        Attributes id = ctx.identifier();
        QrLevel level = model.level(id);
        List<Map<Integer, String>> rows = index.find(level, id, maxMatches);
        if (rows.size() > maxMatches) {
            throw new DimseException(
                    QueryRetrieveStatus.OUT_OF_RESOURCES, "More than " + maxMatches + " matches; narrow the query");
        }
        List<Integer> seqKeys = SequenceMatching.keys(id);
        boolean unsupported = id.elements().stream()
                .anyMatch(e -> isKey(e.tag()) && e.vr() != VR.SQ && !QrIndex.supported(e.tag(), level));
        Status pending = unsupported ? Status.PENDING_WARNING : Status.PENDING;
        String aet = ctx.association().calledAet();
        LOG.info("{}: C-FIND {} {} -> {} matches", ctx.association().name(), model, level, rows.size());
        for (Map<Integer, String> row : rows) {
            if (ctx.isCancelled()) {
                ctx.respond(ctx.response(Status.CANCEL), null);
                return;
            }
            Map<Integer, List<Attributes>> items = Map.of();
            if (!seqKeys.isEmpty()) {
                items = sequences.match(level, row, id, seqKeys);
                if (items == null) continue; // a sequence key did not match
            }
            ctx.respond(ctx.response(pending), answer(id, level, row, items, aet));
        }
        ctx.respond(ctx.response(ctx.isCancelled() ? Status.CANCEL : Status.SUCCESS), null);
    }

    /** Keys are the request's elements other than those every answer carries anyway. */
    private static boolean isKey(int tag) {
        return (tag & 0xffff) != 0
                && (tag >>> 16 & 1) == 0
                && tag != Tags.SpecificCharacterSet
                && tag != Tags.QueryRetrieveLevel
                && tag != Tags.RetrieveAETitle;
    }

    static Attributes answer(Attributes id, QrLevel level, Map<Integer, String> row, String aet) {
        return answer(id, level, row, Map.of(), aet);
    }

    /** @param items the matched stored items of each sequence key (see {@link SequenceMatching}) */
    static Attributes answer(
            Attributes id, QrLevel level, Map<Integer, String> row, Map<Integer, List<Attributes>> items, String aet) {
        Attributes a = new Attributes();
        List<String> values = new ArrayList<>(row.values());
        items.forEach((tag, list) -> SequenceMatching.strings(id.getSequence(tag), list, values::add));
        String[] cs = FindCharset.forAnswer(id, values);
        if (cs != null) a.setString(Tags.SpecificCharacterSet, VR.CS, cs);
        a.setString(Tags.QueryRetrieveLevel, VR.CS, level.name());
        a.setString(Tags.RetrieveAETitle, VR.AE, aet);
        for (Attributes.Element e : id.elements()) {
            if (!isKey(e.tag())) continue;
            QrKey k = QrKey.ALL.get(e.tag());
            VR vr = k != null ? k.vr() : e.vr();
            String v = row.get(e.tag());
            if (e.vr() == VR.SQ) {
                SequenceMatching.copy(a, e.tag(), id.getSequence(e.tag()), items.getOrDefault(e.tag(), List.of()));
            } else if (v == null) {
                a.put(e.tag(), vr, null);
            } else if (vr == VR.US) {
                a.setInt(e.tag(), vr, Integer.parseInt(v));
            } else {
                a.setString(e.tag(), vr, v.split("\\\\", -1));
            }
        }
        return a;
    }
}

package org.fluorovault.procedure.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.LogSafe;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.net.dimse.CommandField;
import org.fluorovault.dicom.net.dimse.DicomServiceProvider;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.dimse.DimseException;
import org.fluorovault.dicom.net.dimse.DimseOperation;
import org.fluorovault.dicom.net.dimse.OperationContext;
import org.fluorovault.dicom.net.dimse.QueryRetrieveStatus;
import org.fluorovault.dicom.net.dimse.Status;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.query.FindCharset;
import org.fluorovault.query.QueryKeys;
import org.fluorovault.query.QueryRetrieveScp;
import org.fluorovault.query.RetrieveProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Modality Worklist Information Model - FIND SCP (PS3.4 K): SCHEDULED procedure records as
 * worklist items, matched on the top-level and Scheduled Procedure Step keys of
 * {@link WorklistKey} with the Query/Retrieve matching rules ({@link QueryKeys}), answered with
 * only the requested keys. The node accepts its SOP class in the transfer syntaxes of
 * Query/Retrieve and routes C-FIND requests on it here.
 */
@Component
public class WorklistScp implements DicomServiceProvider, DimseOperation {
    public static final String SOP_CLASS = Uids.ModalityWorklistInformationModelFind;
    private static final Logger LOG = LoggerFactory.getLogger(WorklistScp.class);

    private final JdbcTemplate jdbc;
    private final ProcedureRepository repo;
    private final int maxMatches;

    public WorklistScp(JdbcTemplate jdbc, ProcedureRepository repo, RetrieveProperties props) {
        this.jdbc = jdbc;
        this.repo = repo;
        this.maxMatches = props.maxFindMatches();
    }

    @Override
    public Set<String> sopClasses() {
        return Set.of(SOP_CLASS);
    }

    @Override
    public Set<String> transferSyntaxes(String sopClass) {
        return QueryRetrieveScp.TRANSFER_SYNTAXES;
    }

    @Override
    public void registerOn(DimseDispatcher dispatcher) {
        dispatcher.register(CommandField.C_FIND_RQ, SOP_CLASS, this);
    }

    @Override
    public void perform(OperationContext ctx) throws IOException {
        Attributes id = ctx.identifier();
        if (id == null)
            throw new DimseException(
                    QueryRetrieveStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "C-FIND-RQ without identifier");
        Sequence spsSeq = id.getSequence(Tags.ScheduledProcedureStepSequence);
        if (spsSeq != null && spsSeq.size() > 1) {
            throw new DimseException(
                    QueryRetrieveStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "Scheduled Procedure Step Sequence has more than one item");
        }
        Attributes sps = spsSeq == null || spsSeq.isEmpty() ? null : spsSeq.get(0);
        List<Procedure> matches = find(id, sps);
        if (matches.size() > maxMatches) {
            throw new DimseException(
                    QueryRetrieveStatus.OUT_OF_RESOURCES, "More than " + maxMatches + " matches; narrow the query");
        }
        boolean unsupported = id.elements().stream()
                        .anyMatch(e -> isKey(e.tag())
                                && !WorklistKey.TOP.containsKey(e.tag())
                                && e.tag() != Tags.ScheduledProcedureStepSequence)
                || (sps != null
                        && sps.elements().stream()
                                .anyMatch(e -> isKey(e.tag()) && !WorklistKey.SPS.containsKey(e.tag())));
        Status pending = unsupported ? Status.PENDING_WARNING : Status.PENDING;
        LOG.info(
                "{}: C-FIND worklist -> {} matches",
                LogSafe.escape(ctx.association().name()),
                matches.size());
        for (Procedure p : matches) {
            if (ctx.isCancelled()) {
                ctx.respond(ctx.response(Status.CANCEL), null);
                return;
            }
            ctx.respond(ctx.response(pending), answer(id, sps, p));
        }
        ctx.respond(ctx.response(ctx.isCancelled() ? Status.CANCEL : Status.SUCCESS), null);
    }

    List<Procedure> find(Attributes id, Attributes sps) {
        QueryKeys where = new QueryKeys();
        where.raw("r.status = ?", org.fluorovault.procedure.Status.SCHEDULED.name());
        match(where, id, WorklistKey.TOP);
        if (sps != null) match(where, sps, WorklistKey.SPS);
        String sql =
                "SELECT v.doc FROM procedure_record r JOIN procedure_version v ON v.procedure_id = r.id AND v.version = r.version"
                        + where.where() + " ORDER BY r.sps_start_date, r.sps_start_time, r.id LIMIT ?";
        List<Object> args = new ArrayList<>(where.args());
        args.add(maxMatches + 1);
        return jdbc.query(sql, (rs, n) -> repo.read(rs.getString(1)), args.toArray());
    }

    private static void match(QueryKeys where, Attributes keys, Map<Integer, WorklistKey> known) {
        for (Attributes.Element e : keys.elements()) {
            WorklistKey k = known.get(e.tag());
            if (k == null || k.column() == null) continue;
            String v = keys.getValueAsString(e.tag());
            if (v == null || v.isEmpty()) continue; // universal matching
            switch (k.matching()) {
                case TEXT -> where.match(k.column(), v, false);
                case PN -> where.match(k.column(), v.split("=", -1)[0], true);
                case RANGE -> where.range(k.column(), v);
                case UID -> {
                    try {
                        where.uidList(k.column(), v);
                    } catch (QueryKeys.InvalidUidKeyException
                            | IllegalArgumentException ex) { // not a UID: refused, never queried
                        throw new org.fluorovault.dicom.net.dimse.DimseException(
                                org.fluorovault.dicom.net.dimse.QueryRetrieveStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                                "Identifier: " + ex.getMessage(),
                                e.tag());
                    }
                }
                case NONE -> {}
            }
        }
    }

    static Attributes answer(Attributes id, Attributes sps, Procedure p) {
        // the character set comes first: values are encoded in the set in force when they are added
        List<String> values = new ArrayList<>();
        for (WorklistKey k : WorklistKey.TOP.values()) values.add(k.value().apply(p));
        for (WorklistKey k : WorklistKey.SPS.values()) values.add(k.value().apply(p));
        Attributes a = new Attributes();
        String[] cs = FindCharset.forAnswer(id, values);
        if (cs != null) a.setString(Tags.SpecificCharacterSet, VR.CS, cs);
        for (Attributes.Element e : id.elements()) {
            if (!isKey(e.tag())) continue;
            if (e.tag() == Tags.ScheduledProcedureStepSequence) {
                Attributes item = a.addItem(Tags.ScheduledProcedureStepSequence);
                if (sps == null) { // an empty sequence asks for all its keys (PS3.4 C.2.2.2.6)
                    for (WorklistKey k : WorklistKey.SPS.values())
                        put(item, k.tag(), k.vr(), k.value().apply(p));
                } else {
                    for (Attributes.Element se : sps.elements()) {
                        if (!isKey(se.tag())) continue;
                        WorklistKey k = WorklistKey.SPS.get(se.tag());
                        put(
                                item,
                                se.tag(),
                                k != null ? k.vr() : se.vr(),
                                k != null ? k.value().apply(p) : null);
                    }
                }
                continue;
            }
            WorklistKey k = WorklistKey.TOP.get(e.tag());
            if (k == null && e.vr() == VR.SQ) {
                a.newSequence(e.tag());
                continue;
            }
            put(a, e.tag(), k != null ? k.vr() : e.vr(), k != null ? k.value().apply(p) : null);
        }
        return a;
    }

    private static void put(Attributes a, int tag, VR vr, String v) {
        if (v == null || v.isEmpty()) {
            a.put(tag, vr, null);
        } else {
            a.setString(tag, vr, v);
        }
    }

    /** Keys are the request's elements other than group lengths, private ones and Specific Character Set. */
    private static boolean isKey(int tag) {
        return (tag & 0xffff) != 0 && (tag >>> 16 & 1) == 0 && tag != Tags.SpecificCharacterSet;
    }
}

package org.fluorovault.tools.samples;

import static org.fluorovault.dicom.sr.ContentItems.code;
import static org.fluorovault.dicom.sr.ContentItems.item;
import static org.fluorovault.dicom.sr.ContentItems.text;

import java.math.BigDecimal;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.sr.Code;
import org.fluorovault.dicom.sr.ContentItems;

/**
 * The content tree of an X-Ray Radiation Dose SR following TID 10001 "Projection X-Ray
 * Radiation Dose": observer context (TID 1002/1004), scope of accumulation, accumulated dose
 * (TID 10002 with the TID 10004 totals) and one TID 10003 container per irradiation event
 * (with TID 10003B source data). Code meanings are those of PS3.16; units are UCUM.
 */
final class DoseReport {
    private DoseReport() {}

    /**
     * One irradiation event. Dose area product in uGy.m2 and reference point dose in uGy,
     * integers, so that totals are exact.
     */
    record Event(
            String uid,
            String started,
            boolean fluoroscopy,
            String protocol,
            double primaryAngle,
            double secondaryAngle,
            long dapMicroGyM2,
            long doseRpMicroGy,
            double kvp,
            double tubeCurrentMa,
            double pulseWidthMs,
            double pulseRate,
            int pulses,
            String durationSeconds,
            int frames) {}

    /** Who recorded the report: the device observer of TID 1004. */
    record Device(String uid, String name, String manufacturer, String model, String serial, String location) {}

    private static final Code GY_M2 = new Code("Gy.m2", "UCUM", "Gy.m2");
    private static final Code GY = new Code("Gy", "UCUM", "Gy");
    private static final Code SECONDS = new Code("s", "UCUM", "s");
    private static final Code NO_UNITS = new Code("1", "UCUM", "no units");
    private static final Code DEGREES = new Code("deg", "UCUM", "deg");
    private static final Code REFERENCE_POINT = Code.dcm("113860", "15cm from Isocenter toward Source");
    private static final Code SINGLE_PLANE = Code.dcm("113622", "Single Plane");

    /** Adds the SR Document Content of the report (root container and its tree) to {@code ds}. */
    static void addContent(Attributes ds, String studyUid, Device device, List<Event> events) {
        ds.setString(Tags.ValueType, VR.CS, "CONTAINER");
        code(ds, Tags.ConceptNameCodeSequence, Code.dcm("113701", "X-Ray Radiation Dose Report"));
        ds.setString(Tags.ContinuityOfContent, VR.CS, "SEPARATE");
        Attributes template = ds.addItem(Tags.ContentTemplateSequence);
        template.setString(Tags.MappingResource, VR.CS, "DCMR");
        template.setString(Tags.TemplateIdentifier, VR.CS, "10001");

        Attributes procedure = item(ds, "HAS CONCEPT MOD", "CODE", Code.dcm("121058", "Procedure reported"));
        code(procedure, Tags.ConceptCodeSequence, Code.dcm("113704", "Projection X-Ray"));
        Attributes intent = item(procedure, "HAS CONCEPT MOD", "CODE", new Code("363703001", "SCT", "Has Intent"));
        code(intent, Tags.ConceptCodeSequence, new Code("262202000", "SCT", "Therapeutic Intent"));

        Attributes observer = item(ds, "HAS OBS CONTEXT", "CODE", Code.dcm("121005", "Observer Type"));
        code(observer, Tags.ConceptCodeSequence, Code.dcm("121007", "Device"));
        item(ds, "HAS OBS CONTEXT", "UIDREF", Code.dcm("121012", "Device Observer UID"))
                .setString(Tags.UID, VR.UI, device.uid());
        text(ds, "HAS OBS CONTEXT", Code.dcm("121013", "Device Observer Name"), device.name());
        text(ds, "HAS OBS CONTEXT", Code.dcm("121014", "Device Observer Manufacturer"), device.manufacturer());
        text(ds, "HAS OBS CONTEXT", Code.dcm("121015", "Device Observer Model Name"), device.model());
        text(ds, "HAS OBS CONTEXT", Code.dcm("121016", "Device Observer Serial Number"), device.serial());
        text(
                ds,
                "HAS OBS CONTEXT",
                Code.dcm("121017", "Device Observer Physical Location During Observation"),
                device.location());

        Attributes scope = item(ds, "HAS OBS CONTEXT", "CODE", Code.dcm("113705", "Scope of Accumulation"));
        code(scope, Tags.ConceptCodeSequence, Code.dcm("113014", "Study"));
        item(scope, "HAS PROPERTIES", "UIDREF", Code.dcm("110180", "Study Instance UID"))
                .setString(Tags.UID, VR.UI, studyUid);

        addAccumulated(ds, events);
        for (Event e : events) addEvent(ds, e);

        Attributes source = item(ds, "CONTAINS", "CODE", Code.dcm("113854", "Source of Dose Information"));
        code(source, Tags.ConceptCodeSequence, Code.dcm("113856", "Automated Data Collection"));
        text(
                ds,
                "CONTAINS",
                Code.dcm("121106", "Comment"),
                "Synthetic dose report of the FluoroVault sample study; values are illustrative, not measured.");
    }

    /** TID 10002 with the TID 10004 totals, summed exactly from the events. */
    private static void addAccumulated(Attributes ds, List<Event> events) {
        long dap = 0, dose = 0, fluoroDap = 0, fluoroDose = 0;
        BigDecimal fluoroTime = BigDecimal.ZERO, acquisitionTime = BigDecimal.ZERO;
        int frames = 0;
        for (Event e : events) {
            dap += e.dapMicroGyM2();
            dose += e.doseRpMicroGy();
            if (e.fluoroscopy()) {
                fluoroDap += e.dapMicroGyM2();
                fluoroDose += e.doseRpMicroGy();
                fluoroTime = fluoroTime.add(new BigDecimal(e.durationSeconds()));
            } else {
                acquisitionTime = acquisitionTime.add(new BigDecimal(e.durationSeconds()));
                frames += e.frames();
            }
        }
        Attributes acc = item(ds, "CONTAINS", "CONTAINER", Code.dcm("113702", "Accumulated X-Ray Dose Data"));
        acc.setString(Tags.ContinuityOfContent, VR.CS, "SEPARATE");
        Attributes plane = item(acc, "HAS CONCEPT MOD", "CODE", Code.dcm("113764", "Acquisition Plane"));
        code(plane, Tags.ConceptCodeSequence, SINGLE_PLANE);
        ContentItems.num(acc, "CONTAINS", Code.dcm("113722", "Dose Area Product Total"), micro(dap), GY_M2);
        ContentItems.num(acc, "CONTAINS", Code.dcm("113725", "Dose (RP) Total"), micro(dose), GY);
        ContentItems.num(
                acc, "CONTAINS", Code.dcm("113726", "Fluoro Dose Area Product Total"), micro(fluoroDap), GY_M2);
        ContentItems.num(acc, "CONTAINS", Code.dcm("113728", "Fluoro Dose (RP) Total"), micro(fluoroDose), GY);
        ContentItems.num(acc, "CONTAINS", Code.dcm("113730", "Total Fluoro Time"), plain(fluoroTime), SECONDS);
        ContentItems.num(
                acc,
                "CONTAINS",
                Code.dcm("113727", "Acquisition Dose Area Product Total"),
                micro(dap - fluoroDap),
                GY_M2);
        ContentItems.num(
                acc, "CONTAINS", Code.dcm("113729", "Acquisition Dose (RP) Total"), micro(dose - fluoroDose), GY);
        ContentItems.num(
                acc, "CONTAINS", Code.dcm("113855", "Total Acquisition Time"), plain(acquisitionTime), SECONDS);
        ContentItems.num(
                acc,
                "CONTAINS",
                Code.dcm("113731", "Total Number of Radiographic Frames"),
                Integer.toString(frames),
                NO_UNITS);
        Attributes rp = item(acc, "CONTAINS", "CODE", Code.dcm("113780", "Reference Point Definition"));
        code(rp, Tags.ConceptCodeSequence, REFERENCE_POINT);
    }

    /** TID 10003 with the source data of TID 10003B. */
    private static void addEvent(Attributes ds, Event e) {
        Attributes ev = item(ds, "CONTAINS", "CONTAINER", Code.dcm("113706", "Irradiation Event X-Ray Data"));
        ev.setString(Tags.ContinuityOfContent, VR.CS, "SEPARATE");
        Attributes plane = item(ev, "HAS CONCEPT MOD", "CODE", Code.dcm("113764", "Acquisition Plane"));
        code(plane, Tags.ConceptCodeSequence, SINGLE_PLANE);
        item(ev, "CONTAINS", "UIDREF", Code.dcm("113769", "Irradiation Event UID"))
                .setString(Tags.UID, VR.UI, e.uid());
        item(ev, "CONTAINS", "DATETIME", Code.dcm("111526", "DateTime Started"))
                .setString(Tags.DateTime, VR.DT, e.started());
        Attributes type = item(ev, "CONTAINS", "CODE", Code.dcm("113721", "Irradiation Event Type"));
        code(
                type,
                Tags.ConceptCodeSequence,
                e.fluoroscopy()
                        ? new Code("44491008", "SCT", "Fluoroscopy")
                        : Code.dcm("113611", "Stationary Acquisition"));
        text(ev, "CONTAINS", Code.dcm("125203", "Acquisition Protocol"), e.protocol());
        Attributes region = item(ev, "CONTAINS", "CODE", Code.dcm("123014", "Target Region"));
        code(region, Tags.ConceptCodeSequence, new Code("122496007", "SCT", "Lumbar spine"));
        ContentItems.num(ev, "CONTAINS", Code.dcm("122130", "Dose Area Product"), micro(e.dapMicroGyM2()), GY_M2);
        ContentItems.num(ev, "CONTAINS", Code.dcm("113738", "Dose (RP)"), micro(e.doseRpMicroGy()), GY);
        ContentItems.num(
                ev,
                "CONTAINS",
                Code.dcm("112011", "Positioner Primary Angle"),
                Attributes.formatDS(e.primaryAngle()),
                DEGREES);
        ContentItems.num(
                ev,
                "CONTAINS",
                Code.dcm("112012", "Positioner Secondary Angle"),
                Attributes.formatDS(e.secondaryAngle()),
                DEGREES);
        Attributes rp = item(ev, "CONTAINS", "CODE", Code.dcm("113780", "Reference Point Definition"));
        code(rp, Tags.ConceptCodeSequence, REFERENCE_POINT);
        if (e.fluoroscopy()) {
            Attributes mode = item(ev, "CONTAINS", "CODE", Code.dcm("113732", "Fluoro Mode"));
            code(mode, Tags.ConceptCodeSequence, Code.dcm("113631", "Pulsed"));
        }
        ContentItems.num(
                ev,
                "CONTAINS",
                Code.dcm("113791", "Pulse Rate"),
                Attributes.formatDS(e.pulseRate()),
                new Code("{pulse}/s", "UCUM", "pulse/s"));
        ContentItems.num(
                ev,
                "CONTAINS",
                Code.dcm("113768", "Number of Pulses"),
                Integer.toString(e.pulses()),
                new Code("{pulses}", "UCUM", "pulses"));
        ContentItems.num(
                ev, "CONTAINS", Code.dcm("113733", "KVP"), Attributes.formatDS(e.kvp()), new Code("kV", "UCUM", "kV"));
        ContentItems.num(
                ev,
                "CONTAINS",
                Code.dcm("113734", "X-Ray Tube Current"),
                Attributes.formatDS(e.tubeCurrentMa()),
                new Code("mA", "UCUM", "mA"));
        ContentItems.num(
                ev,
                "CONTAINS",
                Code.dcm("113793", "Pulse Width"),
                Attributes.formatDS(e.pulseWidthMs()),
                new Code("ms", "UCUM", "ms"));
        ContentItems.num(ev, "CONTAINS", Code.dcm("113742", "Irradiation Duration"), e.durationSeconds(), SECONDS);
        ContentItems.num(
                ev,
                "CONTAINS",
                Code.dcm("113750", "Distance Source to Detector"),
                "1000",
                new Code("mm", "UCUM", "mm"));
    }

    private static String micro(long micro) {
        return plain(BigDecimal.valueOf(micro, 6));
    }

    private static String plain(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        if (s.length() > 16) throw new IllegalArgumentException("does not fit a DS: " + s);
        return s;
    }
}

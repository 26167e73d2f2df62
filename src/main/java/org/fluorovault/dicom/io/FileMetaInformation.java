package org.fluorovault.dicom.io;

import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;

/** Builds the File Meta Information (group 0002) of PS3.10 section 7.1. */
public final class FileMetaInformation {
    private FileMetaInformation() {}

    public static Attributes create(
            String sopClassUid,
            String sopInstanceUid,
            String transferSyntaxUid,
            String implementationClassUid,
            String implementationVersionName,
            String sourceAet) {
        Attributes fmi = new Attributes();
        fmi.setBytes(0x00020001, VR.OB, new byte[] {0, 1});
        fmi.setString(0x00020002, VR.UI, sopClassUid);
        fmi.setString(0x00020003, VR.UI, sopInstanceUid);
        fmi.setString(0x00020010, VR.UI, transferSyntaxUid);
        fmi.setString(0x00020012, VR.UI, implementationClassUid);
        if (implementationVersionName != null) fmi.setString(0x00020013, VR.SH, implementationVersionName);
        if (sourceAet != null && !sourceAet.isBlank()) fmi.setString(0x00020016, VR.AE, sourceAet.trim());
        return fmi;
    }
}

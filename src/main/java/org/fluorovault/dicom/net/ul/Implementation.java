package org.fluorovault.dicom.net.ul;

/** How FluoroVault identifies itself in the user information item (PS3.7 D.3.3.2). */
public final class Implementation {

    /** UID root of FluoroVault. */
    public static final String UID_ROOT = "1.2.826.0.1.3680043.10.1443";
    /** Implementation Class UID (52h): the root plus ".1" for the DICOM toolkit, release 1. */
    public static final String CLASS_UID = UID_ROOT + ".1.1";
    /** Implementation Version Name (55h), at most 16 characters. */
    public static final String VERSION_NAME = "FLUOROVAULT_01";

    private Implementation() {}
}

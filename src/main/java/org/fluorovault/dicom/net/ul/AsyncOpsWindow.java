package org.fluorovault.dicom.net.ul;

/**
 * Asynchronous operations window sub-item (53h, PS3.7 D.3.3.3). 0 means unlimited, 1 (the value
 * assumed when the item is absent) means no asynchronous operations.
 */
public record AsyncOpsWindow(int maxOpsInvoked, int maxOpsPerformed) {

    public static final AsyncOpsWindow SYNCHRONOUS = new AsyncOpsWindow(1, 1);

    public AsyncOpsWindow {
        PduEncoder.checkUnsignedShort(maxOpsInvoked, "maxOpsInvoked");
        PduEncoder.checkUnsignedShort(maxOpsPerformed, "maxOpsPerformed");
    }
}

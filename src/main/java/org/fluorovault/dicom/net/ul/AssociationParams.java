package org.fluorovault.dicom.net.ul;

import java.util.Objects;

/**
 * Plain settings of one side of an association; no global state is read.
 *
 * @param aeTitle                   our AE title: the calling AE of a requestor; an acceptor's policy
 *                                  decides which called AE titles it answers to
 * @param maxPduLength              the maximum length we announce (51h) and accept for an incoming
 *                                  P-DATA-TF; also the size we fragment to when the peer announces 0
 * @param artimMillis               ARTIM: how long an acceptor waits for the A-ASSOCIATE-RQ, a
 *                                  requestor for the AC/RJ, and either side for the peer to close
 *                                  the transport after an RJ, RP or A-ABORT
 * @param idleTimeoutMillis         an established association whose peer sends nothing for this
 *                                  long is aborted; 0 = never
 * @param releaseTimeoutMillis      how long {@link Association#release()} waits for the A-RELEASE-RP
 * @param implementationClassUid    sent in 52h
 * @param implementationVersionName sent in 55h, at most 16 characters, may be null
 */
public record AssociationParams(
        String aeTitle,
        int maxPduLength,
        int artimMillis,
        int idleTimeoutMillis,
        int releaseTimeoutMillis,
        String implementationClassUid,
        String implementationVersionName) {

    /**
     * 64 KiB: large enough that a data set costs few PDUs and system calls, small enough that
     * 32 associations buffering one PDU each stay around 2 MiB.
     */
    public static final int DEFAULT_MAX_PDU_LENGTH = 65536;

    public static final int DEFAULT_ARTIM_MILLIS = 30_000;
    public static final int DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;
    public static final int DEFAULT_RELEASE_TIMEOUT_MILLIS = 30_000;
    /** Smallest maximum length that leaves room for one byte of PDV data. */
    public static final int MIN_PDU_LENGTH = 7;
    /** Largest maximum length we let ourselves announce: one PDU is buffered per association. */
    public static final int MAX_PDU_LENGTH = 16 << 20;

    public AssociationParams {
        Objects.requireNonNull(aeTitle, "aeTitle");
        if (aeTitle.isBlank() || aeTitle.length() > 16) {
            throw new IllegalArgumentException("AE title must have 1 to 16 characters: '" + aeTitle + "'");
        }
        if (maxPduLength < MIN_PDU_LENGTH || maxPduLength > MAX_PDU_LENGTH) {
            throw new IllegalArgumentException(
                    "maxPduLength outside " + MIN_PDU_LENGTH + ".." + MAX_PDU_LENGTH + ": " + maxPduLength);
        }
        if (artimMillis <= 0 || idleTimeoutMillis < 0 || releaseTimeoutMillis <= 0) {
            throw new IllegalArgumentException("ARTIM and release timeouts must be positive, idle >= 0");
        }
        Objects.requireNonNull(implementationClassUid, "implementationClassUid");
        if (implementationVersionName != null && implementationVersionName.length() > 16) {
            throw new IllegalArgumentException("implementation version name longer than 16 characters");
        }
    }

    public static AssociationParams defaults(String aeTitle) {
        return new AssociationParams(
                aeTitle,
                DEFAULT_MAX_PDU_LENGTH,
                DEFAULT_ARTIM_MILLIS,
                DEFAULT_IDLE_TIMEOUT_MILLIS,
                DEFAULT_RELEASE_TIMEOUT_MILLIS,
                Implementation.CLASS_UID,
                Implementation.VERSION_NAME);
    }

    public AssociationParams withMaxPduLength(int v) {
        return new AssociationParams(
                aeTitle,
                v,
                artimMillis,
                idleTimeoutMillis,
                releaseTimeoutMillis,
                implementationClassUid,
                implementationVersionName);
    }

    public AssociationParams withArtimMillis(int v) {
        return new AssociationParams(
                aeTitle,
                maxPduLength,
                v,
                idleTimeoutMillis,
                releaseTimeoutMillis,
                implementationClassUid,
                implementationVersionName);
    }

    public AssociationParams withIdleTimeoutMillis(int v) {
        return new AssociationParams(
                aeTitle,
                maxPduLength,
                artimMillis,
                v,
                releaseTimeoutMillis,
                implementationClassUid,
                implementationVersionName);
    }

    public AssociationParams withReleaseTimeoutMillis(int v) {
        return new AssociationParams(
                aeTitle,
                maxPduLength,
                artimMillis,
                idleTimeoutMillis,
                v,
                implementationClassUid,
                implementationVersionName);
    }

    /** Our user information: maximum length and implementation identification. */
    UserInformation userInformation(
            AsyncOpsWindow window, java.util.List<RoleSelection> roles, java.util.List<UserItem> others) {
        return new UserInformation(
                maxPduLength, implementationClassUid, implementationVersionName, window, roles, others);
    }
}

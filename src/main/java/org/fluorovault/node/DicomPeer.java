package org.fluorovault.node;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A known DICOM peer, configured as {@code fluorovault.dicom.peers[AE_TITLE].*}.
 *
 * @param addresses          IP addresses or CIDR blocks ({@code 10.0.1.0/24}, {@code fd00::/8}) the
 *                           AE may call from; empty = any address
 * @param services           what it may do (C-ECHO is always allowed); default: what a modality needs,
 *                           STORE, WORKLIST, MPPS and COMMITMENT
 * @param certificateSubject when set, the AE is accepted only on the TLS port and only with a verified
 *                           client certificate of exactly this subject (an X.500 name such as
 *                           {@code CN=carm1.example.org,O=Hospital}; compared as names, not as text)
 */
public record DicomPeer(
        @NotNull @DefaultValue("") List<String> addresses,

        @NotNull @DefaultValue({"STORE", "WORKLIST", "MPPS", "COMMITMENT"})
        Set<DicomService> services,

        String certificateSubject) {}

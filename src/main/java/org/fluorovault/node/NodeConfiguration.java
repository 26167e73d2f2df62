package org.fluorovault.node;

import org.fluorovault.dicom.net.dimse.VerificationService;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.Implementation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the node lends its services: the association settings of its AE (for the associations a
 * service opens itself, such as storage commitment reports), and Verification, the one service
 * no feature owns.
 */
@Configuration(proxyBeanMethods = false)
class NodeConfiguration {

    @Bean
    AssociationParams dicomAssociationParams(DicomProperties props) {
        return new AssociationParams(
                props.aeTitle(),
                props.maxPduLength(),
                (int) props.artimTimeout().toMillis(),
                (int) props.idleTimeout().toMillis(),
                AssociationParams.DEFAULT_RELEASE_TIMEOUT_MILLIS,
                Implementation.CLASS_UID,
                Implementation.VERSION_NAME);
    }

    @Bean
    VerificationService verificationService() {
        return new VerificationService();
    }
}

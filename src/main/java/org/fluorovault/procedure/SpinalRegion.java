package org.fluorovault.procedure;

/** The anatomic region of a spinal injection, as the billing articles group them (CMS A58993). */
public enum SpinalRegion {
    CERVICAL_THORACIC,
    LUMBAR_SACRAL
}

/**
 * Radiation dose per study: from X-Ray Radiation Dose SRs, else from the MPPS dose fields (asked of ingest).
 *
 * <p><b>API:</b> {@link org.fluorovault.dose.DoseIndex#forStudy}, {@link org.fluorovault.dose.StudyDose}.
 *
 * <p><b>Tables:</b> {@code dose_value}.
 *
 * <p><b>Events:</b> listens to {@code archive.InstanceStored}; queue {@code dose-extraction}.
 */
package org.fluorovault.dose;

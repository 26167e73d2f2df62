/**
 * Contrast-spread analysis and needle-tip assist of fluoroscopic runs (ImageJ is confined here).
 *
 * <p><b>API:</b> {@link org.fluorovault.analysis.AnalysisService} (stored or computed result, analysed studies,
 * display polarity), {@link org.fluorovault.analysis.ContrastAnalysis}, {@link org.fluorovault.analysis.AnalysisOnReceipt}
 * ({@code RUN_SOP_CLASSES}: the authoritative list of analysable SOP classes).
 *
 * <p><b>Tables:</b> {@code analysis_result}.
 *
 * <p><b>Events:</b> listens to {@code archive.InstanceStored}; queue {@code analysis-on-receipt}.
 */
package org.fluorovault.analysis;

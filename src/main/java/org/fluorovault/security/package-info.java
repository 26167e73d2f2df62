/**
 * Who may do what: users and roles, HTTP authentication, the page-role table ({@link org.fluorovault.security.Page}),
 * method security ({@code @PreAuthorize(Role.WRITERS)}), and the TLS identity shared by DICOM and HL7.
 *
 * <p><b>API:</b> {@link org.fluorovault.security.Role}, {@link org.fluorovault.security.Page},
 * {@link org.fluorovault.security.UserService}, {@link org.fluorovault.security.DicomTlsContext}.
 *
 * <p><b>Tables:</b> {@code app_user}. <b>Events:</b> none.
 */
package org.fluorovault.security;

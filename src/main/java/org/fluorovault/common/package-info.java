/**
 * What every feature shares, depending on none of them: the HTTP error convention and the background-work pattern.
 *
 * <p><b>Errors:</b> features throw {@link org.fluorovault.common.NotFoundException},
 * {@link org.fluorovault.common.ConflictException}, {@link org.fluorovault.common.InvalidRequestException} or
 * {@link org.fluorovault.common.UnprocessableException} (or subclasses); {@link org.fluorovault.common.ApiErrors}
 * answers them, role refusals and Spring's own request errors as RFC 9457 {@code application/problem+json} for every
 * {@code @RestController}. No feature writes an error body itself.
 *
 * <p><b>Background work:</b> {@link org.fluorovault.common.BackgroundWork} gives each feature named, bounded queues of
 * keys ({@link org.fluorovault.common.WorkQueue}); handlers read what they need from the key, so the same features
 * could later run on a database-backed queue shared by several nodes.
 *
 * <p>Owns no table and publishes no event.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.fluorovault.common;

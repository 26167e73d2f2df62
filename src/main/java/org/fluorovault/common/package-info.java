/**
 * The one HTTP error convention of the REST API, shared by every feature.
 *
 * <p>Features throw {@link org.fluorovault.common.NotFoundException}, {@link org.fluorovault.common.ConflictException},
 * {@link org.fluorovault.common.InvalidRequestException} or {@link org.fluorovault.common.UnprocessableException}
 * (or subclasses); {@link org.fluorovault.common.ApiErrors} answers them, and Spring's own request errors, as
 * RFC 9457 {@code application/problem+json} for every {@code @RestController}. No feature writes an error body itself.
 *
 * <p>Depends on no feature; owns no table and publishes no event.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.fluorovault.common;

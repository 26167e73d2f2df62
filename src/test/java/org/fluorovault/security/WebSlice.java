package org.fluorovault.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.fluorovault.web.HttpProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * What a {@code @WebMvcTest} slice of a FluoroVault controller needs to answer as the application does, besides what
 * the slice finds itself ({@code common.ApiErrors}, the request body limit filter, the UID path check):
 * <ul>
 * <li>the application's filter chain ({@link SecurityConfig}: HTTP Basic, CSRF for requests without an Authorization
 *     header, the URL role rules) instead of Spring Boot's default one;</li>
 * <li>the {@code @PreAuthorize} checks ({@link MethodSecurity});</li>
 * <li>{@link HttpProperties}, which the body limit filter reads (the application finds it by its properties scan).</li>
 * </ul>
 * {@link UserService} is a mock: the chain needs it only to create the first admin. Requests with {@code @WithMockUser}
 * have no Authorization header, so writes carry {@code .with(csrf())} as the pages' scripts carry the token.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({SecurityConfig.class, MethodSecurity.class})
@EnableConfigurationProperties(HttpProperties.class)
@MockitoBean(types = UserService.class)
public @interface WebSlice {}

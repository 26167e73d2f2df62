package org.fluorovault.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.fluorovault.dicom.data.UidSyntax;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every UID in a REST or DICOMweb path ({@code /studies/{study}/series/{series}/instances/{instance}},
 * {@code /api/instances/{sopInstanceUid}/...}, {@code /api/studies/{studyInstanceUid}/...}) is checked
 * against the UI value rules (PS3.5) before a controller sees it: a malformed one is 400 with the
 * reason, and never reaches a query, a file name or a log line.
 */
@Configuration
class UidPathCheck implements WebMvcConfigurer, HandlerInterceptor {
    static final Set<String> UID_VARIABLES =
            Set.of("study", "series", "instance", "uid", "sopInstanceUid", "studyInstanceUid", "seriesInstanceUid");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(vars instanceof Map<?, ?> map)) return true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!UID_VARIABLES.contains(String.valueOf(e.getKey()))) continue;
            String problem = UidSyntax.problem(String.valueOf(e.getValue()));
            if (problem != null) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                response.setContentType("application/json");
                response.getOutputStream()
                        .write(("{\"status\":400,\"error\":\"Bad Request\",\"message\":\"" + e.getKey()
                                        + " in the path is not a valid UID: " + problem + "\"}")
                                .getBytes(StandardCharsets.UTF_8));
                return false;
            }
        }
        return true;
    }
}

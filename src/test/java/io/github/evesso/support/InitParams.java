package io.github.evesso.support;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/**
 * What a container hands a filter's {@code init}: its name, the application's (real) servlet context and its
 * init-params. For starting a filter by hand, as a container does that starts filters late.
 */
public record InitParams(String filterName, ServletContext servletContext, Map<String, String> parameters)
        implements FilterConfig {
    @Override
    public String getFilterName() {
        return filterName;
    }

    @Override
    public ServletContext getServletContext() {
        return servletContext;
    }

    @Override
    public String getInitParameter(String name) {
        return parameters.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }
}

package io.github.evesso.bench;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;

/**
 * A hand-written request for the in-process benchmarks. It answers what the library asks of a request (paths,
 * method, headers, parameters, attributes, session) from plain fields without allocating; every other method throws
 * (the wrapped delegate is {@link Unsupported}).
 */
final class BenchRequest extends HttpServletRequestWrapper {
    private final Attributes attributes = new Attributes();
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, String[]> parameters = new HashMap<>();
    private final String contextPath;
    private ServletContext servletContext;
    private String method = "GET";
    private String servletPath;
    private String pathInfo;
    private String queryString;
    private String requestUri;
    private BenchSession session;
    private int sessionIds;

    BenchRequest(String contextPath, String servletPath, String pathInfo) {
        super(Unsupported.of(HttpServletRequest.class));
        this.contextPath = contextPath;
        path(servletPath, pathInfo);
    }

    BenchRequest session(BenchSession s) {
        session = s;
        return this;
    }

    BenchSession session() {
        return session;
    }

    BenchRequest header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    BenchRequest parameter(String name, String value) {
        parameters.put(name, new String[] {value});
        return this;
    }

    BenchRequest path(String newServletPath, String newPathInfo) {
        servletPath = newServletPath;
        pathInfo = newPathInfo;
        requestUri = contextPath + servletPath + (pathInfo == null ? "" : pathInfo);
        parameters.clear();
        queryString = null;
        return this;
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getContextPath() {
        return contextPath;
    }

    @Override
    public String getServletPath() {
        return servletPath;
    }

    @Override
    public String getPathInfo() {
        return pathInfo;
    }

    @Override
    public String getRequestURI() {
        return requestUri;
    }

    @Override
    public String getQueryString() {
        return queryString;
    }

    @Override
    public StringBuffer getRequestURL() {
        return new StringBuffer("http://localhost").append(getRequestURI());
    }

    @Override
    public String getScheme() {
        return "http";
    }

    @Override
    public String getServerName() {
        return "localhost";
    }

    @Override
    public int getServerPort() {
        return 80;
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters.get(name);
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.set(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public HttpSession getSession(boolean create) {
        if (session == null && create) {
            session = new BenchSession("bench-" + ++sessionIds);
        }
        return session;
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    @Override
    public String changeSessionId() {
        if (session == null) {
            throw new IllegalStateException("no session");
        }
        session.changeId("bench-" + ++sessionIds);
        return session.getId();
    }

    @Override
    public ServletContext getServletContext() {
        if (servletContext == null) {
            servletContext = Unsupported.servletContext(contextPath); // its context path is what requests ask for
        }
        return servletContext;
    }

    @Override
    public String getRemoteAddr() {
        return "127.0.0.1";
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public String getRequestedSessionId() {
        return session == null ? null : session.getId();
    }
}

package io.github.evesso.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-written stand-in for {@link HttpServletRequest} (and its {@link HttpSession}) for unit tests of pure logic:
 * answers only the handful of methods those classes call and throws on anything else. Not an HTTP mock: the
 * end-to-end tests drive the real container.
 */
public final class FakeRequest {
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private String method = "GET";
    private String contextPath = "/app";
    private String requestUri = "/app/";
    private String queryString;
    private String servletPath = "";
    private String pathInfo;
    private String remoteAddr = "127.0.0.1";
    private Map<String, Object> session;

    /** Sets a request header. */
    public FakeRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Sets the client address (default 127.0.0.1). */
    public FakeRequest remoteAddr(String value) {
        remoteAddr = value;
        return this;
    }

    /** Sets the HTTP method (default GET). */
    public FakeRequest method(String value) {
        method = value;
        return this;
    }

    /** Sets the context path and the raw request URI and query (as the container would report them). */
    public FakeRequest uri(String context, String uri, String query) {
        contextPath = context;
        requestUri = uri;
        queryString = query;
        return this;
    }

    /** Sets the servlet path and path info, and a request URI that agrees with them. */
    public FakeRequest paths(String servlet, String info) {
        servletPath = servlet;
        pathInfo = info;
        requestUri = contextPath + (servlet == null ? "" : servlet) + (info == null ? "" : info);
        return this;
    }

    /** Gives the request a session (kept across {@link #build()} calls of this fake). */
    public FakeRequest withSession() {
        if (session == null) {
            session = new HashMap<>();
        }
        return this;
    }

    /** The session's attributes, or {@code null} without a session. */
    public Map<String, Object> sessionAttributes() {
        return session;
    }

    public HttpServletRequest build() {
        return (HttpServletRequest) Proxy.newProxyInstance(FakeRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getMethod" -> method;
                    case "getContextPath" -> contextPath;
                    case "getRequestURI" -> requestUri;
                    case "getQueryString" -> queryString;
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
                    case "getRemoteAddr" -> remoteAddr;
                    case "getSession" -> session(args == null || args.length == 0 || (Boolean) args[0]);
                    case "toString" -> "FakeRequest[" + method + " " + requestUri + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("FakeRequest does not do " + m.getName());
                });
    }

    private HttpSession session(boolean create) {
        if (session == null && !create) {
            return null;
        }
        withSession();
        Map<String, Object> attributes = session;
        return (HttpSession) Proxy.newProxyInstance(FakeRequest.class.getClassLoader(),
                new Class<?>[] {HttpSession.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> {
                        attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    case "removeAttribute" -> {
                        attributes.remove((String) args[0]);
                        yield null;
                    }
                    case "getId" -> "fake-session-" + System.identityHashCode(attributes);
                    case "toString" -> "FakeSession" + attributes.keySet();
                    case "hashCode" -> System.identityHashCode(attributes);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("FakeSession does not do " + m.getName());
                });
    }
}

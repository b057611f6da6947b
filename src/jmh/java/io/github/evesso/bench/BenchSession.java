package io.github.evesso.bench;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.Enumeration;

/** A hand-written {@link HttpSession} for the in-process benchmarks: attributes in an allocation-free store. */
final class BenchSession implements HttpSession {
    private final Attributes attributes = new Attributes();
    private final long created = System.currentTimeMillis();
    private String id;
    private boolean valid = true;

    BenchSession(String id) {
        this.id = id;
    }

    void changeId(String newId) {
        id = newId;
    }

    @Override
    public long getCreationTime() {
        return created;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getLastAccessedTime() {
        return created;
    }

    @Override
    public ServletContext getServletContext() {
        throw new UnsupportedOperationException("getServletContext");
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
    }

    @Override
    public int getMaxInactiveInterval() {
        return 1800;
    }

    @Override
    public Object getAttribute(String name) {
        checkValid();
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid();
        return attributes.names();
    }

    @Override
    public void setAttribute(String name, Object value) {
        checkValid();
        attributes.set(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        checkValid();
        attributes.remove(name);
    }

    @Override
    public void invalidate() {
        checkValid();
        valid = false;
    }

    @Override
    public boolean isNew() {
        return false;
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("session invalidated");
        }
    }
}

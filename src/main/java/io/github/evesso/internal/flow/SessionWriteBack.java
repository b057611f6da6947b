package io.github.evesso.internal.flow;

import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.SessionLogin;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Puts the session's characters back into it when they changed during a request (a refresh, a rotated refresh
 * token, an end, another active character), so that a replicating or persisting session manager sees the change:
 * when the request leaves the filter, and again when an asynchronous request completes (its code may refresh after {@code startAsync}). Only while the
 * session still holds these logins: another tab may have logged in meanwhile.
 */
final class SessionWriteBack implements AsyncListener {
    private final HttpSession session;
    private final EveLogins logins;
    private long revision;

    private SessionWriteBack(HttpSession session, EveLogins logins, long revision) {
        this.session = session;
        this.logins = logins;
        this.revision = revision;
    }

    /**
     * Writes {@code logins} back if it changed since {@code revision}; for a request that went asynchronous, once more
     * when it completes.
     */
    static void afterRequest(HttpServletRequest request, HttpSession session, EveLogins logins, long revision) {
        boolean async = request.isAsyncStarted();
        if (!async && logins.revision() == revision) {
            return; // the path of almost every request: nothing changed, nothing allocated
        }
        SessionWriteBack writeBack = new SessionWriteBack(session, logins, revision);
        writeBack.writeIfChanged();
        if (async) {
            request.getAsyncContext().addListener(writeBack);
        }
    }

    private synchronized void writeIfChanged() {
        long now = logins.revision();
        if (now == revision || !SessionLogin.holds(session, logins)) {
            return; // unchanged, or the session now holds another tab's login, or was invalidated
        }
        revision = now;
        try {
            if (logins.anyUsable()) {
                SessionLogin.store(session, logins);
            } else {
                SessionLogin.end(session);
            }
        } catch (IllegalStateException invalidated) {
            // the application logged the user out during the request
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        writeIfChanged();
    }

    @Override
    public void onError(AsyncEvent event) {
        writeIfChanged();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        writeIfChanged();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this); // a listener is dropped when the request goes async again
    }
}

package io.github.evesso.internal.flow;

import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.SessionLogin;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Puts a login that changed during a request (a refresh, a rotated refresh token, its end) back into the session,
 * so that a replicating or persisting session manager sees the change: when the request leaves the filter, and
 * again when an asynchronous request completes (its code may refresh after {@code startAsync}). Only while the
 * session still holds this login: another tab may have logged in meanwhile.
 */
final class SessionWriteBack implements AsyncListener {
    private final HttpSession session;
    private final EveLogin login;
    private long revision;

    private SessionWriteBack(HttpSession session, EveLogin login, long revision) {
        this.session = session;
        this.login = login;
        this.revision = revision;
    }

    /**
     * Writes {@code login} back if it changed since {@code revision}; for a request that went asynchronous, once more
     * when it completes.
     */
    static void afterRequest(HttpServletRequest request, HttpSession session, EveLogin login, long revision) {
        boolean async = request.isAsyncStarted();
        if (!async && login.revision() == revision) {
            return; // the path of almost every request: nothing changed, nothing allocated
        }
        SessionWriteBack writeBack = new SessionWriteBack(session, login, revision);
        writeBack.writeIfChanged();
        if (async) {
            request.getAsyncContext().addListener(writeBack);
        }
    }

    private synchronized void writeIfChanged() {
        long now = login.revision();
        if (now == revision || !SessionLogin.holds(session, login)) {
            return; // unchanged, or the session now holds another tab's login, or was invalidated
        }
        revision = now;
        try {
            if (login.isEnded()) {
                SessionLogin.end(session);
            } else {
                SessionLogin.store(session, login);
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

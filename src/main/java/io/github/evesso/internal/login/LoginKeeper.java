package io.github.evesso.internal.login;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacterLogin;
import io.github.evesso.internal.event.LoginEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a login needs from the running application to keep its token fresh: the refresh through the token store, the refresh policy
 * (window, back-off), the listeners and the clock. One per application; the logins in sessions are plain data and
 * are handed to it, so a login restored from a replicated or persisted session needs nothing re-attached.
 */
public final class LoginKeeper {
    private final TokenRefresher refresher;
    private final LeasedRefresh leased;
    private final LoginEvents events;
    private final Clock clock;
    private final long windowMillis;
    private final Duration maxBackoff;

    /**
     * Creates the keeper.
     *
     * @param refreshWindow an access token expiring within this window is refreshed before use
     * @param maxBackoff the longest computed wait between attempts while the SSO is unavailable
     */
    public LoginKeeper(TokenRefresher refresher, LoginEvents events, Clock clock, Duration refreshWindow,
            Duration maxBackoff) {
        this(refresher, null, events, clock, refreshWindow, maxBackoff);
    }

    /**
     * Creates the keeper of an application with a token store: every refresh goes through it.
     *
     * @param leased the refresh through the token store, or {@code null} without a store (straight to the SSO)
     */
    public LoginKeeper(TokenRefresher refresher, LeasedRefresh leased, LoginEvents events, Clock clock,
            Duration refreshWindow, Duration maxBackoff) {
        this.refresher = refresher;
        this.leased = leased;
        this.events = events;
        this.clock = clock;
        this.windowMillis = refreshWindow.toMillis();
        this.maxBackoff = maxBackoff;
    }

    /** The application's live view of {@code login}: what {@code EveSso.token(request)} hands out. */
    public EveAccessToken tokenOf(EveLogin login) {
        return login.viewThrough(this);
    }

    /** Every character of {@code logins} as the application sees it, in login order. */
    public List<EveCharacterLogin> charactersOf(EveLogins logins) {
        EveLogin active = logins.active();
        long now = clock.millis();
        List<EveCharacterLogin> all = new ArrayList<>(logins.size());
        for (EveLogin login : logins.all()) {
            all.add(new EveCharacterLogin(login.character(), tokenOf(login), statusOf(login, now), login == active));
        }
        return List.copyOf(all);
    }

    private static EveCharacterLogin.Status statusOf(EveLogin login, long nowMillis) {
        if (login.isEnded()) {
            return EveCharacterLogin.Status.NEEDS_LOGIN;
        }
        Tokens tokens = login.tokens();
        return tokens.refreshToken() == null && nowMillis >= tokens.expiresAt().toEpochMilli()
                ? EveCharacterLogin.Status.TOKEN_EXPIRED : EveCharacterLogin.Status.USABLE;
    }

    /** Refreshes {@code current}: through the token store when there is one (see {@link LeasedRefresh}). */
    RefreshResult refresh(Tokens current) {
        return leased == null ? refresher.refresh(current)
                : leased.refresh(current, tokens -> needsRefresh(tokens, clock.millis()));
    }

    /** Until when the SSO asked refresh calls to wait; a past instant when it asks no wait. */
    Instant refreshesPausedUntil() {
        return refresher.pausedUntil();
    }

    LoginEvents events() {
        return events;
    }

    Clock clock() {
        return clock;
    }

    Duration maxBackoff() {
        return maxBackoff;
    }

    /** Whether {@code tokens} expire within the refresh window at {@code nowMillis}; nothing allocated. */
    boolean needsRefresh(Tokens tokens, long nowMillis) {
        return nowMillis + windowMillis >= tokens.expiresAt().toEpochMilli();
    }
}

package io.github.evesso;

/** Something prevents the library from handing out a valid access token. See the two subclasses. */
public abstract sealed class EveSsoException extends RuntimeException
        permits EveLoginExpiredException, EveSsoUnavailableException {
    private static final long serialVersionUID = 1L;

    EveSsoException(String message) {
        super(message);
    }
}

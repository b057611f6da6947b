package io.github.evesso.sample.cluster;

import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.RecordedRequest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What the cluster tests read from the local SSO's journal. */
final class SsoRequests {
    private SsoRequests() {
    }

    /** The requests to {@code endpoint} not yet taken, oldest first, without waiting; they are taken. */
    static List<RecordedRequest> drain(LocalEveSso sso, Endpoint endpoint) {
        return Stream.generate(() -> sso.pollRequest(endpoint)).takeWhile(Optional::isPresent).map(Optional::get)
                .toList();
    }
}

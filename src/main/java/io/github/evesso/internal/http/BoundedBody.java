package io.github.evesso.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Collects a body up to a limit (beyond it, cancels the stream and fails with {@link TooLargeException}) and by a
 * deadline on {@link System#nanoTime()} (past it, cancels the stream and fails with a {@link TimeoutException}): the
 * one body reader of the library's HTTP clients (EVE SSO and ESI). A leaf: depends on nothing else in the library.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body went over the limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final int limit;
    private volatile Flow.Subscription subscription;

    /**
     * A reader for one response.
     *
     * @param limit the most bytes accepted
     * @param deadline the {@link System#nanoTime()} by which the whole body must have arrived
     */
    public BoundedBody(int limit, long deadline) {
        this.limit = limit;
        result.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        result.whenComplete((body, failure) -> {
            Flow.Subscription s = subscription;
            if (failure != null && s != null) {
                s.cancel();
            }
        });
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel(); // the deadline passed before the body started
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if (buffer.size() + item.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLargeException());
                return;
            }
            byte[] bytes = new byte[item.remaining()];
            item.get(bytes);
            buffer.writeBytes(bytes);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    /** Whether {@code failure} is, or was caused (up to ten levels deep) by, a {@code type}. */
    public static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

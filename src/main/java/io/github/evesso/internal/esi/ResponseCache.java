package io.github.evesso.internal.esi;

import java.net.URI;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cached GET answers, least recently used first out, bounded by a number of entries and a number of bytes.
 * Keyed by URL and by the character whose token made the call, so that one character's answer is never served to a
 * call made with another's token (or to a public call). Thread-safe.
 */
public final class ResponseCache {
    /** Rough cost of one entry beyond its body and header text. */
    static final int ENTRY_OVERHEAD = 128;

    /**
     * What a cached answer is stored under.
     *
     * @param uri         the full URL, query included
     * @param characterId the id of the character whose token made the call, {@code null} for a public call
     */
    public record Key(URI uri, Long characterId) {
    }

    /**
     * A cached 200 answer. The body is never handed out: each hit maps it anew.
     *
     * @param headers    the answer's headers (case-insensitive names)
     * @param body       the raw body
     * @param freshUntil until when it is served without a call
     */
    public record Entry(Map<String, List<String>> headers, byte[] body, Instant freshUntil) {
        /** The {@code ETag} to revalidate with, or {@code null}. */
        public String etag() {
            return Headers.first(headers, "ETag");
        }

        /** Whether it may be served without a call at {@code now}. */
        public boolean freshAt(Instant now) {
            return freshUntil.isAfter(now);
        }

        long bytes() {
            long size = ENTRY_OVERHEAD + body.length;
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                size += header.getKey().length();
                for (String value : header.getValue()) {
                    size += value.length();
                }
            }
            return size;
        }
    }

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** A cache of at most {@code maxEntries} answers and {@code maxBytes} bytes (either 0: nothing is cached). */
    public ResponseCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The entry under {@code key}, or {@code null}; counts as a use. */
    public synchronized Entry get(Key key) {
        return entries.get(key);
    }

    /** Stores {@code entry} (replacing any), then drops the least recently used entries beyond the bounds. */
    public synchronized void put(Key key, Entry entry) {
        remove(key);
        if (maxEntries == 0 || entry.bytes() > maxBytes) {
            return;
        }
        entries.put(key, entry);
        bytes += entry.bytes();
        Iterator<Entry> eldestFirst = entries.values().iterator();
        while (entries.size() > maxEntries || bytes > maxBytes) {
            bytes -= eldestFirst.next().bytes();
            eldestFirst.remove();
        }
    }

    /** Forgets the entry under {@code key}, if any. */
    public synchronized void remove(Key key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.bytes();
        }
    }

    /** How many answers are cached. */
    public synchronized int size() {
        return entries.size();
    }

    /** How many bytes the cached answers count for. */
    public synchronized long bytes() {
        return bytes;
    }
}

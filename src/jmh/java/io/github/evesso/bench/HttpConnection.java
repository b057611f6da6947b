package io.github.evesso.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection of the load generator over a plain socket: writes a pre-built request and reads
 * the response (status, headers, a Content-Length or chunked body) from a reused buffer, allocating nothing per
 * request. Reconnects when the server closed the connection. Not thread-safe: one per load thread.
 */
final class HttpConnection implements AutoCloseable {
    private final InetSocketAddress address;
    private final byte[] request;
    private final byte[] buffer = new byte[16 * 1024];
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int pos;
    private int limit;
    private int lineStart;
    private int lineEnd;
    private int reconnects;

    HttpConnection(InetSocketAddress address, String host, String path, String cookie) {
        this(address, host, path, cookie, null);
    }

    /** A connection whose requests also carry {@code Authorization: <authorization>} (when not {@code null}). */
    HttpConnection(InetSocketAddress address, String host, String path, String cookie, String authorization) {
        this.address = address;
        StringBuilder r = new StringBuilder(256).append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("User-Agent: evesso-bench\r\n")
                .append("Accept: text/html\r\n");
        if (cookie != null) {
            r.append("Cookie: ").append(cookie).append("\r\n");
        }
        if (authorization != null) {
            r.append("Authorization: ").append(authorization).append("\r\n");
        }
        this.request = r.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the request and reads the whole response; returns its status. */
    int exchange() throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (EOFException | java.net.SocketException e) {
            // the server closed an idle keep-alive connection: reconnect once, then give up
            closeQuietly();
            reconnects++;
            connect();
            out.write(request);
            out.flush();
            return readResponse();
        }
    }

    int reconnects() {
        return reconnects;
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(address, 5_000);
        s.setSoTimeout(30_000);
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        pos = 0;
        limit = 0;
    }

    private int readResponse() throws IOException {
        // status line: HTTP/1.1 200 OK
        readLine();
        if (lineEnd - lineStart < 12) {
            throw new IOException("bad status line");
        }
        int status = (buffer[lineStart + 9] - '0') * 100 + (buffer[lineStart + 10] - '0') * 10
                + (buffer[lineStart + 11] - '0');
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        while (readLine()) {
            if (startsWithIgnoreCase("content-length:")) {
                contentLength = parseNumber(lineStart + 15, lineEnd, 10);
            } else if (startsWithIgnoreCase("transfer-encoding:")) {
                chunked = true;
            } else if (startsWithIgnoreCase("connection:") && containsClose()) {
                close = true;
            }
        }
        if (chunked) {
            while (true) {
                readLine();
                long size = parseNumber(lineStart, lineEnd, 16);
                if (size == 0) {
                    while (readLine()) {
                        // trailers, up to the empty line
                    }
                    break;
                }
                skip(size + 2);
            }
        } else if (contentLength > 0) {
            skip(contentLength);
        }
        if (close) {
            closeQuietly();
        }
        return status;
    }

    /**
     * Reads one line up to and including CRLF into buffer[lineStart, lineEnd).
     *
     * @return whether the line is not empty
     */
    private boolean readLine() throws IOException {
        int start = pos;
        int scan = pos;
        while (true) {
            for (int i = scan; i + 1 < limit; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    pos = i + 2;
                    lineStart = start;
                    lineEnd = i;
                    return i > start;
                }
            }
            scan = Math.max(start, limit - 1);
            int moved = compactAndFill();
            scan -= moved;
            start -= moved;
        }
    }

    /** Moves the unread bytes to the buffer's start and reads more; returns how far the unread bytes moved. */
    private int compactAndFill() throws IOException {
        int moved = pos;
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buffer.length) {
            throw new IOException("response header line too long");
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            throw new EOFException("connection closed by the server");
        }
        limit += n;
        return moved;
    }

    private void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            if (pos == limit) {
                pos = 0;
                limit = 0;
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    throw new EOFException("connection closed by the server");
                }
                limit = n;
            }
            int take = (int) Math.min(left, limit - pos);
            pos += take;
            left -= take;
        }
    }

    private boolean startsWithIgnoreCase(String prefix) {
        if (lineEnd - lineStart < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) buffer[lineStart + i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean containsClose() {
        for (int i = lineStart; i + 5 <= lineEnd; i++) {
            if ((buffer[i] | 0x20) == 'c' && (buffer[i + 1] | 0x20) == 'l' && (buffer[i + 2] | 0x20) == 'o'
                    && (buffer[i + 3] | 0x20) == 's' && (buffer[i + 4] | 0x20) == 'e') {
                return true;
            }
        }
        return false;
    }

    private long parseNumber(int start, int end, int radix) {
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = Character.digit((char) buffer[i], radix);
            if (digit >= 0) {
                value = value * radix + digit;
            } else if (buffer[i] == ';') {
                break; // chunk extensions
            }
        }
        return value;
    }

    private void closeQuietly() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // nothing to do
        }
        socket = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}

package io.sediment.jdbc.server;

import java.io.IOException;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Refuses request bodies larger than a limit, since Avatica reads each request body whole into
 * memory: a declared {@code Content-Length} over the limit gets HTTP 413 before anything is read;
 * a body without a declared length is counted as it is read and fails once past the limit.
 * Thread-safe (holds only the limit).
 */
final class RequestSizeLimitHandler extends HandlerWrapper {
    private final long maxBytes;

    RequestSizeLimitHandler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request,
            HttpServletResponse response) throws IOException, ServletException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            baseRequest.setHandled(true);
            response.sendError(413, "request body of " + length + " bytes exceeds the server's limit of "
                    + maxBytes + " bytes");
            return;
        }
        HttpServletRequest limited = length >= 0 ? request : new Limited(request, maxBytes);
        super.handle(target, baseRequest, limited, response);
    }

    /** A request whose body stream fails once more than the limit has been read. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            check(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0) {
                            check(n);
                        }
                        return n;
                    }

                    private void check(int n) throws IOException {
                        count += n;
                        if (count > maxBytes) {
                            throw new IOException("request body exceeds the server's limit of " + maxBytes
                                    + " bytes");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}

package io.sediment.jdbc.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;

/**
 * An Avatica HTTP transport (chosen with the client URL option
 * {@code httpclient_impl=io.sediment.jdbc.reliability.AbortingTransport}) that can cut the TCP
 * connection in the middle of a response: after {@link #cutNextResponseAfter(long)}, the next
 * request sent from the calling thread reads that many bytes of the answer, closes the
 * connection and fails — what a client sees when its network or process dies mid-transfer, while
 * the server is still writing. Other requests go through normally. Thread-safe.
 */
public final class AbortingTransport implements AvaticaHttpClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    private static final ThreadLocal<Long> CUT_AFTER = new ThreadLocal<>();

    private final URI uri;

    /** Called by Avatica's client with the server URL. */
    public AbortingTransport(URL url) {
        try {
            this.uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Makes the next request of this thread fail after reading {@code bytes} of its response. */
    static void cutNextResponseAfter(long bytes) {
        CUT_AFTER.set(bytes);
    }

    @Override
    public byte[] send(byte[] request) {
        Long cut = CUT_AFTER.get();
        CUT_AFTER.remove();
        HttpRequest req = HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMillis(TestServer.RESPONSE_TIMEOUT_MILLIS))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request))
            .build();
        try {
            if (cut == null) {
                HttpResponse<byte[]> r = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200 && r.statusCode() != 500) {
                    throw new IllegalStateException("HTTP " + r.statusCode());
                }
                return r.body();
            }
            HttpResponse<InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                in.readNBytes((int) Math.min(cut, Integer.MAX_VALUE));
            } // closing the stream before its end drops the connection
            throw new UncheckedIOException(new IOException("connection cut by the test after " + cut + " bytes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

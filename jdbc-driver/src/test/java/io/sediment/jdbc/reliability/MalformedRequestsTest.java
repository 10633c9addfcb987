package io.sediment.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile clients below JDBC: HTTP requests straight to the server whose bodies are valid Avatica
 * protobuf requests (open connection, create statement, prepare, prepare-and-execute, fetch,
 * close) with bytes flipped, cut short, extended, duplicated or with absurd lengths spliced in,
 * or random bytes, empty bodies, JSON and text; plus other HTTP methods and content types.
 *
 * <p>Shows, and fails if it stops being true: every request gets an HTTP answer within
 * {@link #ANSWER_MILLIS} (or, at worst, a closed connection — counted and printed, not failed);
 * afterwards {@code REFDATA} reads back exactly as written, a JDBC client connects and works,
 * and the JVM (which hosts the server) is within {@link #THREAD_SLACK} threads of its baseline.
 * CI sends {@code raw.requests} = 1,500 requests.
 */
class MalformedRequestsTest {
    static final long ANSWER_MILLIS = 60_000;
    static final int THREAD_SLACK = 10;

    @TempDir
    Path dir;

    @Test
    void malformedProtocolRequestsGetAnAnswerAndChangeNothing() throws Exception {
        int requests = Integer.getInteger("raw.requests", 1_500);
        long seed = Long.getLong("raw.seed", System.nanoTime());
        Random rnd = new Random(seed);
        try (TestServer server = TestServer.start(dir)) {
            long expected = ReferenceTable.expectedChecksum();
            try (Connection c = server.connect()) {
                ReferenceTable.create(c);
            }
            int baselineThreads = TestServer.liveThreads();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
            URI uri = URI.create(server.httpUrl());
            List<byte[]> valid = validRequests();
            send(http, uri, "POST", valid.get(0), "application/octet-stream"); // opens connection raw-1

            Map<String, Integer> outcomes = new TreeMap<>();
            List<String> hangs = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                byte[] body = mutate(valid.get(rnd.nextInt(valid.size())), rnd);
                String method = rnd.nextInt(40) == 0 ? List.of("GET", "PUT", "DELETE").get(rnd.nextInt(3)) : "POST";
                String type = rnd.nextInt(20) == 0 ? "text/plain" : "application/octet-stream";
                String outcome;
                try {
                    outcome = "HTTP " + send(http, uri, method, body, type);
                } catch (HttpTimeoutException e) {
                    outcome = "no answer";
                    hangs.add(method + " of " + body.length + " bytes (seed " + seed + ", request " + i + ")");
                } catch (IOException e) {
                    outcome = "connection closed: " + e.getClass().getSimpleName();
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
            System.out.println("malformed requests: " + requests + " sent (seed " + seed + "): " + outcomes);
            assertEquals(List.of(), hangs, "requests without an answer");

            try (Connection c = server.connect()) {
                assertEquals(expected, ReferenceTable.checksum(c), "REFDATA after the malformed requests");
            }
            int threads = TestServer.awaitThreadsAtMost(baselineThreads + THREAD_SLACK, 90_000);
            assertTrue(threads <= baselineThreads + THREAD_SLACK,
                "live threads " + threads + " vs baseline " + baselineThreads);
        }
    }

    private static int send(HttpClient http, URI uri, String method, byte[] body, String type)
            throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(ANSWER_MILLIS))
            .header("Content-Type", type)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Serialized valid requests on connection {@code raw-1}; the first opens it. */
    private static List<byte[]> validRequests() throws IOException {
        ProtobufTranslation t = new ProtobufTranslationImpl();
        List<byte[]> out = new ArrayList<>();
        out.add(t.serializeRequest(new Service.OpenConnectionRequest("raw-1", Map.of())));
        out.add(t.serializeRequest(new Service.OpenConnectionRequest("raw-2",
            Map.of("model", "inline:{}", "fun", "all"))));
        out.add(t.serializeRequest(new Service.CreateStatementRequest("raw-1")));
        out.add(t.serializeRequest(new Service.PrepareAndExecuteRequest("raw-1", 1,
            "SELECT * FROM REFDATA WHERE K < 10", 100)));
        out.add(t.serializeRequest(new Service.PrepareRequest("raw-1", "SELECT K FROM REFDATA WHERE K = ?", -1)));
        out.add(t.serializeRequest(new Service.FetchRequest("raw-1", 1, 0, 100)));
        out.add(t.serializeRequest(new Service.CloseStatementRequest("raw-1", 1)));
        out.add(t.serializeRequest(new Service.CloseConnectionRequest("raw-2")));
        out.add("{\"request\":\"prepareAndExecute\",\"connectionId\":\"raw-1\",\"sql\":\"SELECT 1\"}"
            .getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** Flips, cuts, extends, duplicates or replaces the body, or splices in an absurd varint. */
    static byte[] mutate(byte[] body, Random rnd) {
        byte[] b = body.clone();
        switch (rnd.nextInt(8)) {
            case 0 -> {
                for (int n = 1 + rnd.nextInt(10); n > 0 && b.length > 0; n--) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            case 1 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : rnd.nextInt(b.length));
            case 2 -> {
                byte[] tail = new byte[1 + rnd.nextInt(512)];
                rnd.nextBytes(tail);
                b = concat(b, tail);
            }
            case 3 -> b = concat(b, b);
            case 4 -> {
                b = new byte[rnd.nextInt(rnd.nextInt(10) == 0 ? 100_000 : 2_048)];
                rnd.nextBytes(b);
            }
            case 5 -> b = new byte[0];
            case 6 -> {
                int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
                byte[] varint = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                    (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
                b = concat(concat(Arrays.copyOf(b, at), varint), Arrays.copyOfRange(b, at, b.length));
            }
            default -> {
                // a valid request, untouched: the server must keep serving good requests among the bad
            }
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package io.sediment.jdbc.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The client side of {@link LoadTest}, run in its own JVM so that the server's heap and threads
 * are measured without the clients': {@code clients} {@link LoadClient}s, one thread and one
 * connection each; all connect and prepare first, then run together for {@code seconds} (a
 * client that gets no operation done in that time is an error). Prints, for the test to read:
 * {@code OP <latency summary>} per operation and {@code OP all ...}, {@code TOTAL ops=N seconds=S
 * errors=E}, {@code MODEL <client> <rows> <sum of versions>} per client, {@code ERROR <text>} per
 * error (up to 20 a client), and exits 0 when there was no error. Arguments: JDBC URL, clients,
 * seconds, seed.
 */
public final class LoadClients {
    private LoadClients() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        List<LoadClient> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        for (int i = 0; i < clients; i++) {
            LoadClient client = new LoadClient(i, clients, seed + i);
            all.add(client);
            Thread t = new Thread(() -> {
                boolean open = client.open(url);
                connected.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (open) {
                    client.run(deadline[0]);
                    client.finish();
                }
            }, "load-client-" + i);
            threads.add(t);
            t.start();
        }
        connected.await();
        long start = System.nanoTime();
        deadline[0] = start + seconds * 1_000_000_000L;
        System.out.println("STARTED " + clients);
        System.out.flush();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Latencies merged = new Latencies();
        int errors = 0;
        for (LoadClient c : all) {
            merged.addAll(c.latencies);
            for (String e : c.errors) {
                System.out.println("ERROR " + e);
            }
            errors += c.errors.size();
            if (c.operations() == 0) {
                System.out.println("ERROR client " + c.id() + ": no operation in the whole run");
                errors++;
            }
            System.out.println("MODEL " + c.id() + " " + c.rows() + " " + c.versionSum());
        }
        for (String op : merged.operations()) {
            System.out.println("OP " + Latencies.summary(op, merged.sorted(op)));
        }
        long[] everything = merged.sorted(null);
        System.out.println("OP " + Latencies.summary("all", everything));
        System.out.printf("TOTAL ops=%d seconds=%.1f errors=%d%n", everything.length, elapsed, errors);
        System.out.flush();
        System.exit(errors == 0 ? 0 : 1);
    }
}

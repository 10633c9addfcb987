package io.sediment.jdbc.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A client meant to be killed: opens {@code connections} remote connections, on each starts
 * {@code results} multi-range queries over the big tables (each holds an engine snapshot on the
 * server), reads a few frames of each, prints {@code READY <result sets>} and then waits, never
 * closing anything, until it is killed. Arguments: JDBC URL, connections, results per connection.
 */
public final class AbandoningClient {
    private AbandoningClient() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int connections = Integer.parseInt(args[1]);
        int results = Integer.parseInt(args[2]);
        List<Object> held = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Connection c = DriverManager.getConnection(url);
            held.add(c);
            for (int r = 0; r < results; r++) {
                Statement s = c.createStatement();
                s.setFetchSize(25);
                ResultSet rs = s.executeQuery(ClientDisconnectTest.multiRangeQuery(i + r));
                for (int n = 0; n < 60 && rs.next(); n++) {
                    rs.getString(2);
                }
                held.add(rs);
            }
        }
        System.out.println("READY " + connections * results);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        System.out.println(held.size()); // keeps everything reachable until killed
    }
}

package io.sediment.jdbc.sample;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The example data set: a small shop with {@code CUSTOMERS}, {@code PRODUCTS}, {@code ORDERS} and
 * {@code ORDER_LINES} (composite key {@code ORDER_ID, LINE_NO}), made by a seeded generator so
 * that every run yields the same rows — the SQL examples' expected outputs depend on that.
 *
 * <p>{@code bin/sediment sql} loads it into a new embedded database; the scripts
 * {@code sql-examples/scripts/01-create-tables.sql} and {@code 02-load-sample-data.sql} are this
 * class's {@link #createTablesScript()} and {@link #loadDataScript()} written out (a test keeps
 * them identical). Stateless; thread-safe.
 */
public final class SampleData {
    /** Rows per generated INSERT statement. */
    static final int ROWS_PER_INSERT = 250;
    static final int CUSTOMERS = 200;
    static final int PRODUCTS = 50;
    static final int ORDERS = 1_000;
    private static final long SEED = 20_240_101L;

    private static final String[] FIRST = {"Ada", "Alan", "Barbara", "Charles", "Donald", "Edsger",
        "Frances", "Grace", "Hedy", "Ivan", "Jean", "Ken", "Leslie", "Margaret", "Niklaus",
        "Ole-Johan", "Peter", "Radia", "Shafi", "Tim", "Ursula", "Vint", "Whitfield", "Yukihiro"};
    private static final String[] LAST = {"Lovelace", "Turing", "Liskov", "Babbage", "Knuth",
        "Dijkstra", "Allen", "Hopper", "Lamarr", "Sutherland", "Sammet", "Thompson", "Lamport",
        "Hamilton", "Wirth", "Dahl", "Naur", "Perlman", "Goldwasser", "Berners-Lee", "Franklin",
        "Cerf", "Diffie", "Matsumoto"};
    private static final String[][] CITIES = {{"Lisbon", "PT"}, {"Porto", "PT"}, {"Berlin", "DE"},
        {"Hamburg", "DE"}, {"Lyon", "FR"}, {"Paris", "FR"}, {"Oslo", "NO"}, {"Bergen", "NO"},
        {"Osaka", "JP"}, {"Kyoto", "JP"}, {"Austin", "US"}, {"Boston", "US"}};
    private static final String[] TIERS = {"BRONZE", "BRONZE", "BRONZE", "SILVER", "SILVER", "GOLD"};
    private static final String[] CATEGORIES = {"Books", "Garden", "Kitchen", "Music", "Outdoor"};
    private static final String[] ADJECTIVES = {"Compact", "Classic", "Deluxe", "Everyday",
        "Folding", "Heavy", "Light", "Quiet", "Rustic", "Smart"};
    private static final String[][] NOUNS = {
        {"Atlas", "Cookbook", "Novel", "Notebook", "Almanac"},
        {"Trowel", "Hose", "Planter", "Rake", "Lantern"},
        {"Kettle", "Skillet", "Whisk", "Teapot", "Knife"},
        {"Ukulele", "Metronome", "Harmonica", "Drum", "Songbook"},
        {"Tent", "Backpack", "Compass", "Hammock", "Stove"}};
    private static final String[] STATUSES = {"DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED",
        "SHIPPED", "SHIPPED", "PAID", "CANCELLED"};

    private SampleData() {}

    /** The CREATE TABLE statements, in order. */
    public static List<String> createTables() {
        return List.of(
            "CREATE TABLE CUSTOMERS (\n"
                + "  CUSTOMER_ID INTEGER NOT NULL,\n"
                + "  NAME VARCHAR(40) NOT NULL,\n"
                + "  CITY VARCHAR(20),\n"
                + "  COUNTRY CHAR(2),\n"
                + "  TIER VARCHAR(6),\n"
                + "  SIGNED_UP DATE,\n"
                + "  PRIMARY KEY (CUSTOMER_ID))",
            "CREATE TABLE PRODUCTS (\n"
                + "  PRODUCT_ID INTEGER NOT NULL,\n"
                + "  NAME VARCHAR(40) NOT NULL,\n"
                + "  CATEGORY VARCHAR(10),\n"
                + "  PRICE DECIMAL(8, 2),\n"
                + "  PRIMARY KEY (PRODUCT_ID))",
            "CREATE TABLE ORDERS (\n"
                + "  ORDER_ID BIGINT NOT NULL,\n"
                + "  CUSTOMER_ID INTEGER NOT NULL,\n"
                + "  ORDERED_ON DATE NOT NULL,\n"
                + "  STATUS VARCHAR(10),\n"
                + "  PRIMARY KEY (ORDER_ID))",
            "CREATE TABLE ORDER_LINES (\n"
                + "  ORDER_ID BIGINT NOT NULL,\n"
                + "  LINE_NO INTEGER NOT NULL,\n"
                + "  PRODUCT_ID INTEGER NOT NULL,\n"
                + "  QUANTITY INTEGER NOT NULL,\n"
                + "  UNIT_PRICE DECIMAL(8, 2) NOT NULL,\n"
                + "  PRIMARY KEY (ORDER_ID, LINE_NO))");
    }

    /** The INSERT statements that load the data, {@value #ROWS_PER_INSERT} rows at most each. */
    public static List<String> inserts() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> statements = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int id = 1; id <= CUSTOMERS; id++) {
            String[] city = pick(random, CITIES);
            rows.add(id + ", " + quote(pick(random, FIRST) + " " + pick(random, LAST)) + ", "
                + quote(city[0]) + ", " + quote(city[1]) + ", " + quote(pick(random, TIERS))
                + ", DATE '" + LocalDate.of(2021, 1, 1).plusDays(random.nextInt(1_000)) + "'");
        }
        batch(statements, "CUSTOMERS", rows);
        BigDecimal[] prices = new BigDecimal[PRODUCTS + 1];
        for (int id = 1; id <= PRODUCTS; id++) {
            int category = random.nextInt(CATEGORIES.length);
            prices[id] = BigDecimal.valueOf(199 + random.nextInt(19_800), 2);
            rows.add(id + ", " + quote(pick(random, ADJECTIVES) + " "
                + pick(random, NOUNS[category])) + ", " + quote(CATEGORIES[category]) + ", "
                + prices[id]);
        }
        batch(statements, "PRODUCTS", rows);
        List<String> lines = new ArrayList<>();
        LocalDate start = LocalDate.of(2024, 1, 1);
        for (int id = 1; id <= ORDERS; id++) {
            long orderId = 100_000L + id;
            rows.add(orderId + ", " + (1 + random.nextInt(CUSTOMERS)) + ", DATE '"
                + start.plusDays((id - 1) * 366L / ORDERS) + "', "
                + quote(pick(random, STATUSES)));
            int lineCount = 1 + random.nextInt(4);
            for (int line = 1; line <= lineCount; line++) {
                int product = 1 + random.nextInt(PRODUCTS);
                lines.add(orderId + ", " + line + ", " + product + ", " + (1 + random.nextInt(5))
                    + ", " + prices[product]);
            }
        }
        batch(statements, "ORDERS", rows);
        batch(statements, "ORDER_LINES", lines);
        return statements;
    }

    /** {@code sql-examples/scripts/01-create-tables.sql}. */
    public static String createTablesScript() {
        StringBuilder sb = new StringBuilder();
        sb.append("-- 01: the example shop's tables. Every Sediment table has a PRIMARY KEY: a row is\n")
            .append("-- stored under its key, so the key decides the order rows are kept and scanned in.\n")
            .append("-- ORDER_LINES has a composite key (ORDER_ID, LINE_NO): one order's lines sit together.\n")
            .append("-- (Written by io.sediment.jdbc.sample.SampleData; `bin/sediment sql` runs the same.)\n");
        for (String s : createTables()) {
            sb.append('\n').append(s).append(";\n");
        }
        return sb.toString();
    }

    /** {@code sql-examples/scripts/02-load-sample-data.sql}. */
    public static String loadDataScript() {
        StringBuilder sb = new StringBuilder();
        sb.append("-- 02: the sample data, generated by io.sediment.jdbc.sample.SampleData with a fixed seed:\n")
            .append("-- ").append(CUSTOMERS).append(" customers, ").append(PRODUCTS)
            .append(" products, ").append(ORDERS).append(" orders with 1-4 lines each.\n")
            .append("-- Written rows go to the write-ahead log and the memtable; nothing is on level 0 yet.\n")
            .append("-- sqlline is silenced while the INSERTs run, so that the output stays short.\n")
            .append("\n!set silent true\n");
        for (String s : inserts()) {
            sb.append('\n').append(s).append(";\n");
        }
        sb.append("\n!set silent false\n\n")
            .append("SELECT 'CUSTOMERS' AS TABLE_NAME, COUNT(*) AS N FROM CUSTOMERS\n")
            .append("UNION ALL SELECT 'PRODUCTS', COUNT(*) FROM PRODUCTS\n")
            .append("UNION ALL SELECT 'ORDERS', COUNT(*) FROM ORDERS\n")
            .append("UNION ALL SELECT 'ORDER_LINES', COUNT(*) FROM ORDER_LINES;\n");
        return sb.toString();
    }

    /** Creates the tables and loads the data through {@code c}. */
    public static void load(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : createTables()) {
                s.execute(sql);
            }
            for (String sql : inserts()) {
                s.executeUpdate(sql);
            }
        }
    }

    private static void batch(List<String> statements, String table, List<String> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<String> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            statements.add("INSERT INTO " + table + " VALUES\n  (" + String.join("),\n  (", chunk)
                + ")");
        }
        rows.clear();
    }

    private static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}

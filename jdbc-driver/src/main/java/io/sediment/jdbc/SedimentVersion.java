package io.sediment.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Sediment's product name and version as reported to JDBC clients and on the command line.
 * The version comes from a resource that Maven fills in at build time, so it always matches the
 * artifact. Immutable; safe to use from any thread.
 */
public final class SedimentVersion {
    /** The product name {@code DatabaseMetaData} reports. */
    public static final String PRODUCT_NAME = "Sediment";
    /** The driver name {@code DatabaseMetaData} reports. */
    public static final String DRIVER_NAME = "Sediment JDBC Driver";

    private static final String VERSION = load();

    private SedimentVersion() {}

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    /** The major version number. */
    public static int major() {
        return part(0);
    }

    /** The minor version number. */
    public static int minor() {
        return part(1);
    }

    private static int part(int i) {
        String[] parts = VERSION.split("[.-]");
        try {
            return parts.length > i ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String load() {
        try (InputStream in = SedimentVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "0.0.0";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "0.0.0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

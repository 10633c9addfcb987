package io.sediment.jdbc.server;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Makes a self-signed PKCS12 keystore for 127.0.0.1/localhost with the JDK's keytool. */
public final class TestKeystore {
    private TestKeystore() {}

    /** Creates {@code dir/server.p12} protected by {@code password}. */
    public static Path create(Path dir, String password) throws Exception {
        Path keystore = dir.resolve("server.p12");
        String keytool = System.getProperty("java.home") + File.separator + "bin" + File.separator
                + "keytool";
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "sediment",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        return keystore;
    }
}

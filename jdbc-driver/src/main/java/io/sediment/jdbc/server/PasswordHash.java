package io.sediment.jdbc.server;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash, as stored in the server's users file:
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} with salt and hash in unpadded base64.
 * Only the JDK's own cryptography is used. Verification compares in constant time.
 * Immutable and thread-safe.
 */
public final class PasswordHash {
    /** Scheme tag stored in front of every hash, so that another scheme can be added later. */
    static final String SCHEME = "pbkdf2-sha256";
    /** Iterations used by default (OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh random salt. */
    public static PasswordHash create(char[] password, int iterations) {
        if (iterations < 1_000) {
            throw new IllegalArgumentException("too few PBKDF2 iterations: " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /**
     * Parses the stored form.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code encoded}
     */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + "$ITERATIONS$SALT$HASH password hash");
        }
        try {
            Base64.Decoder d = Base64.getDecoder();
            return new PasswordHash(Integer.parseInt(parts[1]), d.decode(parts[2]), d.decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + SCHEME + " password hash: "
                    + e.getMessage(), e);
        }
    }

    /** Whether {@code password} is the one this hash was made from. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /** The stored form, {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}. */
    public String encode() {
        Base64.Encoder e = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + e.encodeToString(salt) + "$" + e.encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            KeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return SCHEME + "$" + iterations + "$…";
    }
}

package io.sediment.jdbc.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.util.security.Credential;

/**
 * Jetty login service over a {@link UsersFile}: HTTP BASIC credentials are checked against the
 * stored PBKDF2 hashes, and every known user gets role {@value #ROLE}.
 *
 * <p>PBKDF2 is slow on purpose, and BASIC sends the password with every request, so a
 * successful check is remembered as an HMAC of the password under a key drawn at random when
 * the server starts (never written anywhere). A later request with the same password then costs
 * one HMAC; a wrong password always costs a full PBKDF2 check. Thread-safe.
 */
final class UsersLoginService extends AbstractLoginService {
    /** The role every authenticated user has; the server requires it on every path. */
    static final String ROLE = "sediment-user";

    private final UsersFile users;
    private final byte[] cacheKey = new byte[32];
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    UsersLoginService(UsersFile users) {
        this.users = users;
        new SecureRandom().nextBytes(cacheKey);
        setName("Sediment");
    }

    @Override
    protected String[] loadRoleInfo(UserPrincipal user) {
        return new String[] {ROLE};
    }

    @Override
    protected UserPrincipal loadUserInfo(String username) {
        PasswordHash hash = users.get(username);
        return hash == null ? null : new UserPrincipal(username, new HashCredential(username, hash));
    }

    private byte[] mac(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored hash as Jetty's credential type. */
    private final class HashCredential extends Credential {
        private final String user;
        private final transient PasswordHash hash;

        HashCredential(String user, PasswordHash hash) {
            this.user = user;
            this.hash = hash;
        }

        @Override
        public boolean check(Object credentials) {
            String password;
            if (credentials instanceof char[]) {
                password = new String((char[]) credentials);
            } else if (credentials instanceof String) {
                password = (String) credentials;
            } else {
                return false;
            }
            byte[] tag = mac(user, password);
            byte[] known = verified.get(user);
            if (known != null && MessageDigest.isEqual(known, tag)) {
                return true;
            }
            if (hash.matches(password.toCharArray())) {
                verified.put(user, tag);
                return true;
            }
            return false;
        }
    }
}

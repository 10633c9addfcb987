package io.sediment.engine.version;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sediment.engine.error.CorruptionException;
import io.sediment.engine.key.InternalKey;
import io.sediment.engine.wal.LogWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Hostile manifests: random bytes as a version edit, random edits framed with valid checksums,
 * and flipped bytes in a real manifest must yield either the right state or a
 * {@link CorruptionException} — never another exception, a hang or an out-of-memory.
 */
class ManifestFuzzTest {
    @Property(tries = 2000)
    void randomBytesDecodeOrReportCorruption(@ForAll @Size(max = 200) byte[] data) {
        try {
            VersionEdit.decode(data, "fuzz");
        } catch (CorruptionException expected) {
            // the only acceptable failure
        }
    }

    @Property(tries = 200)
    void randomEditsBehindValidChecksumsOpenOrReportCorruption(@ForAll @Size(max = 120) byte[] payload)
            throws Exception {
        Path dir = Files.createTempDirectory("manifest-fuzz");
        try {
            try (LogWriter w = LogWriter.create(dir.resolve("MANIFEST-000001"))) {
                w.append(payload);
                w.sync();
            }
            VersionSet.setCurrent(dir, "MANIFEST-000001");
            try (VersionSet vs = VersionSet.recover(dir, 7)) {
                vs.current();
            } catch (CorruptionException expected) {
                // fine
            }
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Property(tries = 300)
    void encodeDecodeRoundTrip(@ForAll long number, @ForAll @Size(min = 0, max = 40) byte[] userKey) {
        long n = Math.abs(number % 1_000_000);
        FileMetaData f = new FileMetaData(n, 4096, 10, InternalKey.encode(userKey, 5, InternalKey.KIND_PUT),
                InternalKey.encode(userKey, 1, InternalKey.KIND_DELETE), 1, 5);
        VersionEdit e = new VersionEdit().logNumber(n).lastSequence(9).addFile(3, f).deleteFile(2, n + 1);
        VersionEdit d = VersionEdit.decode(e.encode(), "test");
        assertEquals(n, d.logNumber());
        assertEquals(1, d.newFiles().size());
        assertArrayEquals(f.smallest(), d.newFiles().get(0).file().smallest());
        assertEquals(3, d.newFiles().get(0).level());
        assertEquals(n + 1, d.deletedFiles().get(0).number());
    }

    @Property(tries = 50)
    void flippedByteInARealManifestOpensRightOrReportsCorruption(@ForAll("seeds") long seed) throws Exception {
        Path dir = Files.createTempDirectory("manifest-flip");
        try {
            try (VersionSet vs = VersionSet.recover(dir, 7)) {
                for (int i = 0; i < 5; i++) {
                    byte[] k = ("key" + i).getBytes();
                    vs.logAndApply(new VersionEdit().addFile(1 + i % 3, new FileMetaData(100 + i, 10, 1,
                            InternalKey.encode(k, 1, 1), InternalKey.encode(k, 1, 1), 1, 1)));
                }
            }
            Path manifest;
            try (var files = Files.list(dir)) {
                manifest = files.filter(p -> p.getFileName().toString().startsWith("MANIFEST-")).findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(manifest);
            Random rnd = new Random(seed);
            bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 << rnd.nextInt(8));
            Files.write(manifest, bytes);
            try (VersionSet vs = VersionSet.recover(dir, 7)) {
                // a flip inside a torn-looking tail drops edits; what remains must be a prefix
                int files = vs.current().totalFiles();
                assertEquals(true, files <= 5);
            } catch (CorruptionException expected) {
                // fine
            }
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }
}

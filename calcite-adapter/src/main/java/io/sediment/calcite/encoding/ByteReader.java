package io.sediment.calcite.encoding;

/**
 * Reads a byte array front to back for the key and row decoders. Reading past the end throws
 * {@link IllegalStateException} (a corrupt or foreign entry), never returns garbage.
 */
public final class ByteReader {
    private final byte[] buf;
    private int pos;

    public ByteReader(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    public int read() {
        check(1);
        return buf[pos++] & 0xFF;
    }

    public int peek() {
        check(1);
        return buf[pos] & 0xFF;
    }

    public long readBigEndian(int bytes) {
        check(bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public byte[] readBytes(int n) {
        check(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        check(n);
        pos += n;
    }

    public long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = read();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException("malformed varint");
    }

    public int position() {
        return pos;
    }

    public boolean atEnd() {
        return pos >= buf.length;
    }

    private void check(int n) {
        if (n < 0 || pos + n > buf.length) {
            throw new IllegalStateException("truncated entry: need " + n + " bytes at " + pos + " of " + buf.length);
        }
    }
}

package io.sediment.calcite.rel;

import io.sediment.calcite.catalog.ColumnType;
import io.sediment.calcite.catalog.TableDef;
import io.sediment.calcite.encoding.ByteWriter;
import io.sediment.calcite.encoding.KeyCodec;
import io.sediment.calcite.encoding.TableKeys;
import io.sediment.calcite.encoding.Values;
import org.apache.calcite.DataContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Evaluates a {@link KeyRangeSpec} for one execution: resolves parameters, converts every bound
 * to the key column's type (rounding bounds that fall between representable values, dropping
 * points that cannot match), encodes it, intersects the conjuncts on each column, expands point
 * prefixes and returns sorted, disjoint engine key ranges inside the table's id.
 *
 * <p>A parameter of the wrong kind (text for a number) throws {@link IllegalArgumentException}.
 */
public final class KeyRanges {
    private KeyRanges() {
    }

    /** An interval of encoded column values; null bound = unbounded. */
    private record Enc(byte[] lo, boolean loIn, byte[] hi, boolean hiIn) {
        boolean isPoint() {
            return lo != null && hi != null && loIn && hiIn && Arrays.equals(lo, hi);
        }
    }

    public static List<KeyRange> compute(KeyRangeSpec spec, TableDef table, DataContext root) {
        byte[] tablePrefix = TableKeys.tablePrefix(table.id());
        List<KeyRange> out = new ArrayList<>();
        int[] pk = table.primaryKey();
        for (KeyRangeSpec.Branch b : spec.branches()) {
            List<byte[]> prefixes = new ArrayList<>();
            prefixes.add(tablePrefix);
            boolean done = false;
            for (int c = 0; c < b.depth() && !done; c++) {
                ColumnType type = table.columns().get(pk[c]).type();
                List<Enc> ivs = null;
                for (ColumnPredicate p : b.columns().get(c)) {
                    List<Enc> e = evaluate(p, type, root);
                    ivs = ivs == null ? e : intersect(ivs, e);
                }
                if (ivs == null || ivs.isEmpty()) {
                    prefixes.clear();
                    break;
                }
                if (b.pointColumn(c)) {
                    List<byte[]> next = new ArrayList<>();
                    for (byte[] p : prefixes) {
                        for (Enc iv : ivs) {
                            next.add(concat(p, iv.lo()));
                        }
                    }
                    prefixes = next;
                } else {
                    for (byte[] p : prefixes) {
                        for (Enc iv : ivs) {
                            byte[] start = iv.lo() == null ? p
                                    : iv.loIn() ? concat(p, iv.lo()) : KeyCodec.prefixEnd(concat(p, iv.lo()));
                            byte[] end = iv.hi() == null ? KeyCodec.prefixEnd(p)
                                    : iv.hiIn() ? KeyCodec.prefixEnd(concat(p, iv.hi())) : concat(p, iv.hi());
                            out.add(new KeyRange(start, end, null));
                        }
                    }
                    prefixes.clear();
                    done = true;
                }
            }
            for (byte[] p : prefixes) {
                out.add(b.depth() == pk.length ? KeyRange.point(p) : new KeyRange(p, KeyCodec.prefixEnd(p), null));
            }
        }
        return merge(out);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static List<KeyRange> merge(List<KeyRange> in) {
        in.removeIf(r -> r.end() != null && Arrays.compareUnsigned(r.start(), r.end()) >= 0);
        in.sort(Comparator.comparing(KeyRange::start, Arrays::compareUnsigned));
        List<KeyRange> out = new ArrayList<>();
        for (KeyRange r : in) {
            if (!out.isEmpty()) {
                KeyRange last = out.get(out.size() - 1);
                if (last.end() == null || Arrays.compareUnsigned(r.start(), last.end()) <= 0) {
                    if (last.end() != null && (r.end() == null || Arrays.compareUnsigned(r.end(), last.end()) > 0)) {
                        out.set(out.size() - 1, new KeyRange(last.start(), r.end(), null));
                    } else if (last.isPoint() && !Arrays.equals(last.pointKey(), r.pointKey())) {
                        out.set(out.size() - 1, new KeyRange(last.start(), last.end(), null));
                    }
                    continue;
                }
            }
            out.add(r);
        }
        return out;
    }

    private static List<Enc> evaluate(ColumnPredicate p, ColumnType type, DataContext root) {
        List<Enc> out = new ArrayList<>();
        for (ColumnPredicate.Interval iv : p.intervals()) {
            if (iv.isPoint()) {
                byte[] v = encodeExact(iv.lower().resolve(root), type);
                if (v != null) {
                    out.add(new Enc(v, true, v, true));
                }
                continue;
            }
            Bound lo = iv.lower() == null ? Bound.UNBOUNDED : bound(iv.lower().resolve(root), iv.lowerInclusive(), type, true);
            Bound hi = iv.upper() == null ? Bound.UNBOUNDED : bound(iv.upper().resolve(root), iv.upperInclusive(), type, false);
            if (lo == Bound.EMPTY || hi == Bound.EMPTY) {
                continue;
            }
            out.add(new Enc(lo.bytes, lo.inclusive, hi.bytes, hi.inclusive));
        }
        return normalize(out);
    }

    private record Bound(byte[] bytes, boolean inclusive) {
        static final Bound UNBOUNDED = new Bound(null, false);
        static final Bound EMPTY = new Bound(null, true);
    }

    private static byte[] encode(Object internal, ColumnType type) {
        ByteWriter w = new ByteWriter();
        KeyCodec.encode(w, type, internal);
        return w.toByteArray();
    }

    /** The encoding of {@code v} if it is exactly a value of {@code type}; null if no key can equal it. */
    private static byte[] encodeExact(Object v, ColumnType type) {
        if (v == null) {
            return null;
        }
        try {
            return encode(Values.coerce(v, type), type);
        } catch (IllegalArgumentException e) {
            if (isNumeric(type) && Values.decimal(asNumber(v)) != null) {
                return null;
            }
            throw e;
        }
    }

    private static Object asNumber(Object v) {
        return v instanceof Number ? v : null;
    }

    private static boolean isNumeric(ColumnType t) {
        return switch (t.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> true;
            default -> false;
        };
    }

    /** A lower ({@code lower}) or upper bound at {@code v}, rounded into {@code type}'s domain. */
    private static Bound bound(Object v, boolean inclusive, ColumnType type, boolean lower) {
        if (v == null) {
            return Bound.EMPTY;
        }
        try {
            return new Bound(encode(Values.coerce(v, type), type), inclusive);
        } catch (IllegalArgumentException e) {
            BigDecimal d = v instanceof Number ? Values.decimal(v) : null;
            if (d == null || !isNumeric(type)) {
                throw e;
            }
            int scale = type.kind() == ColumnType.Kind.DECIMAL && type.scale() > 0 ? type.scale() : 0;
            BigDecimal r = d.setScale(scale, lower ? RoundingMode.CEILING : RoundingMode.FLOOR);
            try {
                return new Bound(encode(Values.coerce(r, type), type), true);
            } catch (IllegalArgumentException overflow) {
                boolean beyondMax = r.signum() > 0;
                return lower == beyondMax ? Bound.EMPTY : Bound.UNBOUNDED;
            }
        }
    }

    private static int compareLo(Enc a, Enc b) {
        if (a.lo() == null || b.lo() == null) {
            return a.lo() == null ? (b.lo() == null ? 0 : -1) : 1;
        }
        int c = Arrays.compareUnsigned(a.lo(), b.lo());
        return c != 0 ? c : Boolean.compare(!a.loIn(), !b.loIn());
    }

    /** Sorts and merges overlapping intervals. */
    private static List<Enc> normalize(List<Enc> in) {
        in.sort(KeyRanges::compareLo);
        List<Enc> out = new ArrayList<>();
        for (Enc e : in) {
            if (!out.isEmpty() && overlaps(out.get(out.size() - 1), e)) {
                Enc last = out.remove(out.size() - 1);
                e = maxHi(last, e);
            }
            out.add(e);
        }
        return out;
    }

    private static boolean overlaps(Enc a, Enc b) {
        if (a.hi() == null || b.lo() == null) {
            return true;
        }
        int c = Arrays.compareUnsigned(b.lo(), a.hi());
        return c < 0 || (c == 0 && (a.hiIn() || b.loIn()));
    }

    private static Enc maxHi(Enc a, Enc b) {
        if (a.hi() == null || b.hi() == null) {
            return new Enc(a.lo(), a.loIn(), null, false);
        }
        int c = Arrays.compareUnsigned(a.hi(), b.hi());
        Enc hiOf = c > 0 || (c == 0 && a.hiIn()) ? a : b;
        return new Enc(a.lo(), a.loIn(), hiOf.hi(), hiOf.hiIn());
    }

    /** Intersection of two normalized interval lists. */
    private static List<Enc> intersect(List<Enc> xs, List<Enc> ys) {
        List<Enc> out = new ArrayList<>();
        for (Enc x : xs) {
            for (Enc y : ys) {
                Enc lo = compareLo(x, y) >= 0 ? x : y;
                Enc hi = compareHi(x, y) <= 0 ? x : y;
                Enc r = new Enc(lo.lo(), lo.loIn(), hi.hi(), hi.hiIn());
                if (nonEmpty(r)) {
                    out.add(r);
                }
            }
        }
        return normalize(out);
    }

    private static int compareHi(Enc a, Enc b) {
        if (a.hi() == null || b.hi() == null) {
            return a.hi() == null ? (b.hi() == null ? 0 : 1) : -1;
        }
        int c = Arrays.compareUnsigned(a.hi(), b.hi());
        return c != 0 ? c : Boolean.compare(a.hiIn(), b.hiIn());
    }

    private static boolean nonEmpty(Enc e) {
        if (e.lo() == null || e.hi() == null) {
            return true;
        }
        int c = Arrays.compareUnsigned(e.lo(), e.hi());
        return c < 0 || (c == 0 && e.loIn() && e.hiIn());
    }
}

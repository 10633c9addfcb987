package io.sediment.calcite.rel;

import io.sediment.calcite.catalog.ColumnType;
import io.sediment.calcite.catalog.TableDef;

import java.util.ArrayList;
import java.util.List;

/**
 * The key ranges a scan reads, as planned: a union of branches (one per disjunct of a pushed
 * OR, otherwise one). A branch constrains the first {@code depth} key columns: all but the last
 * to single values (points, several for IN), the last to points or to intervals. At execution
 * {@link KeyRanges} evaluates the bounds and turns this into sorted, disjoint engine key ranges.
 * Immutable.
 */
public record KeyRangeSpec(List<Branch> branches) {

    public KeyRangeSpec {
        branches = List.copyOf(branches);
    }

    /**
     * The conjunction of constraints on key columns {@code 0..columns.size()-1}; {@code columns.get(i)}
     * lists the predicates to intersect on key column i.
     */
    public record Branch(List<List<ColumnPredicate>> columns) {
        public Branch {
            columns = columns.stream().map(List::copyOf).toList();
        }

        public int depth() {
            return columns.size();
        }

        /** Whether key column {@code i} is constrained to points (some conjunct on it is points). */
        public boolean pointColumn(int i) {
            return columns.get(i).stream().anyMatch(ColumnPredicate::points);
        }
    }

    /**
     * Whether key column {@code keyColumn} holds one value in every row the scan returns: one
     * branch fixing that column to a single point ({@code =} a literal or a parameter). Rows in
     * key order are then also in the order of the key columns after it.
     */
    public boolean singleValue(int keyColumn) {
        return branches.size() == 1 && keyColumn < branches.get(0).depth()
                && branches.get(0).columns().get(keyColumn).stream()
                        .anyMatch(p -> p.points() && p.intervals().size() == 1);
    }

    /** The ranges as shown by EXPLAIN inside {@code ranges=[...]}, e.g. {@code [5..5], (10..20]}. */
    public String describe(TableDef table) {
        List<String> out = new ArrayList<>();
        for (Branch b : branches) {
            describeBranch(table, b, out);
        }
        return String.join(", ", out);
    }

    private static void describeBranch(TableDef table, Branch b, List<String> out) {
        int[] pk = table.primaryKey();
        List<List<String>> prefixes = new ArrayList<>();
        prefixes.add(List.of());
        for (int c = 0; c < b.depth(); c++) {
            ColumnType type = table.columns().get(pk[c]).type();
            List<ColumnPredicate> preds = b.columns().get(c);
            ColumnPredicate first = b.pointColumn(c)
                    ? preds.stream().filter(ColumnPredicate::points).findFirst().orElseThrow() : preds.get(0);
            String extra = preds.size() > 1 ? " (+" + (preds.size() - 1) + " more)" : "";
            if (b.pointColumn(c)) {
                List<List<String>> next = new ArrayList<>();
                for (List<String> p : prefixes) {
                    for (ColumnPredicate.Interval iv : first.intervals()) {
                        List<String> q = new ArrayList<>(p);
                        q.add(iv.lower().describe(type) + (extra.isEmpty() ? "" : extra));
                        next.add(q);
                    }
                }
                prefixes = next;
                continue;
            }
            for (List<String> p : prefixes) {
                for (ColumnPredicate.Interval iv : first.intervals()) {
                    String lo = iv.lower() == null ? (p.isEmpty() ? "-∞" : tuple(p))
                            : tuple(concat(p, iv.lower().describe(type)));
                    String hi = iv.upper() == null ? (p.isEmpty() ? "+∞" : tuple(p))
                            : tuple(concat(p, iv.upper().describe(type)));
                    boolean loIn = iv.lower() == null ? !p.isEmpty() : iv.lowerInclusive();
                    boolean hiIn = iv.upper() == null ? !p.isEmpty() : iv.upperInclusive();
                    out.add((loIn ? "[" : "(") + lo + ".." + hi + (hiIn ? "]" : ")") + extra);
                }
            }
            return;
        }
        for (List<String> p : prefixes) {
            out.add("[" + tuple(p) + ".." + tuple(p) + "]");
        }
    }

    private static List<String> concat(List<String> p, String s) {
        List<String> q = new ArrayList<>(p);
        q.add(s);
        return q;
    }

    private static String tuple(List<String> p) {
        return p.size() == 1 ? p.get(0) : "(" + String.join(", ", p) + ")";
    }
}

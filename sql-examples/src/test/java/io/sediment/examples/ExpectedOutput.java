package io.sediment.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares sqlline output with an expected file, line by line. In an expected line, {@code {*}}
 * matches any text within that line — the one masking rule, used for what changes from run to
 * run (file numbers, sizes, timestamps, durations); everything else must match exactly, apart
 * from trailing spaces. Stateless.
 */
final class ExpectedOutput {
    static final String WILDCARD = "{*}";

    private ExpectedOutput() {}

    /** A description of the first difference, or {@code null} if {@code actual} matches. */
    static String firstDifference(String expected, String actual) {
        List<String> e = lines(expected);
        List<String> a = lines(actual);
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : null;
            String al = i < a.size() ? a.get(i) : null;
            if (el == null || al == null || !matches(el, al)) {
                return "line " + (i + 1) + ":\n  expected: " + el + "\n  actual:   " + al;
            }
        }
        return null;
    }

    /** {@code actual}, except that old masked lines that still match are kept as they were. */
    static String merge(String oldExpected, String actual) {
        List<String> old = lines(oldExpected);
        List<String> now = lines(actual);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < now.size(); i++) {
            String keep = i < old.size() && old.get(i).contains(WILDCARD)
                && matches(old.get(i), now.get(i)) ? old.get(i) : now.get(i);
            sb.append(keep).append('\n');
        }
        return sb.toString();
    }

    static boolean matches(String expectedLine, String actualLine) {
        if (!expectedLine.contains(WILDCARD)) {
            return expectedLine.equals(actualLine);
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = expectedLine.split(Pattern.quote(WILDCARD), -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.matches(regex.toString(), actualLine);
    }

    /** Lines without trailing spaces, and without trailing empty lines. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String l : text.replace("\r\n", "\n").split("\n", -1)) {
            lines.add(l.stripTrailing());
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}

package io.sediment.bench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sediment.engine.Metrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timeline merges repeated compaction histories, finds stalls, and draws both views. */
class CompactionTimelineTest {
    private static final long T0 = 1_700_000_000_000L;

    private static Metrics metrics(long l0Files, long l0Bytes, long l1Bytes, long stalls, long stallMillis,
                                   List<Metrics.CompactionInfo> recent) {
        List<Metrics.LevelInfo> levels = List.of(new Metrics.LevelInfo(0, (int) l0Files, l0Bytes, 0),
                new Metrics.LevelInfo(1, l1Bytes > 0 ? 3 : 0, l1Bytes, 256L << 20),
                new Metrics.LevelInfo(2, 0, 0, 2560L << 20));
        return new Metrics(levels, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, stalls, stallMillis,
                0, 0, 0, 0, 0, 0, 0, 0, "LEVELED", recent, List.of(), Map.of());
    }

    @Test
    void mergesHistoriesFindsStallsAndRenders() {
        Metrics.CompactionInfo flush = new Metrics.CompactionInfo(T0 + 100, T0 + 400, -1, 0, 0, 1, 0, 60L << 20, 0,
                "memtable full", "LEVELED");
        Metrics.CompactionInfo l0l1 = new Metrics.CompactionInfo(T0 + 500, T0 + 2500, 0, 1, 4, 3, 240L << 20,
                230L << 20, 1000, "L0 files 4 >= trigger 4", "LEVELED");
        CompactionTimeline t = new CompactionTimeline();
        t.add(T0, metrics(0, 0, 0, 0, 0, List.of()));
        t.mark(T0 + 50, "fillrandom starts");
        t.add(T0 + 450, metrics(1, 60L << 20, 0, 0, 0, List.of(flush)));
        t.add(T0 + 1500, metrics(4, 240L << 20, 0, 2, 30, List.of(flush)));
        t.add(T0 + 3000, metrics(0, 0, 230L << 20, 2, 30, List.of(flush, l0l1)));

        assertEquals(List.of(flush, l0l1), t.compactions(), "de-duplicated, in start order");
        assertEquals(List.of(new CompactionTimeline.Stall(T0 + 450, T0 + 1500, 2, 30)), t.stalls());
        assertEquals(List.of("flush→L0", "L0→L1"), CompactionTimeline.lanes(t.compactions()));
        assertEquals(T0, t.startMillis());
        assertEquals(T0 + 3000, t.endMillis());

        String svg = TimelineSvg.render(t, "test <run>");
        assertTrue(svg.startsWith("<?xml") && svg.trim().endsWith("</svg>"));
        assertTrue(svg.contains("test &lt;run&gt;"), "title escaped");
        assertTrue(svg.contains("L0→L1: 4→3 files"), "compaction tooltip");
        assertTrue(svg.contains("stall: 2 stalls, 30 ms"), "stall band");
        assertTrue(svg.contains("fillrandom starts"), "marker");
        assertEquals(2, svg.split("<polyline", -1).length - 1 - 2, "bytes+files lines for L0 and L1");

        String text = TimelineText.render(t, "test run");
        assertTrue(text.contains("2 write stalls (30 ms)"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("L0→L1") && l.contains("#")), text);
    }

    @Test
    void emptyTimelineStillRenders() {
        CompactionTimeline t = new CompactionTimeline();
        assertTrue(t.isEmpty());
        assertTrue(TimelineSvg.render(t, "empty").contains("</svg>"));
        assertTrue(TimelineText.render(t, "empty").contains("0 flushes"));
    }
}

package org.nnmip.mip;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Formats progress events like the HiGHS MIP log: a header every 20 lines, then
 * {@code src  nodes  open  incumbent  best bound  gap%  LP iters  time}. Lines go to a consumer (e.g. a logger).
 */
public final class HighsStyleNodeLog implements NodeLogListener {
    static final String HEADER = String.format(Locale.ROOT, "%3s %12s %10s %16s %16s %9s %12s %9s",
            "Src", "Nodes", "Open", "Incumbent", "BestBound", "Gap", "LpIters", "Time");
    private final Consumer<String> out;
    private int linesSinceHeader = -1;

    public HighsStyleNodeLog(Consumer<String> out) {
        if (out == null) throw new IllegalArgumentException("out is null");
        this.out = out;
    }

    @Override
    public synchronized void onProgress(NodeLogEvent e) {
        if (linesSinceHeader < 0 || linesSinceHeader >= 20) {
            out.accept(HEADER);
            linesSinceHeader = 0;
        }
        out.accept(format(e));
        linesSinceHeader++;
    }

    static String format(NodeLogEvent e) {
        char src = (e.source() == 'H' || e.source() == 'B') ? e.source() : ' ';
        String gap = Double.isInfinite(e.gap()) || Double.isNaN(e.gap()) ? "inf"
                : String.format(Locale.ROOT, "%.2f%%", 100 * e.gap());
        return String.format(Locale.ROOT, "%3s %12d %10d %16s %16s %9s %12d %8.1fs", src, e.nodes(), e.open(),
                number(e.incumbent()), number(e.bestBound()), gap, e.lpIterations(), e.timeSeconds());
    }

    private static String number(double v) {
        if (Double.isNaN(v)) return "-";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return String.format(Locale.ROOT, "%.9g", v);
    }
}

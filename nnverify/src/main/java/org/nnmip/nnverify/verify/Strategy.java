package org.nnmip.nnverify.verify;

import java.util.Locale;

/** How each (input box, conjunct) sub-problem is decided. */
public enum Strategy {
    /** One MIP over the whole box. */
    MIP,
    /** Input splitting with symbolic bounds, MIP on boxes with few unstable ReLUs. */
    SPLIT,
    /** SPLIT for low-dimensional inputs, MIP otherwise. */
    AUTO;

    public static Strategy parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("strategy: expected mip, split or auto, got '" + s + "'");
        }
    }
}

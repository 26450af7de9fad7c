package org.nnmip.nnverify.train;

import org.nnmip.nnverify.net.Network;

/** Called after every epoch with the mean training loss (without penalties) and the network at that point. */
@FunctionalInterface
public interface EpochListener {
    void epochEnd(int epoch, double loss, Network snapshot);

    EpochListener NONE = (epoch, loss, snapshot) -> { };
}

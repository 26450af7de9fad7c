package org.nnmip.nnverify.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs one job per neuron on {@code threads} threads, each thread with its own worker state (its own LP or MIP
 * model, so warm starts carry from one neuron to the next on the same thread). Neurons are handed out in order
 * from a shared counter; the call returns when all are done or the deadline passed.
 */
final class NeuronWorkers {
    private NeuronWorkers() { }

    interface Job<W> {
        void run(W worker, int neuron);
    }

    static <W> void run(int[] neurons, int threads, long deadlineNanos, Supplier<W> workerFactory, Job<W> job) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable loop = () -> {
            W worker = null;
            try {
                for (int q = next.getAndIncrement(); q < neurons.length && System.nanoTime() < deadlineNanos && failure.get() == null;
                     q = next.getAndIncrement()) {
                    if (worker == null) worker = workerFactory.get();
                    job.run(worker, neurons[q]);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        };
        int n = Math.min(threads, neurons.length);
        if (n <= 1) {
            loop.run();
        } else {
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < n; t++) started.add(Thread.ofPlatform().name("tighten-" + t).start(loop));
            boolean interrupted = false;
            for (Thread t : started) {
                while (true) {
                    try {
                        t.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        next.set(neurons.length); // the workers stop after their current neuron
                    }
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        if (failure.get() != null) throw failure.get();
    }
}

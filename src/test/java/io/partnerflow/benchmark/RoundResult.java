package io.partnerflow.benchmark;

/**
 * One measured round: instances (or acceptances) per second, per-instance latency, the latency of
 * the async steps from job creation to completion, and the heap still used after it (after a GC).
 */
record RoundResult(double perSecond, double latencyP50Ms, double latencyP99Ms, double asyncP50Ms,
    double asyncP99Ms, double heapAfterGcMb) {}

package io.partnerflow.benchmark;

/**
 * One measured round: instances (or acceptances) per second, per-instance latency, the latency of
 * the async steps from job creation to completion, and the peak heap used while it ran.
 */
record RoundResult(double perSecond, double latencyP50Ms, double latencyP99Ms, double asyncP50Ms,
    double asyncP99Ms, double heapPeakMb) {}

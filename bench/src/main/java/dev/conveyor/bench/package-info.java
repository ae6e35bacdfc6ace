/**
 * Conveyor's benchmarks: orchestration overhead, concurrency under model latency, parked jobs and
 * decision latency. {@link dev.conveyor.bench.BenchMain} runs them all and prints one table.
 */
package dev.conveyor.bench;

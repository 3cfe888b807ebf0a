// peanuts-monitor-bench: the product's program with the benchmarks' probe attached to its window
// (PEANUTS_BENCH_PROBE=FILE; see benchprobe.h). Built beside peanuts-monitor, never installed.
#include "benchprobe.h"
#include "launch.h"

int main(int argc, char *argv[])
{
    return peanuts::runMonitor(argc, argv, peanuts::attachBenchProbe);
}

// Benchmark mode of the window (P3, P4), off unless PEANUTS_BENCH_PROBE names a file: attaches a
// StallProbe to the GUI thread, counts chart redraws and log inserts, and times the cold start
// (window exposed, first log page painted, KPI cards filled) from process start.
//   PEANUTS_BENCH_TAB=expenses       show the charts tab instead of the log
//   PEANUTS_BENCH_QUIT_WHEN_USABLE=1 quit once the window is usable (cold start runs)
#pragma once

namespace peanuts {

class MainWindow;

// Does nothing when PEANUTS_BENCH_PROBE is unset. Call after the window is shown, before exec().
void attachBenchProbe(MainWindow *window);

} // namespace peanuts

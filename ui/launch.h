// The program behind main(), shared by the product's binary and the benchmarks' build of it.
#pragma once

#include <functional>

namespace peanuts {

class MainWindow;

// Called once the window is shown, before the event loop runs (the benchmarks attach their probe here).
using WindowHook = std::function<void(MainWindow *)>;

// Parses the command line and runs the receiver, headless or under the window, until it quits.
// Returns the process's exit code.
int runMonitor(int argc, char *argv[], const WindowHook &onWindowShown = {});

} // namespace peanuts

// peanuts-monitor: everything happens in runMonitor() (ui/launch.cpp).
#include "launch.h"

int main(int argc, char *argv[])
{
    return peanuts::runMonitor(argc, argv);
}

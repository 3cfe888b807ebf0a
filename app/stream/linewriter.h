// Lines to a file descriptor from a thread of their own, so that whoever posts them never waits for
// the reader: a bounded queue, and what does not fit is dropped and counted.
#pragma once

#include <QByteArray>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace peanuts {

class LineWriter
{
public:
    // Writes to fd (not owned, left blocking or not as it is). At most maxQueuedBytes wait; a line
    // that would go beyond is dropped.
    explicit LineWriter(int fd, qsizetype maxQueuedBytes = 4 * 1024 * 1024);
    // Writes what is queued for at most the drain time given to close() (1 s by default); what is still
    // queued then is counted as dropped.
    ~LineWriter();
    LineWriter(const LineWriter &) = delete;
    LineWriter &operator=(const LineWriter &) = delete;

    // Thread-safe, never blocks on the descriptor. line should end with '\n'. False when dropped.
    bool post(QByteArray line);
    // Stops taking lines, writes the queue for at most drainMs, then ends the thread. Safe to call twice.
    void close(int drainMs = 1000);

    // Lines dropped so far: the queue was full, the descriptor failed, or close() ran out of time.
    quint64 dropped() const { return m_dropped.load(); }
    quint64 written() const { return m_written.load(); }
    // Dropped lines not yet taken by a report: the count since the previous call.
    quint64 takeNewDrops();
    // Whether writing failed for good (the reader went away: EPIPE, or another error).
    bool failed() const { return m_failed.load(); }

private:
    void run();
    // Writes all of line, waiting (in steps, so that close() is heard) while the descriptor is full;
    // false when the deadline passed or writing failed.
    bool writeAll(const QByteArray &line);

    int m_fd;
    qsizetype m_maxQueuedBytes;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<QByteArray> m_queue; // under m_mutex
    qsizetype m_queuedBytes = 0; // under m_mutex
    bool m_closing = false; // under m_mutex
    std::atomic<qint64> m_deadlineMs {-1}; // when closing: the steady-clock time to give up at
    std::atomic<quint64> m_dropped {0};
    std::atomic<quint64> m_reported {0};
    std::atomic<quint64> m_written {0};
    std::atomic_bool m_failed {false};
    std::thread m_thread;
};

} // namespace peanuts

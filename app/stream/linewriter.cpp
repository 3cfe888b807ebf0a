// The writer's thread: poll() for room before each piece, so that a full pipe holds up neither the
// posters nor close().
#include "stream/linewriter.h"

#include <cerrno>
#include <chrono>
#include <climits>
#include <poll.h>
#include <unistd.h>

namespace peanuts {

namespace {

qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// How long one poll() waits before the thread looks at the deadline again.
constexpr int kPollStepMs = 100;

} // namespace

LineWriter::LineWriter(int fd, qsizetype maxQueuedBytes)
    : m_fd(fd)
    , m_maxQueuedBytes(maxQueuedBytes)
{
    m_thread = std::thread([this] { run(); });
}

LineWriter::~LineWriter()
{
    close();
}

bool LineWriter::post(QByteArray line)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_closing || m_failed.load() || m_queuedBytes + line.size() > m_maxQueuedBytes) {
            ++m_dropped;
            return false;
        }
        m_queuedBytes += line.size();
        m_queue.push_back(std::move(line));
    }
    m_wake.notify_one();
    return true;
}

void LineWriter::close(int drainMs)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_closing && !m_thread.joinable())
            return;
        if (!m_closing) {
            m_closing = true;
            m_deadlineMs = steadyMs() + drainMs;
        }
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

quint64 LineWriter::takeNewDrops()
{
    const quint64 now = m_dropped.load();
    return now - m_reported.exchange(now);
}

void LineWriter::run()
{
    for (;;) {
        QByteArray line;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_closing || !m_queue.empty(); });
            if (m_queue.empty())
                return; // closing, and all written
            line = std::move(m_queue.front());
            m_queue.pop_front();
            m_queuedBytes -= line.size();
        }
        if (writeAll(line)) {
            ++m_written;
            continue;
        }
        ++m_dropped;
        if (m_failed.load() || (m_deadlineMs.load() >= 0 && steadyMs() >= m_deadlineMs.load())) {
            // Nothing more will be written: the rest of the queue is dropped too.
            std::lock_guard lock(m_mutex);
            m_dropped += m_queue.size();
            m_queue.clear();
            m_queuedBytes = 0;
            if (m_closing)
                return;
        }
    }
}

bool LineWriter::writeAll(const QByteArray &line)
{
    qsizetype done = 0;
    while (done < line.size()) {
        const qint64 deadline = m_deadlineMs.load();
        if (deadline >= 0 && steadyMs() >= deadline)
            return false;
        pollfd p {m_fd, POLLOUT, 0};
        const int ready = ::poll(&p, 1, kPollStepMs);
        if (ready < 0 && errno != EINTR) {
            m_failed = true;
            return false;
        }
        if (ready <= 0)
            continue; // no room yet: look at the deadline again
        if (p.revents & (POLLERR | POLLNVAL)) {
            m_failed = true;
            return false;
        }
        // A pipe with room takes PIPE_BUF bytes at once, so a blocking descriptor does not block here.
        const size_t piece = size_t(qMin<qsizetype>(line.size() - done, PIPE_BUF));
        const ssize_t n = ::write(m_fd, line.constData() + done, piece);
        if (n > 0) {
            done += n;
            continue;
        }
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
            continue;
        m_failed = true; // EPIPE (SIGPIPE is ignored by the caller) or another error
        return false;
    }
    return true;
}

} // namespace peanuts

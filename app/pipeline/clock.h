// The time the pipeline schedules by: the system's, or one a test moves by hand so that no test sleeps.
#pragma once

#include <QDateTime>
#include <QtGlobal>
#include <atomic>

namespace peanuts {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const { return QDateTime::currentMSecsSinceEpoch(); }
    static Clock &system()
    {
        static Clock clock;
        return clock;
    }
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'800'000'000'000)
        : m_now(startMs)
    {
    }
    qint64 nowMs() const override { return m_now.load(); }
    void set(qint64 ms) { m_now.store(ms); }
    void advance(qint64 ms) { m_now.fetch_add(ms); }

private:
    std::atomic<qint64> m_now;
};

} // namespace peanuts

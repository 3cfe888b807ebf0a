// The headless stream: one line on standard output per delivery, compact or the body as JSON, written
// by a LineWriter so that the receive path never waits for the terminal or the pipe.
#pragma once

#include "ingest/delivery.h"
#include "stream/linewriter.h"

#include <QObject>
#include <memory>
#include <optional>

class QTimer;

namespace peanuts {

enum class StreamForm {
    Compact, // time, result, event, helper, entry, amount, status
    Json, // the verified body, one JSON line (as `stripe listen --print-json`)
};

// Whether the stream runs: --no-stream says off, --stream or --print-json on; otherwise a headless run
// streams when its standard output is a terminal and systemd is not running it.
enum class StreamSetting { Auto, On, Off };
bool streamWanted(StreamSetting setting, bool printJson, bool headless, bool stdoutIsTerminal, bool underSystemd);
// Whether systemd runs this process: INVOCATION_ID is set, or JOURNAL_STREAM names the file that
// standard output is (its "device:inode").
bool runningUnderSystemd();
bool stdoutIsTerminal();

// The compact line of a delivery answered with status (stored: its commit succeeded), with '\n'.
// Columns are padded so that lines align; text from the body has its control characters replaced.
QByteArray compactStreamLine(const Delivery &delivery, int status, bool stored);
// The body of a verified, stored delivery as one line with '\n': the bytes as received when they hold
// no line break, else the same JSON compacted (no token re-encoded). nullopt for refused deliveries
// and for those that were not stored: --print-json shows only what the receiver accepted.
std::optional<QByteArray> jsonStreamLine(const Delivery &delivery, bool stored);
// ms as the local time of day, "HH:mm:ss.zzz" (what QDateTime prints, without a zone lookup per call).
QByteArray localTimeOfDay(qint64 ms);
// Cents with two decimals: 1250 -> "12.50", -5 -> "-0.05".
QByteArray centsText(qint64 cents);

class DeliveryStream : public QObject
{
    Q_OBJECT
public:
    // Writes to fd (standard output unless a test says otherwise). Lives on the thread that reports
    // drops (every reportEveryMs, on stderr through the log); deliver() may be called from any thread.
    DeliveryStream(StreamForm form, int fd = 1, qsizetype maxQueuedBytes = 4 * 1024 * 1024, int reportEveryMs = 10'000,
        QObject *parent = nullptr);
    ~DeliveryStream() override;
    Q_DISABLE_COPY_MOVE(DeliveryStream)

    StreamForm form() const { return m_form; }
    // Thread-safe and never blocks: formats the line and queues it, or counts it as dropped.
    void deliver(const Delivery &delivery, int status, bool stored);
    // Writes what is queued (for at most drainMs), stops the writer and reports the drops. Safe twice.
    void finish(int drainMs = 1000);
    const LineWriter &writer() const { return m_writer; }

private:
    void reportDrops();

    StreamForm m_form;
    LineWriter m_writer;
    QTimer *m_report = nullptr;
    bool m_finished = false;
};

} // namespace peanuts

// Stream lines: formatting, the choice of on or off, and the drop reports.
#include "stream/deliverystream.h"

#include "platform/logging.h"
#include "json/jsontext.h"

#include <QDateTime>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>

namespace peanuts {

namespace {

// Column widths: "rejected: signature", "entry.created", a helper command, an entry id.
constexpr int kResultWidth = 19;
constexpr int kEventWidth = 13;
constexpr int kHelperWidth = 10;
constexpr int kEntryWidth = 16;
constexpr int kAmountWidth = 10;

// Text from a body, safe for a terminal: control characters (C0, DEL, C1) become '?', and an empty
// value a dash, so that every column holds something.
QByteArray field(const QString &text)
{
    if (text.isEmpty())
        return QByteArrayLiteral("-");
    QString safe = text;
    for (QChar &c : safe) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029)
            c = u'?';
    }
    return safe.toUtf8();
}

// Pads to width characters (not bytes: UTF-8 text counts each code point once).
void appendPadded(QByteArray &out, const QByteArray &text, int width, bool right = false)
{
    const int length = int(QString::fromUtf8(text).size());
    const QByteArray pad(qMax(0, width - length), ' ');
    if (right)
        out += pad + text;
    else
        out += text + pad;
}

} // namespace

QByteArray localTimeOfDay(qint64 ms)
{
    // The zone's offset is looked up once a minute per thread (offsets change on minute boundaries):
    // a lookup per line cost more than the rest of the line.
    thread_local qint64 cachedMinute = std::numeric_limits<qint64>::min();
    thread_local qint64 offsetMs = 0;
    const qint64 minute = ms >= 0 ? ms / 60'000 : (ms - 59'999) / 60'000;
    if (minute != cachedMinute) {
        cachedMinute = minute;
        offsetMs = qint64(QDateTime::fromMSecsSinceEpoch(minute * 60'000).offsetFromUtc()) * 1000;
    }
    constexpr qint64 kDayMs = 86'400'000;
    const qint64 ofDay = ((ms + offsetMs) % kDayMs + kDayMs) % kDayMs;
    char text[13];
    std::snprintf(text, sizeof text, "%02d:%02d:%02d.%03d", int(ofDay / 3'600'000), int(ofDay / 60'000 % 60),
        int(ofDay / 1000 % 60), int(ofDay % 1000));
    return QByteArray(text, 12);
}

bool streamWanted(StreamSetting setting, bool printJson, bool headless, bool stdoutIsTerminal, bool underSystemd)
{
    if (!headless || setting == StreamSetting::Off)
        return false;
    if (setting == StreamSetting::On || printJson)
        return true;
    return stdoutIsTerminal && !underSystemd;
}

bool runningUnderSystemd()
{
    if (qEnvironmentVariableIsSet("INVOCATION_ID"))
        return true;
    const QByteArray journal = qgetenv("JOURNAL_STREAM");
    if (journal.isEmpty())
        return false;
    struct stat st = {};
    if (::fstat(STDOUT_FILENO, &st) != 0)
        return false;
    return journal == QByteArray::number(quint64(st.st_dev)) + ':' + QByteArray::number(quint64(st.st_ino));
}

bool stdoutIsTerminal()
{
    return ::isatty(STDOUT_FILENO) == 1;
}

QByteArray centsText(qint64 cents)
{
    const quint64 magnitude = cents < 0 ? quint64(0) - quint64(cents) : quint64(cents);
    QByteArray out;
    if (cents < 0)
        out += '-';
    out += QByteArray::number(magnitude / 100);
    out += '.';
    out += char('0' + magnitude % 100 / 10);
    out += char('0' + magnitude % 10);
    return out;
}

QByteArray compactStreamLine(const Delivery &d, int status, bool stored)
{
    QByteArray line;
    line.reserve(128);
    line += localTimeOfDay(d.receivedMs);
    line += "  ";
    appendPadded(line, stored ? QByteArray(outcomeName(d.outcome)) : QByteArrayLiteral("not stored"), kResultWidth);
    line += "  ";
    const ParsedEvent *e = d.event ? &*d.event : nullptr;
    appendPadded(line, field(e ? e->event : QString()), kEventWidth);
    line += "  ";
    appendPadded(
        line, field(e ? (e->helperCommand.isEmpty() ? e->helperName : e->helperCommand) : QString()), kHelperWidth);
    line += "  ";
    appendPadded(line, field(e ? e->entryId : QString()), kEntryWidth);
    line += "  ";
    QByteArray amount = QByteArrayLiteral("-");
    if (e && e->amountCents)
        amount = centsText(*e->amountCents);
    else if (e && e->amountFlagged())
        amount = QByteArrayLiteral("?"); // present, not a number: the log flags it too
    appendPadded(line, amount, kAmountWidth, true);
    line += "  ";
    line += QByteArray::number(status);
    if (d.simulated && stored)
        line += " simulated"; // a custom response: stored all the same
    if (d.firstAttempt > 0)
        line += " retry of #" + QByteArray::number(d.firstAttempt);
    line += '\n';
    return line;
}

std::optional<QByteArray> jsonStreamLine(const Delivery &d, bool stored)
{
    // The receiver parsed the body of every delivery it verified (d.event): it is JSON.
    if (!stored || !d.event || isRejected(d.outcome) || d.redacted)
        return std::nullopt;
    QByteArray line = d.body.contains('\n') || d.body.contains('\r') ? compactJson(d.body) : d.body;
    line += '\n';
    return line;
}

DeliveryStream::DeliveryStream(StreamForm form, int fd, qsizetype maxQueuedBytes, int reportEveryMs, QObject *parent)
    : QObject(parent)
    , m_form(form)
    , m_writer(fd, maxQueuedBytes)
{
    // A reader that goes away (`| head`) must end the stream, not the receiver.
    std::signal(SIGPIPE, SIG_IGN);
    m_report = new QTimer(this);
    m_report->setInterval(reportEveryMs);
    connect(m_report, &QTimer::timeout, this, &DeliveryStream::reportDrops);
    m_report->start();
}

DeliveryStream::~DeliveryStream()
{
    finish();
}

void DeliveryStream::deliver(const Delivery &delivery, int status, bool stored)
{
    if (m_form == StreamForm::Compact) {
        m_writer.post(compactStreamLine(delivery, status, stored));
        return;
    }
    if (std::optional<QByteArray> line = jsonStreamLine(delivery, stored))
        m_writer.post(std::move(*line));
}

void DeliveryStream::reportDrops()
{
    if (const quint64 dropped = m_writer.takeNewDrops())
        qCWarning(lcApp).noquote() << QStringLiteral("%1 lines dropped: standard output is %2")
                                          .arg(dropped)
                                          .arg(m_writer.failed() ? QStringLiteral("closed") : QStringLiteral("slow"));
}

void DeliveryStream::finish(int drainMs)
{
    if (m_finished)
        return;
    m_finished = true;
    m_report->stop();
    m_writer.close(drainMs);
    reportDrops();
    if (const quint64 total = m_writer.dropped())
        qCWarning(lcApp).noquote()
            << QStringLiteral("stream: %1 lines written, %2 dropped in all").arg(m_writer.written()).arg(total);
}

} // namespace peanuts

#include "pipeline/retrypolicy.h"

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>
#include <algorithm>
#include <limits>

namespace peanuts {

namespace {

qint64 delayCap(const RetryPolicy &policy)
{
    return std::max<qint64>(0, std::min(policy.maxDelayMs, kMaxRetryAfterMs));
}

int monthNumber(QByteArrayView name)
{
    static const char *const names[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i) {
        if (name == QByteArrayView(names[i]))
            return i + 1;
    }
    return 0;
}

bool isDayName(QByteArrayView name, bool longForm)
{
    static const char *const shortNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const longNames[]
        = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    for (int i = 0; i < 7; ++i) {
        if (name == QByteArrayView(longForm ? longNames[i] : shortNames[i]))
            return true;
    }
    return false;
}

// A run of exactly `count` ASCII digits at `at`; -1 otherwise.
int digits(QByteArrayView text, qsizetype at, int count)
{
    if (at < 0 || at + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[at + i];
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

// "08:49:37" at `at`.
bool parseClock(QByteArrayView text, qsizetype at, QTime *time)
{
    const int h = digits(text, at, 2);
    const int m = digits(text, at + 3, 2);
    const int s = digits(text, at + 6, 2);
    if (h < 0 || m < 0 || s < 0 || text.size() < at + 8 || text[at + 2] != ':' || text[at + 5] != ':')
        return false;
    if (h > 23 || m > 59 || s > 60)
        return false;
    *time = QTime(h, m, std::min(s, 59)); // a leap second counts as the second before it
    return time->isValid();
}

std::optional<qint64> toMs(int year, int month, int day, const QTime &time)
{
    const QDate date(year, month, day);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch();
}

// RFC 9110 section 5.6.7: the preferred IMF-fixdate, and the two obsolete forms a recipient accepts.
std::optional<qint64> parseHttpDate(QByteArrayView text, qint64 nowMs)
{
    QTime time;
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" (29 characters).
    if (text.size() == 29 && text[3] == ',' && text[4] == ' ' && text[7] == ' ' && text[11] == ' ' && text[16] == ' '
        && text[25] == ' ' && text.sliced(26) == QByteArrayView("GMT") && isDayName(text.first(3), false)) {
        const int day = digits(text, 5, 2);
        const int month = monthNumber(text.sliced(8, 3));
        const int year = digits(text, 12, 4);
        if (day < 0 || month == 0 || year < 0 || !parseClock(text, 17, &time))
            return std::nullopt;
        return toMs(year, month, day, time);
    }
    // asctime: "Sun Nov  6 08:49:37 1994" (24 characters; the day padded with a space).
    if (text.size() == 24 && text[3] == ' ' && text[7] == ' ' && text[10] == ' ' && text[19] == ' '
        && isDayName(text.first(3), false)) {
        const int month = monthNumber(text.sliced(4, 3));
        const int day = text[8] == ' ' ? digits(text, 9, 1) : digits(text, 8, 2);
        const int year = digits(text, 20, 4);
        if (day < 0 || month == 0 || year < 0 || !parseClock(text, 11, &time))
            return std::nullopt;
        return toMs(year, month, day, time);
    }
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT".
    const qsizetype comma = text.indexOf(',');
    if (comma > 0 && isDayName(text.first(comma), true) && text.size() == comma + 24) {
        const QByteArrayView rest = text.sliced(comma + 1);
        if (rest[0] != ' ' || rest[3] != '-' || rest[7] != '-' || rest[10] != ' ' || rest[19] != ' '
            || rest.sliced(20) != QByteArrayView("GMT"))
            return std::nullopt;
        const int day = digits(rest, 1, 2);
        const int month = monthNumber(rest.sliced(4, 3));
        const int yy = digits(rest, 8, 2);
        if (day < 0 || month == 0 || yy < 0 || !parseClock(rest, 11, &time))
            return std::nullopt;
        // A two-digit year more than 50 years ahead is in the past century (RFC 9110).
        const int nowYear = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()).date().year();
        int year = nowYear / 100 * 100 + yy;
        if (year > nowYear + 50)
            year -= 100;
        return toMs(year, month, day, time);
    }
    return std::nullopt;
}

} // namespace

qint64 backoffDelayMs(const RetryPolicy &policy, int failedAttempts, double random01)
{
    const qint64 cap = delayCap(policy);
    qint64 full = std::max<qint64>(0, policy.baseDelayMs);
    // Doubling stops at the cap: no overflow however many attempts failed.
    for (int i = 1; i < failedAttempts && full < cap; ++i)
        full = full > cap / 2 ? cap : full * 2;
    full = std::min(full, cap);
    // Jitter in [half, full]: spreads the retries of many actions that failed together, and the
    // capped waits too.
    const double r = std::clamp(random01, 0.0, 1.0);
    const qint64 half = full / 2;
    return std::min(full, half + static_cast<qint64>(r * static_cast<double>(full - half)));
}

std::optional<qint64> parseRetryAfter(const QByteArray &value, qint64 nowMs)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        constexpr qint64 kMaxSeconds = std::numeric_limits<qint64>::max() / 1000;
        qint64 seconds = 0;
        for (char c : text) {
            if (seconds > (kMaxSeconds - 9) / 10) { // saturate: "a very long time" stays that
                seconds = kMaxSeconds;
                break;
            }
            seconds = seconds * 10 + (c - '0');
        }
        return seconds * 1000;
    }
    const std::optional<qint64> at = parseHttpDate(text, nowMs);
    if (!at)
        return std::nullopt;
    return std::max<qint64>(0, *at - nowMs);
}

qint64 retryDelayMs(
    const RetryPolicy &policy, int failedAttempts, const QByteArray &retryAfter, qint64 nowMs, double random01)
{
    if (!retryAfter.isEmpty()) {
        if (const std::optional<qint64> asked = parseRetryAfter(retryAfter, nowMs))
            return std::min(*asked, delayCap(policy));
    }
    return backoffDelayMs(policy, failedAttempts, random01);
}

} // namespace peanuts

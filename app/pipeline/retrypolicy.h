// When to try an outgoing action again: exponential backoff with jitter, Retry-After honoured (in
// seconds or as an HTTP date) and capped to an hour.
#pragma once

#include <QByteArray>
#include <QtGlobal>
#include <optional>

namespace peanuts {

struct RetryPolicy
{
    int maxAttempts = 6; // in all, the first included; then a dead letter
    qint64 baseDelayMs = 1000; // before the second attempt; doubled for each one after
    qint64 maxDelayMs = 3'600'000; // no wait is longer (Retry-After included)
    int timeoutMs = 10'000; // one attempt, from the request's start to the answer's end

    bool operator==(const RetryPolicy &o) const
    {
        return maxAttempts == o.maxAttempts && baseDelayMs == o.baseDelayMs && maxDelayMs == o.maxDelayMs
            && timeoutMs == o.timeoutMs;
    }
};

constexpr qint64 kMaxRetryAfterMs = 3'600'000;

// The wait after failedAttempts (>= 1) failed attempts: baseDelayMs * 2^(failedAttempts-1), with
// jitter drawn from random01 in [0, 1) (the wait lies in [half, full] of that), capped.
qint64 backoffDelayMs(const RetryPolicy &policy, int failedAttempts, double random01);

// Retry-After as a delay from nowMs: delta-seconds, or an IMF-fixdate (RFC 9110); a date in the past
// is 0. nullopt when the value is neither.
std::optional<qint64> parseRetryAfter(const QByteArray &value, qint64 nowMs);

// The wait before the next attempt: Retry-After when the answer had a valid one, else the backoff;
// never more than an hour (kMaxRetryAfterMs) nor policy.maxDelayMs.
qint64 retryDelayMs(
    const RetryPolicy &policy, int failedAttempts, const QByteArray &retryAfter, qint64 nowMs, double random01);

// Whether an HTTP status is a success (2xx). Every other answer, and no answer, is retried.
inline bool isSuccessStatus(int status)
{
    return status >= 200 && status < 300;
}

} // namespace peanuts

// Custom responses: what the receiver answers to verified deliveries when the user wants to test a
// sender's retries. The delivery is stored and applied all the same; only the answer changes, and it
// still waits for the commit. A refusal (400, 401, 413, 503) is never changed: only deliveries that
// verified and parsed are matched.
#pragma once

#include "platform/displaytext.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace peanuts {

constexpr int kMaxResponseDelayMs = 60'000; // beyond Peanuts' 30 s, to test a sender's timeout

struct CustomResponse
{
    QString event; // "entry.created"; empty: any event
    QString helper; // a helper's command ("/expenses") or name; empty: any helper
    int status = 503; // 200-599
    QByteArray body; // empty: the receiver's own body for a 2xx, a JSON error naming the simulation otherwise
    int delayMs = 0; // after the commit, before the answer
    int percent = 100; // of the matching deliveries that get this answer; the others get the usual one

    bool isFailure() const { return status >= 300; }
    bool operator==(const CustomResponse &o) const
    {
        return event == o.event && helper == o.helper && status == o.status && body == o.body && delayMs == o.delayMs
            && percent == o.percent;
    }
    bool operator!=(const CustomResponse &o) const { return !(*this == o); }
};

// "503 to 30% of entry.created on /expenses, after 2 s": translated for the window, English for the log.
QString describe(const CustomResponse &response, TextLanguage language = TextLanguage::Translated);

struct CustomResponses
{
    bool enabled = false;
    QList<CustomResponse> rules; // the first that matches a delivery decides

    bool active() const { return enabled && !rules.isEmpty(); }
    // The rule for a delivery of this event and helper, or null.
    const CustomResponse *match(const QString &event, const QString &helperName, const QString &helperCommand) const;
    // One sentence for the banner (translated) and the headless warning (English); empty when not active.
    QString summary(TextLanguage language = TextLanguage::Translated) const;

    bool operator==(const CustomResponses &o) const { return enabled == o.enabled && rules == o.rules; }
    bool operator!=(const CustomResponses &o) const { return !(*this == o); }
};

// Settings keep the rules as a JSON array of {"event", "helper", "status", "body", "delay_ms", "percent"}.
QString customResponsesToJson(const QList<CustomResponse> &rules);
// nullopt with *error naming the bad field ("[1].status: must be from 200 to 599").
std::optional<QList<CustomResponse>> customResponsesFromJson(const QString &json, QString *error);
// The command line's --respond: "status=503,percent=30,delay=2000,event=entry.created,helper=/expenses,body=..."
// (body, when given, is last and takes the rest). nullopt with *error set.
std::optional<CustomResponse> parseResponseSpec(const QString &spec, QString *error);

} // namespace peanuts

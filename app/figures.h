// The expense figures: one code path computes them for /api/stats, /api/dashboard and the charts.
#pragma once

#include "store.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>
#include <optional>

namespace peanuts {

struct FiguresConfig
{
    QStringList expenseCommands {QStringLiteral("/expenses")};
    QTimeZone zone = QTimeZone::systemTimeZone();
};

struct Stats
{
    qint64 totalThisMonthCents = 0;
    QList<QPair<QString, qint64>> countByCategory; // "" for entries without a category
    qint64 averageCents = 0; // over entries with a numeric amount, rounded half away from zero
    qint64 count = 0; // current expense entries
    qint64 sumCents = 0;
    QByteArray zoneId;
};

struct Dashboard
{
    QList<QPair<QDate, qint64>> dailyTotals; // oldest first, one per day, today last
    qint64 totalCents = 0; // over the days shown
};

// Start of a calendar day in a zone, in UTC milliseconds (DST-aware).
qint64 startOfDayMs(const QDate &day, const QTimeZone &zone);

// nullopt when the store fails. from/to are inclusive local dates; either may be invalid (unbounded).
std::optional<Stats> computeStats(Store &store, const FiguresConfig &config, const QDateTime &now,
    const QDate &from = QDate(), const QDate &to = QDate());
std::optional<Dashboard> computeDashboard(Store &store, const FiguresConfig &config, const QDateTime &now, int days);

// Count and total by category of the current expense entries, largest total first.
std::optional<QList<CategoryTotal>> computeCategoryTotals(Store &store, const FiguresConfig &config);

// Deliveries per minute over the last `minutes` minutes (the current one last), zeros included.
std::optional<QList<MinuteCounts>> computeMinuteSeries(Store &store, qint64 nowMs, int minutes);

QByteArray statsJson(const Stats &stats);
QByteArray dashboardJson(const Dashboard &dashboard);

} // namespace peanuts

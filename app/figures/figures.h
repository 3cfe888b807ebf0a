// The expense figures: one code path computes them for /api/stats, /api/dashboard and the charts.
#pragma once

#include "data/records.h"

#include <QDate>
#include <QDateTime>
#include <QPair>
#include <QTimeZone>
#include <optional>

namespace peanuts {

class FiguresStore;

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
std::optional<Stats> computeStats(FiguresStore &store, const FiguresConfig &config, const QDateTime &now,
    const QDate &from = QDate(), const QDate &to = QDate());
std::optional<Dashboard> computeDashboard(
    FiguresStore &store, const FiguresConfig &config, const QDateTime &now, int days);

// Count and total by category of the current expense entries, largest total first.
std::optional<QList<CategoryTotal>> computeCategoryTotals(FiguresStore &store, const FiguresConfig &config);

// Deliveries per minute over the last `minutes` minutes (the current one last), zeros included.
std::optional<QList<MinuteCounts>> computeMinuteSeries(FiguresStore &store, qint64 nowMs, int minutes);

// Deliveries of one minute: accepted are all that were not refused (duplicates, stale and ignored
// events included); rejected are the refusals and the 503s (isRejected).
struct MinuteTraffic
{
    qint64 minuteStartMs = 0;
    qint64 accepted = 0;
    qint64 rejected = 0;
};
QList<MinuteTraffic> acceptedAndRejected(const QList<MinuteCounts> &minutes);

// The categories a chart has room for: with more than `keep`, the largest keep-1 totals and the rest
// folded into one, so that a long tail of small categories neither crowds the axis nor goes missing.
struct CategoryBreakdown
{
    QList<CategoryTotal> top; // largest total first
    CategoryTotal rest; // the folded ones together; count 0 when nothing is folded
    int restCategories = 0;
};
CategoryBreakdown foldCategories(const QList<CategoryTotal> &byTotal, int keep);

// Everything the charts show, read together (one job on the reader's thread, one `now`), so the KPI
// cards print exactly what /api/stats prints and the daily bars what /api/dashboard prints.
struct ChartFigures
{
    Stats stats; // all time, as /api/stats without from/to
    Dashboard daily;
    CategoryBreakdown categories;
    QList<MinuteTraffic> minutes; // oldest first, the current minute last
};
std::optional<ChartFigures> computeChartFigures(
    FiguresStore &store, const FiguresConfig &config, const QDateTime &now, int days, int minutes, int maxCategories);

QByteArray statsJson(const Stats &stats);
QByteArray dashboardJson(const Dashboard &dashboard);

} // namespace peanuts

// Expense figures over current entries, in the configured zone, exact to the cent.
#include "figures/figures.h"

#include "ingest/money.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace peanuts {

namespace {

QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

qint64 startOfDayMs(const QDate &day, const QTimeZone &zone)
{
    return day.startOfDay(zone).toMSecsSinceEpoch();
}

std::optional<Stats> computeStats(
    FiguresStore &store, const FiguresConfig &config, const QDateTime &now, const QDate &from, const QDate &to)
{
    const ReadSnapshot snapshot(store); // every figure of the answer from the same state
    if (!snapshot.ok())
        return std::nullopt;
    Stats stats;
    stats.zoneId = config.zone.id();
    EntryFilter filter;
    filter.commands = config.expenseCommands;
    if (from.isValid())
        filter.fromMs = startOfDayMs(from, config.zone);
    if (to.isValid())
        filter.toMs = startOfDayMs(to.addDays(1), config.zone);

    const auto totals = store.entryTotals(filter);
    const auto categories = store.categoryTotals(filter);
    const QDate today = now.toTimeZone(config.zone).date();
    const QDate monthStart(today.year(), today.month(), 1);
    const auto month = store.sumsBetween(config.expenseCommands,
        {startOfDayMs(monthStart, config.zone), startOfDayMs(monthStart.addMonths(1), config.zone)});
    if (!totals || !categories || !month)
        return std::nullopt;
    stats.count = totals->count;
    stats.sumCents = totals->sumCents;
    stats.averageCents = divideRounded(totals->sumCents, totals->amountCount);
    for (const CategoryTotal &c : *categories)
        stats.countByCategory.append({c.category, c.count});
    stats.totalThisMonthCents = month->value(0);
    return stats;
}

std::optional<Dashboard> computeDashboard(
    FiguresStore &store, const FiguresConfig &config, const QDateTime &now, int days)
{
    const ReadSnapshot snapshot(store); // one query per day: all of them from the same state
    if (!snapshot.ok())
        return std::nullopt;
    Dashboard dashboard;
    const QDate today = now.toTimeZone(config.zone).date();
    QList<qint64> bounds;
    QList<QDate> dates;
    for (int i = days - 1; i >= 0; --i) {
        dates.append(today.addDays(-i));
        bounds.append(startOfDayMs(dates.last(), config.zone));
    }
    bounds.append(startOfDayMs(today.addDays(1), config.zone));
    const auto sums = store.sumsBetween(config.expenseCommands, bounds);
    if (!sums)
        return std::nullopt;
    for (qsizetype i = 0; i < dates.size(); ++i) {
        dashboard.dailyTotals.append({dates[i], sums->value(i)});
        dashboard.totalCents += sums->value(i);
    }
    return dashboard;
}

std::optional<QList<CategoryTotal>> computeCategoryTotals(FiguresStore &store, const FiguresConfig &config)
{
    auto totals = store.categoryTotals(EntryFilter {config.expenseCommands});
    if (totals)
        std::stable_sort(totals->begin(), totals->end(),
            [](const CategoryTotal &a, const CategoryTotal &b) { return a.sumCents > b.sumCents; });
    return totals;
}

std::optional<QList<MinuteCounts>> computeMinuteSeries(FiguresStore &store, qint64 nowMs, int minutes)
{
    const qint64 current = nowMs / 60'000 * 60'000;
    const qint64 from = current - qint64(minutes - 1) * 60'000;
    const auto stored = store.minuteCounts(from, current + 60'000);
    if (!stored)
        return std::nullopt;
    QList<MinuteCounts> series;
    series.reserve(minutes);
    qsizetype next = 0;
    for (qint64 minute = from; minute <= current; minute += 60'000) {
        while (next < stored->size() && stored->at(next).minuteStartMs < minute)
            ++next;
        if (next < stored->size() && stored->at(next).minuteStartMs == minute)
            series.append(stored->at(next));
        else
            series.append(MinuteCounts {minute, {}});
    }
    return series;
}

QList<MinuteTraffic> acceptedAndRejected(const QList<MinuteCounts> &minutes)
{
    QList<MinuteTraffic> traffic;
    traffic.reserve(minutes.size());
    for (const MinuteCounts &minute : minutes) {
        MinuteTraffic t {minute.minuteStartMs, 0, 0};
        for (size_t o = 0; o < minute.counts.size(); ++o)
            (isRejected(Outcome(o)) ? t.rejected : t.accepted) += minute.counts[o];
        traffic.append(t);
    }
    return traffic;
}

CategoryBreakdown foldCategories(const QList<CategoryTotal> &byTotal, int keep)
{
    CategoryBreakdown breakdown;
    // Folding a single category would only rename it.
    const qsizetype shown = byTotal.size() <= keep ? byTotal.size() : qMax(keep - 1, 0);
    breakdown.top = byTotal.mid(0, shown);
    for (qsizetype i = shown; i < byTotal.size(); ++i) {
        breakdown.rest.count += byTotal[i].count;
        breakdown.rest.sumCents += byTotal[i].sumCents;
        ++breakdown.restCategories;
    }
    return breakdown;
}

std::optional<ChartFigures> computeChartFigures(
    FiguresStore &store, const FiguresConfig &config, const QDateTime &now, int days, int minutes, int maxCategories)
{
    const ReadSnapshot snapshot(store);
    if (!snapshot.ok())
        return std::nullopt;
    const auto stats = computeStats(store, config, now);
    const auto daily = computeDashboard(store, config, now, days);
    const auto categories = computeCategoryTotals(store, config);
    const auto perMinute = computeMinuteSeries(store, now.toMSecsSinceEpoch(), minutes);
    if (!stats || !daily || !categories || !perMinute)
        return std::nullopt;
    return ChartFigures {*stats, *daily, foldCategories(*categories, maxCategories), acceptedAndRejected(*perMinute)};
}

QByteArray statsJson(const Stats &stats)
{
    QByteArray out = "{\"total_this_month\":" + centsToDecimal(stats.totalThisMonthCents) + ",\"count_by_category\":{";
    for (qsizetype i = 0; i < stats.countByCategory.size(); ++i) {
        if (i)
            out += ',';
        out += jsonString(stats.countByCategory[i].first) + ':' + QByteArray::number(stats.countByCategory[i].second);
    }
    out += "},\"average_amount\":" + centsToDecimal(stats.averageCents)
        + ",\"count\":" + QByteArray::number(stats.count) + ",\"total\":" + centsToDecimal(stats.sumCents)
        + ",\"time_zone\":" + jsonString(QString::fromUtf8(stats.zoneId)) + '}';
    return out;
}

QByteArray dashboardJson(const Dashboard &dashboard)
{
    QByteArray out = "{\"daily_totals\":{";
    for (qsizetype i = 0; i < dashboard.dailyTotals.size(); ++i) {
        if (i)
            out += ',';
        out += '"' + dashboard.dailyTotals[i].first.toString(Qt::ISODate).toLatin1()
            + "\":" + centsToDecimal(dashboard.dailyTotals[i].second);
    }
    out += "},\"total\":" + centsToDecimal(dashboard.totalCents) + '}';
    return out;
}

} // namespace peanuts

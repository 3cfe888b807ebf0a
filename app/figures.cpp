// Expense figures over current entries, in the configured zone, exact to the cent.
#include "figures.h"

#include "money.h"

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
    Store &store, const FiguresConfig &config, const QDateTime &now, const QDate &from, const QDate &to)
{
    Stats stats;
    stats.zoneId = config.zone.id();
    EntryFilter filter;
    filter.commands = config.expenseCommands;
    if (from.isValid())
        filter.fromMs = startOfDayMs(from, config.zone);
    if (to.isValid())
        filter.toMs = startOfDayMs(to.addDays(1), config.zone);

    const auto totals = store.entryTotals(filter);
    const auto categories = store.countByCategory(filter);
    const QDate today = now.toTimeZone(config.zone).date();
    const QDate monthStart(today.year(), today.month(), 1);
    const auto month = store.sumsBetween(config.expenseCommands,
        {startOfDayMs(monthStart, config.zone), startOfDayMs(monthStart.addMonths(1), config.zone)});
    if (!totals || !categories || !month)
        return std::nullopt;
    stats.count = totals->count;
    stats.sumCents = totals->sumCents;
    stats.averageCents = divideRounded(totals->sumCents, totals->amountCount);
    stats.countByCategory = *categories;
    stats.totalThisMonthCents = month->value(0);
    return stats;
}

std::optional<Dashboard> computeDashboard(Store &store, const FiguresConfig &config, const QDateTime &now, int days)
{
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

std::optional<QList<CategoryTotal>> computeCategoryTotals(Store &store, const FiguresConfig &config)
{
    auto totals = store.categoryTotals(EntryFilter {config.expenseCommands});
    if (totals)
        std::stable_sort(totals->begin(), totals->end(),
            [](const CategoryTotal &a, const CategoryTotal &b) { return a.sumCents > b.sumCents; });
    return totals;
}

std::optional<QList<MinuteCounts>> computeMinuteSeries(Store &store, qint64 nowMs, int minutes)
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

// A viewer's share of the team's desktop notifications. The team's receiver records a rule's
// notification as an action in the same transaction as its delivery; for each delivery the team feed
// reports, the viewer reads those actions and shows them through its own notifier, grouped as the
// receiver groups its own (NotifyThrottle). Each person switches them with their own "desktop
// notifications" setting (Notifier::setEnabled).
#pragma once

#include "data/records.h"

#include <QObject>

namespace peanuts {

class Notifier;
class NotifyThrottle;
class StoreWorker;

class TeamNotifications : public QObject
{
    Q_OBJECT
public:
    // After a long absence the feed may report thousands at once: only the newest this many are read.
    static constexpr int kMaxPerBatch = 50;

    TeamNotifications(StoreWorker *reader, Notifier *notifier, QObject *parent = nullptr);

public Q_SLOTS:
    void committed(const peanuts::BatchSummary &batch);

private:
    StoreWorker *m_reader;
    Notifier *m_notifier;
    NotifyThrottle *m_throttle;
};

} // namespace peanuts

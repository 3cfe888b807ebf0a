// SIGINT and SIGTERM delivered as a Qt signal on the main thread (self-pipe), so that shutdown
// runs in normal code rather than in a signal handler.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace peanuts {

class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;
    Q_DISABLE_COPY_MOVE(UnixSignals)

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace peanuts

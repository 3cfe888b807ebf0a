// One window per user and database: a second launch asks the first to come forward (QLocalServer)
// instead of starting another.
#pragma once

#include <QObject>

class QLocalServer;

namespace peanuts {

class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // key: derived from the database path, so that two databases can each have their window.
    explicit SingleInstance(const QString &key, QObject *parent = nullptr);
    ~SingleInstance() override;
    Q_DISABLE_COPY_MOVE(SingleInstance)

    // True when another instance answered and was asked to come forward: this one should exit.
    bool notifyRunning(int timeoutMs = 1000);
    // Becomes the running instance; false when the name cannot be taken.
    bool listen();

    static QString keyForDatabase(const QString &dbPath);

Q_SIGNALS:
    void activationRequested();

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace peanuts

// Finds the ngrok tunnel that points at our port through the agent's local API
// (http://127.0.0.1:4040/api/tunnels), re-checked every few seconds.
#pragma once

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;
class QTimer;

namespace peanuts {

class NgrokWatcher : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Unknown, // not checked yet
        NoAgent, // nothing answers on the API address
        NoTunnel, // an agent answers, but no tunnel points at our port
        Tunnel, // publicUrl() is the tunnel's https URL
    };
    Q_ENUM(State)

    explicit NgrokWatcher(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(NgrokWatcher)

    void setApiUrl(const QUrl &url); // default http://127.0.0.1:4040/api/tunnels
    void setPort(quint16 port); // the local port a tunnel must point at
    // Checks start every interval; while nothing changes the wait doubles up to maxInterval, so that
    // an idle app does not wake every few seconds (issue 15); any change starts again from interval.
    void setInterval(int ms); // default 3000
    void setMaxInterval(int ms); // default kMaxIntervalMs: a tunnel started later is seen within it
    static constexpr int kMaxIntervalMs = 60'000;
    int currentInterval() const { return m_currentMs; }
    void start();
    void stop();
    void checkNow();

    State state() const { return m_state; }
    QUrl publicUrl() const { return m_publicUrl; }
    // "ngrok http PORT", for when there is no tunnel.
    QString suggestedCommand() const;

Q_SIGNALS:
    void changed(peanuts::NgrokWatcher::State state, const QUrl &publicUrl);

private:
    void scheduleNext(bool changed);

    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_timer = nullptr;
    QUrl m_apiUrl {QStringLiteral("http://127.0.0.1:4040/api/tunnels")};
    quint16 m_port = 0;
    State m_state = State::Unknown;
    QUrl m_publicUrl;
    bool m_inFlight = false;
    bool m_running = false;
    int m_intervalMs = 3000;
    int m_maxIntervalMs = kMaxIntervalMs;
    int m_currentMs = 3000;
};

// Picks from an /api/tunnels answer the public URL of the tunnel whose config.addr points at port
// (https preferred); empty when none does. Exposed for tests.
QUrl pickTunnel(const QByteArray &apiAnswer, quint16 port, bool *validJson = nullptr);

} // namespace peanuts

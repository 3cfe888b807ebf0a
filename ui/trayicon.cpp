// The tray icon's state follows the core's signals; the badge is drawn over the app icon at each
// size a tray asks for, larger at the small sizes so that it stays readable at 16 pixels.
#include "trayicon.h"

#include "http/urlhost.h"
#include "palette.h"
#include "receivercore.h"

#include <QAction>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QSystemTrayIcon>

namespace peanuts {

namespace {

QColor badgeColor(TrayIcon::State state)
{
    switch (state) {
    case TrayIcon::State::Listening:
        return QColor(0x2e, 0x7d, 0x32); // green
    case TrayIcon::State::Paused:
        return QColor(0x75, 0x75, 0x75); // grey
    case TrayIcon::State::Failing:
        break;
    }
    return errorColor();
}

QPixmap badged(const QIcon &base, int size, TrayIcon::State state)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    base.paint(&painter, QRect(0, 0, size, size));

    const qreal diameter = size * (size <= 24 ? 0.56 : 0.46);
    const QRectF badge(size - diameter, size - diameter, diameter, diameter);
    const qreal ring = qMax(1.0, size / 20.0); // keeps the badge apart from the icon under it
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::white);
    painter.drawEllipse(badge);
    painter.setBrush(badgeColor(state));
    painter.drawEllipse(badge.adjusted(ring, ring, -ring, -ring));

    // The mark inside, in white, on a grid of the badge's size.
    painter.setBrush(Qt::white);
    const qreal unit = diameter / 10.0;
    const QPointF origin = badge.topLeft();
    auto cell = [&](qreal x, qreal y, qreal w, qreal h) {
        return QRectF(origin.x() + x * unit, origin.y() + y * unit, w * unit, h * unit);
    };
    switch (state) {
    case TrayIcon::State::Listening:
        break; // the green dot says it
    case TrayIcon::State::Paused:
        painter.drawRect(cell(3.0, 2.8, 1.4, 4.4));
        painter.drawRect(cell(5.6, 2.8, 1.4, 4.4));
        break;
    case TrayIcon::State::Failing:
        painter.drawRoundedRect(cell(4.2, 2.0, 1.6, 4.0), unit * 0.5, unit * 0.5);
        painter.drawEllipse(cell(4.1, 6.6, 1.8, 1.8));
        break;
    }
    return pixmap;
}

} // namespace

TrayIcon::TrayIcon(ReceiverCore *core, QAction *pause, QObject *parent)
    : QObject(parent)
    , m_core(core)
    , m_pause(pause)
    , m_menu(std::make_unique<QMenu>())
{
    m_menu->addAction(tr("Show window"), this, &TrayIcon::showWindowRequested);
    m_menu->addAction(m_pause);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);

    if (!m_core->isRunning() && !m_core->isViewing())
        m_listenerFault = tr("the receiver is not running");
    // A viewer fails while its connection to the team database is lost.
    connect(m_core, &ReceiverCore::teamConnectionChanged, this, [this](bool connected, const QString &) {
        m_listenerFault = connected ? QString() : tr("the team database is out of reach; reconnecting");
        update();
    });
    connect(m_pause, &QAction::toggled, this, &TrayIcon::update);
    connect(m_core, &ReceiverCore::storeFault, this, [this](const QString &message) {
        m_storeFault = message;
        update();
    });
    connect(m_core, &ReceiverCore::storeRecovered, this, [this] {
        m_storeFault.clear();
        update();
    });
    connect(m_core, &ReceiverCore::failureAlert, this, [this](const QString &, const QString &text) {
        m_alert = text;
        update();
    });
    connect(m_core, &ReceiverCore::failureAlertCleared, this, [this] {
        m_alert.clear();
        update();
    });
    connect(m_core, &ReceiverCore::listenerFailed, this, [this](const QString &message) {
        m_listenerFault = message;
        update();
    });
    connect(m_core, &ReceiverCore::listening, this, [this] {
        m_listenerFault.clear();
        update();
    });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(m_menu.get());
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT showWindowRequested();
        });
    }
    m_icon = iconFor(m_state);
    update();
    if (m_tray) {
        m_tray->setIcon(m_icon);
        m_tray->show();
    }
}

TrayIcon::~TrayIcon()
{
    delete m_tray; // before the menu it shows
}

bool TrayIcon::isShown() const
{
    return m_tray && m_tray->isVisible();
}

QIcon TrayIcon::iconFor(State state)
{
    const QIcon base(QStringLiteral(":/icons/peanuts-monitor.svg"));
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64})
        icon.addPixmap(badged(base, size, state));
    return icon;
}

void TrayIcon::update()
{
    QStringList failing;
    if (!m_storeFault.isEmpty())
        failing.append(tr("Failing: storage refuses deliveries (%1)").arg(m_storeFault));
    if (!m_listenerFault.isEmpty())
        failing.append(tr("Failing: not listening for deliveries (%1)").arg(m_listenerFault));
    if (!m_alert.isEmpty())
        failing.append(tr("Failing: rejected deliveries are spiking. %1").arg(m_alert));
    const bool paused = m_pause->isChecked();

    QStringList lines = failing;
    if (paused)
        lines.append(tr("Paused: the live view is frozen; deliveries are still received and stored."));
    if (m_listenerFault.isEmpty())
        lines.append(tr("Listening on %1:%2").arg(urlHost(m_core->options().bindAddress)).arg(m_core->port()));
    // The window's title first, as a tray shows the tooltips of every application alike.
    m_toolTip = tr("Peanuts Monitor") + u'\n' + lines.join(u'\n');

    const State state = !failing.isEmpty() ? State::Failing : paused ? State::Paused : State::Listening;
    if (m_tray)
        m_tray->setToolTip(m_toolTip);
    if (state == m_state)
        return;
    m_state = state;
    m_icon = iconFor(state);
    if (m_tray)
        m_tray->setIcon(m_icon);
    Q_EMIT stateChanged(state);
}

} // namespace peanuts

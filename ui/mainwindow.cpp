// A first window over the running receiver: address, ngrok command, secret status and live counts.
#include "mainwindow.h"

#include "delivery.h"
#include "receivercore.h"
#include "storeworker.h"

#include <QLabel>
#include <QPointer>
#include <QStatusBar>
#include <QVBoxLayout>

namespace peanuts {

MainWindow::MainWindow(ReceiverCore *core, QWidget *parent)
    : QMainWindow(parent)
    , m_core(core)
{
    setWindowTitle(QStringLiteral("Peanuts Monitor"));
    resize(900, 560);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->setSpacing(14);

    const QString address = core->options().bindAddress.toString() + u':' + QString::number(core->port());
    auto *title = new QLabel(QStringLiteral("<h2>Listening on http://%1</h2>").arg(address), central);
    auto *endpoints = new QLabel(
        QStringLiteral("Webhook URL: <b>http://%1/webhook</b> (also <b>/api/peanuts</b>)<br>"
                       "Expose it with: <code>ngrok http %2</code>, then paste the https URL + <code>/webhook</code> "
                       "into Peanuts' webhook settings.")
            .arg(address)
            .arg(core->port()),
        central);
    endpoints->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const bool hasSecret = core->verifier().hasSecrets();
    auto *secret = new QLabel(hasSecret
            ? QStringLiteral("Verifying signatures with: %1").arg(core->verifier().labels().join(QStringLiteral(", ")))
            : QStringLiteral("<span style='color:#b00020'><b>No webhook secret is set.</b> "
                             "Deliveries get 503 until you start with PEANUTS_SECRET=… or "
                             "--secret-file FILE.</span>"),
        central);
    secret->setWordWrap(true);
    m_counts = new QLabel(central);
    for (QLabel *label : {title, endpoints, secret, m_counts})
        layout->addWidget(label);
    layout->addStretch();
    setCentralWidget(central);
    statusBar()->showMessage(QStringLiteral("Database: %1").arg(core->options().dbPath));

    refreshCounts();
    // Committed batches arrive from the store's thread; counts are re-read there, shown here.
    connect(core->store(), &StoreWorker::batchCommitted, this, [this] { refreshCounts(); });
}

void MainWindow::refreshCounts()
{
    QPointer<MainWindow> self(this);
    m_core->store()->read([self](Store &store) {
        const auto counts = store.counters();
        if (!counts)
            return;
        QString text = QStringLiteral("<table cellpadding=4>");
        for (int o = 0; o < int(Outcome::OutcomeCount); ++o)
            text += QStringLiteral("<tr><td>%1</td><td align=right><b>%2</b></td></tr>")
                        .arg(QString::fromLatin1(outcomeName(Outcome(o))))
                        .arg((*counts)[size_t(o)]);
        text += QStringLiteral("</table>");
        QMetaObject::invokeMethod(
            self, [self, text] { self->m_counts->setText(text); }, Qt::QueuedConnection);
    });
}

} // namespace peanuts

// The inspector: every byte of one delivery and why it was accepted or refused. Tabs (ui/inspector/):
// Handler (the answer of the user's handler and what else the delivery set in motion, first, when
// there is any), Pretty JSON, Tree, Raw (hex where not UTF-8), Headers, Signature, Entry history. Actions: copy as curl
// (re-signed, so that it replays) and copy JSON. What it shows is prepared in the core
// (services/inspection.h); this class assembles the tabs and fills them.
#pragma once

#include "ingest/delivery.h"
#include "pipeline/action.h"

#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QTabWidget;
class QTimer;

namespace peanuts {

class BytesView;
class HandlerTab;
class HeadersTab;
class HistoryTab;
class JsonTreeTab;
class PrettyTab;
class ReceiverCore;
class SignatureTab;
struct Inspection;

class Inspector : public QWidget
{
    Q_OBJECT
public:
    explicit Inspector(ReceiverCore *core, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(Inspector)

    qint64 currentId() const { return m_currentId; }
    QTabWidget *tabs() const { return m_tabs; }
    HandlerTab *handlerTab() const { return m_handler; }
    QPushButton *editResendButton() const { return m_editResend; }
    QLabel *titleLabel() const { return m_title; }
    QLabel *notesLabel() const { return m_notes; } // the reason, a custom response, the attempts

    // The curl command line that replays the delivery to this receiver, re-signed with the first
    // configured secret (read from the environment variable PEANUTS_SECRET at replay time, never
    // written out in clear). Empty when nothing is shown.
    QString curlCommand() const;

public Q_SLOTS:
    // Loads the delivery on the reader's thread and shows it when it arrives; 0 clears.
    void showDelivery(qint64 id);
    void copyAsCurl();
    void copyJson();
    // Opens the body in the "Edit and resend" dialog (not modal: the log stays usable).
    void editAndResend();

Q_SIGNALS:
    void deliveryShown(qint64 id); // after the tabs are filled
    void actionsShown(qint64 id, int count); // after the Handler tab is filled (or left out)

protected:
    void changeEvent(QEvent *event) override;

private:
    void fill(const std::shared_ptr<const Inspection> &loaded);
    void fillTitle(const Inspection &loaded);
    void clearTabs(const QString &message);
    void applyPalette();
    // The Handler tab, fetched after the delivery and again when the outbox changes.
    void loadActions();
    void showHandler(const QList<OutboxAction> &actions);

    ReceiverCore *m_core;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_chip = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_notes = nullptr;
    QPushButton *m_copyCurl = nullptr;
    QPushButton *m_copyJson = nullptr;
    QPushButton *m_editResend = nullptr;
    PrettyTab *m_pretty = nullptr;
    JsonTreeTab *m_tree = nullptr;
    BytesView *m_raw = nullptr;
    HeadersTab *m_headers = nullptr;
    SignatureTab *m_signature = nullptr;
    HistoryTab *m_history = nullptr;
    HandlerTab *m_handler = nullptr;
    QTimer *m_actionsRefresh = nullptr;
    qint64 m_currentId = 0;
    quint64 m_generation = 0; // answers to an older showDelivery are dropped
    std::shared_ptr<const Inspection> m_loaded; // what is shown (null while nothing is)
    Delivery m_delivery; // the one shown (empty while nothing is)
    QString m_prettyText; // the body re-indented, when it is JSON (for Copy JSON)
};

} // namespace peanuts

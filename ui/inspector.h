// The inspector: every byte of one delivery and why it was accepted or refused. Tabs: Pretty JSON,
// Tree, Raw (hex where not UTF-8), Headers, Signature, Entry history. Actions: copy as curl
// (re-signed, so that it replays) and copy JSON.
#pragma once

#include "delivery.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;
class QTreeWidget;

namespace peanuts {

class ReceiverCore;

class Inspector : public QWidget
{
    Q_OBJECT
public:
    explicit Inspector(ReceiverCore *core, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(Inspector)

    qint64 currentId() const { return m_currentId; }
    QTabWidget *tabs() const { return m_tabs; }

    // The curl command line that replays the delivery to this receiver, re-signed with the first
    // configured secret (read from the environment variable PEANUTS_SECRET at replay time, never
    // written out in clear). Empty when nothing is shown.
    QString curlCommand() const;

public Q_SLOTS:
    // Loads the delivery on the reader's thread and shows it when it arrives; 0 clears.
    void showDelivery(qint64 id);
    void copyAsCurl();
    void copyJson();

Q_SIGNALS:
    void deliveryShown(qint64 id); // after the tabs are filled

private:
    void fill(const Delivery &delivery, const QList<Delivery> &history);

    ReceiverCore *m_core;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_title = nullptr;
    QPlainTextEdit *m_pretty = nullptr;
    QTreeWidget *m_tree = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QTableWidget *m_headers = nullptr;
    QLabel *m_signature = nullptr;
    QTreeWidget *m_history = nullptr;
    qint64 m_currentId = 0;
    quint64 m_generation = 0; // answers to an older showDelivery are dropped
    Delivery m_delivery;
};

} // namespace peanuts

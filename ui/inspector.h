// The inspector: every byte of one delivery and why it was accepted or refused. Tabs: Pretty JSON,
// Tree, Raw (hex where not UTF-8), Headers, Signature, Entry history. Actions: copy as curl
// (re-signed, so that it replays) and copy JSON.
#pragma once

#include "ingest/delivery.h"

#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTreeView;
class QTreeWidget;

namespace peanuts {

class BytesView;
class FoldedTextView;
class JsonHighlighter;
class JsonTreeModel;
class ReceiverCore;
class SignatureVerifier;
class Store;

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

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Loaded; // what the reader's thread prepares for one showDelivery
    static Loaded load(Store &store, qint64 id, const SignatureVerifier &verifier);
    void fill(const std::shared_ptr<const Loaded> &loaded);
    void fillTitle(const Loaded &loaded);
    void clearTabs(const QString &message);
    void fillHeaders(const Delivery &delivery);
    void fillSignature(const Loaded &loaded);
    void fillHistory(const Loaded &loaded);
    void copyTreeValues();
    void copyTreeText(int role);
    void copyHeaderRows();
    void applyPalette();

    ReceiverCore *m_core;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_chip = nullptr;
    QLabel *m_title = nullptr;
    QPushButton *m_copyCurl = nullptr;
    QPushButton *m_copyJson = nullptr;
    QLabel *m_prettyNote = nullptr;
    FoldedTextView *m_pretty = nullptr;
    JsonHighlighter *m_highlighter = nullptr;
    QTreeView *m_tree = nullptr;
    JsonTreeModel *m_treeModel = nullptr;
    BytesView *m_raw = nullptr;
    QTableWidget *m_headers = nullptr;
    QLabel *m_signature = nullptr;
    QLabel *m_historyNote = nullptr;
    QTreeWidget *m_history = nullptr;
    qint64 m_currentId = 0;
    quint64 m_generation = 0; // answers to an older showDelivery are dropped
    std::shared_ptr<const Loaded> m_loaded; // what is shown (null while nothing is)
    Delivery m_delivery; // the one shown (empty while nothing is)
    QString m_prettyText; // the body re-indented, when it is JSON (for Copy JSON)
};

} // namespace peanuts

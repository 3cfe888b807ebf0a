// The inspector's Handler tab: what the delivery set in motion, the handler's answer first. For a
// forward (the user's own handler, as with stripe listen --forward-to or ngrok): status, time,
// duration, headers and body (bounded; text, or hex when not UTF-8), then attempts, state, last error
// and the idempotency key. For a notification or a post: the rendered text and how it went.
#pragma once

#include "pipeline/action.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;

namespace peanuts {

class HandlerTab : public QWidget
{
    Q_OBJECT
public:
    explicit HandlerTab(QWidget *parent = nullptr);

    // Forwards first; the first one shown. Keeps the action shown when it is still there.
    void showActions(const QList<OutboxAction> &actions);
    void clear();
    int actionCount() const { return int(m_actions.size()); }

    QString statusText() const;
    QString detailsText() const;
    QString headersText() const;
    QString bodyText() const;
    QListWidget *list() const { return m_list; }

private:
    void showAction(int index);

    QList<OutboxAction> m_actions;
    QListWidget *m_list;
    QLabel *m_status;
    QLabel *m_details;
    QLabel *m_headersLabel;
    QPlainTextEdit *m_headers;
    QLabel *m_bodyLabel;
    QPlainTextEdit *m_body;
};

// 16 bytes a line: offset, hex, and the printable ASCII.
QString hexDump(const QByteArray &bytes);

} // namespace peanuts

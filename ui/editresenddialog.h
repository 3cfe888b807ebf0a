// "Edit and resend" from the inspector: the delivery's body in an editor that checks the JSON as it is
// typed, sent re-signed to this receiver (the delivery it becomes links back to this one) or to a URL
// (signed with the forwarding secret, as forwards are). The answer shows in the dialog.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace peanuts {

class ReceiverCore;

class EditResendDialog : public QDialog
{
    Q_OBJECT
public:
    EditResendDialog(ReceiverCore *core, qint64 sourceId, const QByteArray &body, QWidget *parent = nullptr);

    // For tests.
    QPlainTextEdit *editor() const { return m_editor; }
    QRadioButton *toReceiver() const { return m_toReceiver; }
    QRadioButton *toUrl() const { return m_toUrl; }
    QLineEdit *urlField() const { return m_url; }
    QPushButton *sendButton() const { return m_send; }
    QLabel *checkLabel() const { return m_check; }
    QLabel *answerLabel() const { return m_answer; }

Q_SIGNALS:
    void answered(int status);

private:
    void recheck();
    void send();

    ReceiverCore *m_core;
    qint64 m_sourceId;
    QPlainTextEdit *m_editor;
    QLabel *m_check;
    QRadioButton *m_toReceiver;
    QRadioButton *m_toUrl;
    QLineEdit *m_url;
    QPushButton *m_send;
    QLabel *m_answer;
    QNetworkAccessManager *m_network;
    bool m_sending = false;
};

} // namespace peanuts

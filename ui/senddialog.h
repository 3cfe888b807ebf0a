// "Send test delivery": pick a fixture, edit its data fields, send it signed with the first secret
// to this receiver, and read the answer. The same fixtures and body building as `peanuts-monitor send`
// (app/tools).
#pragma once

#include "tools/mockdelivery.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace peanuts {

class DeliverySender;
class ReceiverCore;
struct SendResult;

class SendDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SendDialog(ReceiverCore *core, QWidget *parent = nullptr);
    ~SendDialog() override;
    Q_DISABLE_COPY_MOVE(SendDialog)

    // For tests and the window.
    QComboBox *fixtureBox() const { return m_fixture; }
    QTableWidget *fieldTable() const { return m_fields; }
    QLineEdit *entryIdEdit() const { return m_entryId; }
    QPushButton *sendButton() const { return m_send; }
    QString answerText() const;
    QByteArray lastBody() const { return m_lastBody; } // the bytes last sent
    bool selectFixture(const QString &name);
    // Sets a field's value in the table (adding the row when it is not there).
    void setField(const QString &key, const QString &value);

public Q_SLOTS:
    void send();

Q_SIGNALS:
    // status 0: no answer (network error); answer is then the error.
    void answered(int status, const QByteArray &answer);

private:
    void showFixture();
    void addRow(const QString &key, const QString &value);
    void finish(const SendResult &result, const QString &entryId);

    ReceiverCore *m_core;
    QList<Fixture> m_fixtures;
    QComboBox *m_fixture = nullptr;
    QLabel *m_description = nullptr;
    QTableWidget *m_fields = nullptr;
    QLineEdit *m_entryId = nullptr;
    QPushButton *m_send = nullptr;
    QPlainTextEdit *m_answer = nullptr;
    DeliverySender *m_sender = nullptr;
    QByteArray m_lastBody;
};

} // namespace peanuts

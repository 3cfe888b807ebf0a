// The strip at the top of the main window while custom responses are in force: what the receiver
// answers instead of its usual answers (CustomResponses::summary), a button that turns them off, and
// one that opens their settings. Hidden while they are off; it follows the core's
// customResponsesChanged.
#pragma once

#include "http/customresponses.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace peanuts {

class ReceiverCore;

class ResponseBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ResponseBanner(ReceiverCore *core, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ResponseBanner)

    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *turnOffButton() const { return m_turnOff; }
    QPushButton *editButton() const { return m_edit; }

Q_SIGNALS:
    void editRequested(); // "Edit…": the window opens the settings on the Responses page

private:
    void follow(const CustomResponses &responses);

    ReceiverCore *m_core;
    QLabel *m_summary = nullptr;
    QPushButton *m_turnOff = nullptr;
    QPushButton *m_edit = nullptr;
};

} // namespace peanuts

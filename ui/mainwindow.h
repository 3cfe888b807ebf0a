// The main window: for now, where the receiver listens and how to reach it through ngrok.
#pragma once

#include <QMainWindow>

class QLabel;

namespace peanuts {

class ReceiverCore;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ReceiverCore *core, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(MainWindow)

private:
    void refreshCounts();

    ReceiverCore *m_core;
    QLabel *m_counts = nullptr;
};

} // namespace peanuts

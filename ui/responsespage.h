// The settings dialog's "Responses" page: custom responses (http/customresponses.h), the answers
// verified deliveries get while the user tests how a sender retries. A switch, the rules in order
// (the first that matches a delivery decides), and a line that says in words what applying would put
// in force. Apply hands the whole set to the core, which saves it (unless --respond gave this run's)
// and answers the next delivery with it.
#pragma once

#include "http/customresponses.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace peanuts {

class ReceiverCore;

class ResponsesPage : public QWidget
{
    Q_OBJECT
public:
    // Columns of the rules table; each cell is an editor of its own.
    enum Column { Event, Helper, Status, Percent, Delay, Body, Columns };

    explicit ResponsesPage(ReceiverCore *core, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ResponsesPage)

    // Shows the responses in force again.
    void reload();
    // What the page says now.
    CustomResponses edited() const;
    // Hands what was edited since it was shown (or last applied) to the core; false when nothing was.
    bool apply();

    // Appends a rule (by default: 503 to every delivery) and selects it.
    void addRule(const CustomResponse &rule = CustomResponse());
    // Removes the selected rules; moves the selected one up (-1) or down (+1).
    void removeSelected();
    void moveSelected(int by);

    QCheckBox *enabledBox() const { return m_enabled; }
    QTableWidget *table() const { return m_table; }
    QLabel *preview() const { return m_preview; }
    QLabel *notSavedNote() const { return m_notSaved; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *upButton() const { return m_up; }
    QPushButton *downButton() const { return m_down; }
    // A row's editors.
    QComboBox *eventEdit(int row) const;
    QComboBox *helperEdit(int row) const;
    QSpinBox *statusEdit(int row) const;
    QSpinBox *percentEdit(int row) const;
    QSpinBox *delayEdit(int row) const;
    QLineEdit *bodyEdit(int row) const;

private:
    void setRules(const QList<CustomResponse> &rules);
    void insertRow(int row, const CustomResponse &rule);
    CustomResponse rowRule(int row) const;
    int selectedRow() const;
    void selectRow(int row);
    void renameRows();
    void updateButtons();
    void updatePreview();

    ReceiverCore *m_core;
    QCheckBox *m_enabled = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_notSaved = nullptr;
    CustomResponses m_shown; // what the page showed, so that an untouched page changes nothing
};

} // namespace peanuts

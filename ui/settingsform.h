// What the settings dialog's pages are built from: a two-column form, hints, the restart note, the
// masked secret column. Shared by settingsdialog.cpp and settingspages.cpp only.
#pragma once

#include <QCoreApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QStringList>
#include <QStyledItemDelegate>

namespace peanuts::settingsform {

// The secret column keeps the value in its own role; the display role only ever holds the mask,
// unless the row's "Show" is on.
constexpr int kSecretRole = Qt::UserRole + 1;
constexpr int kShownRole = Qt::UserRole + 2;
inline const QString kMask = QStringLiteral("••••••••");
constexpr qint64 kKiB = 1024;
constexpr qint64 kMiB = 1024 * 1024;

inline QString maskedText(const QString &secret, bool shown)
{
    return shown || secret.isEmpty() ? secret : kMask;
}

// Edits a secret in a line edit that is masked too unless the row shows its secret.
class SecretDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        auto *editor = new QLineEdit(parent);
        editor->setEchoMode(index.data(kShownRole).toBool() ? QLineEdit::Normal : QLineEdit::Password);
        editor->setPlaceholderText(
            QCoreApplication::translate("peanuts::settingsform", "the webhook secret from Peanuts"));
        return editor;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QLineEdit *>(editor)->setText(index.data(kSecretRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        const QString secret = static_cast<QLineEdit *>(editor)->text();
        model->setData(index, secret, kSecretRole);
        model->setData(index, maskedText(secret, index.data(kShownRole).toBool()), Qt::DisplayRole);
    }
};

// Secondary text: explanations and "takes effect after restart".
inline QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    return label;
}

// A field with "takes effect after restart" beside it: the running receiver read it at start. A layout,
// not a widget around the field, so that the field stays a sibling of its label (Form::addRow): a
// screen reader finds a control's label among its siblings.
struct RestartRow
{
    QHBoxLayout *layout;
    QWidget *field;
};
inline RestartRow needsRestart(QWidget *field, QWidget *parent, QWidget *extra = nullptr)
{
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    const bool grows = field->sizePolicy().horizontalPolicy() & QSizePolicy::ExpandFlag;
    layout->addWidget(field, grows ? 1 : 0);
    if (extra)
        layout->addWidget(extra);
    auto *note = hint(QCoreApplication::translate("peanuts::settingsform", "takes effect after restart"), parent);
    note->setWordWrap(false);
    layout->addWidget(note);
    if (!grows)
        layout->addStretch(1);
    return {layout, field};
}

// Two columns on a grid (QFormLayout leaves gaps around word-wrapped explanations): labels on the
// left, fields and their explanations on the right, everything kept at the top.
class Form
{
public:
    explicit Form(QWidget *page)
        : m_grid(new QGridLayout(page))
    {
        m_grid->setColumnStretch(1, 1);
    }
    ~Form() { m_grid->setRowStretch(m_rows, 1); }
    Q_DISABLE_COPY_MOVE(Form)

    void addRow(const QString &label, QWidget *field)
    {
        auto *name = new QLabel(label, field->parentWidget());
        name->setBuddy(field);
        addRow(name);
        m_grid->addWidget(field, m_rows++, 1);
    }
    void addRow(const QString &label, QLayout *field)
    {
        addRow(new QLabel(label, m_grid->parentWidget()));
        m_grid->addLayout(field, m_rows++, 1);
    }
    void addRow(const QString &label, const RestartRow &row)
    {
        auto *name = new QLabel(label, m_grid->parentWidget());
        name->setBuddy(row.field);
        addRow(name);
        m_grid->addLayout(row.layout, m_rows++, 1);
    }
    // Under the field above (an explanation), or on its own in the field column.
    void addField(QWidget *field) { m_grid->addWidget(field, m_rows++, 1); }
    // Across both columns (a group of its own).
    void addWide(QWidget *widget) { m_grid->addWidget(widget, m_rows++, 0, 1, 2); }

private:
    void addRow(QLabel *name)
    {
        if (m_rows > 0) // a little air between one setting and the next
            m_grid->setRowMinimumHeight(m_rows++, 4);
        m_grid->addWidget(name, m_rows, 0, Qt::AlignRight | Qt::AlignVCenter);
    }

    QGridLayout *m_grid;
    int m_rows = 0;
};

inline QString normalizedCommands(const QString &text)
{
    QStringList commands;
    for (const QString &command : text.split(u',', Qt::SkipEmptyParts))
        if (!command.trimmed().isEmpty())
            commands.append(command.trimmed());
    return commands.join(QStringLiteral(", "));
}

} // namespace peanuts::settingsform

// "Start at login" as the XDG Autostart specification has it: a desktop entry in
// $XDG_CONFIG_HOME/autostart. The state is the file itself, so that a session manager's own switch
// and ours agree.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace peanuts {

class Autostart
{
    Q_DECLARE_TR_FUNCTIONS(Autostart)
public:
    // program: the absolute path the entry starts; by default this binary's.
    explicit Autostart(QString program = QCoreApplication::applicationFilePath());

    // $XDG_CONFIG_HOME/autostart/peanuts-monitor.desktop (~/.config when XDG_CONFIG_HOME is unset or
    // not absolute, as the Base Directory specification says).
    static QString entryPath();

    // The entry exists, starts this program (by its file name, so that a copy of the installed
    // desktop file counts too) and is not switched off (Hidden=true, X-GNOME-Autostart-enabled=false).
    bool isEnabled() const;
    // Writes the entry (atomically) or removes it. False with *error in words when the folder or the
    // file cannot be written or removed, or when the file there starts another program.
    bool setEnabled(bool enabled, QString *error) const;

    // What setEnabled(true) writes.
    QByteArray entryText() const;
    // One argument of an Exec line as the Desktop Entry specification asks: in double quotes with
    // ", `, $ and \ escaped, then the string escapes on top, and %% for a percent sign.
    static QString execArgument(const QString &argument);
    // The program an Exec line starts (its first argument, unescaped); empty when there is none.
    static QString execProgram(const QString &execValue);

private:
    QString m_program;
};

} // namespace peanuts

// The autostart entry: written with QSaveFile so that a session starting meanwhile never reads half
// a file, and read back loosely enough to recognise a copy of the installed desktop file as ours.
#include "autostart.h"

#include "platform/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>

#include <algorithm>
#include <iterator>
#include <utility>

namespace peanuts {

namespace {

const QString kFileName = QStringLiteral("peanuts-monitor.desktop");

// The escapes of the specification's string type: the character, and the letter after a backslash.
// (\s, a space, is read but never written: the spaces in an Exec line are inside its quotes.)
constexpr std::pair<char16_t, char16_t> kEscapes[] = {{u'\\', u'\\'}, {u'\n', u'n'}, {u'\t', u't'}, {u'\r', u'r'}};

QString escapeString(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        const auto *escape = std::find_if(
            std::begin(kEscapes), std::end(kEscapes), [c](const auto &pair) { return pair.first == c.unicode(); });
        if (escape != std::end(kEscapes))
            out += QChar(u'\\') + QChar(escape->second);
        else
            out += c;
    }
    return out;
}

QString unescapeString(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c != u'\\' || i + 1 == value.size()) {
            out += c;
            continue;
        }
        const QChar next = value.at(++i);
        const auto *escape = std::find_if(std::begin(kEscapes), std::end(kEscapes),
            [next](const auto &pair) { return pair.second == next.unicode(); });
        if (next == u's')
            out += u' ';
        else if (escape != std::end(kEscapes))
            out += QChar(escape->first);
        else // not a string escape: left for the Exec quoting rules
            out += c + next;
    }
    return out;
}

// The keys of the [Desktop Entry] group (localised keys such as Name[de] included as written).
QHash<QString, QString> desktopEntryKeys(const QByteArray &contents)
{
    QHash<QString, QString> keys;
    bool inEntry = false;
    for (const QByteArray &rawLine : contents.split('\n')) {
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[')) {
            inEntry = line == QLatin1String("[Desktop Entry]");
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        if (inEntry && equals > 0)
            keys.insert(line.left(equals).trimmed(), line.mid(equals + 1).trimmed());
    }
    return keys;
}

bool isTrue(const QString &value)
{
    return value == QLatin1String("true");
}

} // namespace

Autostart::Autostart(QString program)
    : m_program(std::move(program))
{
}

QString Autostart::entryPath()
{
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty() || QDir::isRelativePath(config))
        config = QDir::homePath() + QStringLiteral("/.config");
    return QDir(config).filePath(QStringLiteral("autostart/") + kFileName);
}

QString Autostart::execArgument(const QString &argument)
{
    // Quoted whatever it holds (the specification allows it, and a path needs it once it has a space).
    QString quoted = QStringLiteral("\"");
    for (const QChar c : argument) {
        if (QStringView(u"\"`$\\").contains(c))
            quoted += u'\\';
        quoted += c;
    }
    quoted += u'"';
    // The string escapes come on top of the quoting: a backslash in the path ends up as four.
    return escapeString(quoted).replace(u'%', QLatin1String("%%"));
}

QString Autostart::execProgram(const QString &execValue)
{
    const QString value = unescapeString(execValue).trimmed();
    QString program;
    if (value.startsWith(u'"')) {
        for (qsizetype i = 1; i < value.size(); ++i) {
            const QChar c = value.at(i);
            if (c == u'"')
                break;
            if (c == u'\\' && i + 1 < value.size())
                ++i;
            program += value.at(i);
        }
    } else {
        program = value.section(u' ', 0, 0);
    }
    return program.replace(QLatin1String("%%"), QLatin1String("%"));
}

QByteArray Autostart::entryText() const
{
    // Name and Comment as in the installed desktop file: the entry file's format, not the window's text.
    const QString text = QStringLiteral("# Written by Peanuts Monitor's \"Start at login\" setting.\n"
                                        "[Desktop Entry]\n"
                                        "Type=Application\n"
                                        "Name=Peanuts Monitor\n"
                                        "Comment=Receive, verify and inspect signed Peanuts webhooks\n"
                                        "Exec=%1\n"
                                        "Icon=peanuts-monitor\n"
                                        "Terminal=false\n"
                                        "X-GNOME-Autostart-enabled=true\n")
                             .arg(execArgument(m_program));
    return text.toUtf8();
}

bool Autostart::isEnabled() const
{
    QFile file(entryPath());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QHash<QString, QString> keys = desktopEntryKeys(file.readAll());
    if (QFileInfo(execProgram(keys.value(QStringLiteral("Exec")))).fileName() != QFileInfo(m_program).fileName())
        return false;
    return !isTrue(keys.value(QStringLiteral("Hidden")))
        && keys.value(QStringLiteral("X-GNOME-Autostart-enabled")) != QLatin1String("false");
}

bool Autostart::setEnabled(bool enabled, QString *error) const
{
    const QString path = entryPath();
    QString other; // the program the entry there starts, when it is not this one
    {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            const QString program = execProgram(desktopEntryKeys(file.readAll()).value(QStringLiteral("Exec")));
            if (QFileInfo(program).fileName() != QFileInfo(m_program).fileName())
                other = program.isEmpty() ? tr("nothing") : program;
        }
    }
    if (!enabled) {
        // Someone else's file under our name is left alone: it does not start this program anyway.
        if (!QFileInfo::exists(path) || !other.isEmpty())
            return true;
        QFile file(path);
        if (!file.remove()) {
            *error = tr("Cannot remove %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
            return false;
        }
        qCInfo(lcApp).noquote() << "autostart entry removed:" << path;
        return true;
    }

    if (!other.isEmpty()) {
        *error = tr("%1 already exists and starts %2 instead of Peanuts Monitor. Remove or rename it, then try again.")
                     .arg(QDir::toNativeSeparators(path), other);
        return false;
    }
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = QFileInfo(folder).exists() && !QFileInfo(folder).isDir()
            ? tr("Cannot create the autostart folder: %1 is a file.").arg(QDir::toNativeSeparators(folder))
            : tr("Cannot create the autostart folder %1.").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(entryText()) < 0 || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    qCInfo(lcApp).noquote() << "autostart entry written:" << path;
    return true;
}

} // namespace peanuts

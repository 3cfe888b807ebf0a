// Reads webhook secrets from PEANUTS_SECRET and from label=secret files; errors point at the file and
// line but never echo a secret, since they end up in logs and on screen.
#include "config/secrets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

namespace peanuts {

namespace {

QString lineError(const QString &fileName, qsizetype lineNumber, const QString &message)
{
    return QDir::toNativeSeparators(fileName) % QLatin1Char(':') % QString::number(lineNumber) % QLatin1String(": ")
        % message;
}

} // namespace

SecretFileResult parseSecretFile(const QByteArray &contents, const QString &fileName)
{
    SecretFileResult result;
    QHash<QString, qsizetype> lineOfLabel;
    // Windows editors like to start UTF-8 files with a BOM, which would otherwise break a first-line comment.
    const QByteArray text = contents.startsWith("\xEF\xBB\xBF") ? contents.sliced(3) : contents;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const qsizetype lineNumber = index + 1;
        QByteArrayView line = lines.at(index);
        if (line.endsWith('\r'))
            line.chop(1);
        const QByteArrayView trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith('#'))
            continue;

        // A line without '=' is most likely a secret pasted on its own, so its text is never quoted.
        const qsizetype equals = line.indexOf('=');
        if (equals < 0) {
            result.error
                = lineError(fileName, lineNumber, QStringLiteral("expected label=secret, but the line has no '='"));
            break;
        }
        const QString label = QString::fromUtf8(line.first(equals).trimmed());
        const QByteArrayView key = line.sliced(equals + 1);
        if (label.isEmpty()) {
            result.error = lineError(fileName, lineNumber, QStringLiteral("the label before '=' is empty"));
            break;
        }
        if (key.isEmpty()) {
            result.error
                = lineError(fileName, lineNumber, QStringLiteral("the secret for label \"%1\" is empty").arg(label));
            break;
        }
        const auto previous = lineOfLabel.constFind(label);
        if (previous != lineOfLabel.cend()) {
            result.error = lineError(fileName, lineNumber,
                QStringLiteral("label \"%1\" is already used on line %2")
                    .arg(label, QString::number(previous.value())));
            break;
        }
        lineOfLabel.insert(label, lineNumber);
        result.secrets.append(Secret {label, key.toByteArray()});
    }
    // Half a file of secrets would silently reject senders using the rest, so an error yields none.
    if (!result.error.isEmpty())
        result.secrets.clear();
    return result;
}

SecretFileResult loadSecretFile(const QString &path)
{
    SecretFileResult result;
    const QString shown = QDir::toNativeSeparators(path);
    if (path.isEmpty()) {
        result.error = QStringLiteral("no secret file name given");
        return result;
    }
    const QFileInfo info(path);
    if (!info.exists()) {
        result.error = QStringLiteral("secret file %1 does not exist").arg(shown);
        return result;
    }
    if (info.isDir()) {
        result.error = QStringLiteral("secret file %1 is a directory, not a file").arg(shown);
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("cannot read secret file %1: %2").arg(shown, file.errorString());
        return result;
    }
    const QByteArray contents = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        result.error = QStringLiteral("cannot read secret file %1: %2").arg(shown, file.errorString());
        return result;
    }
    return parseSecretFile(contents, path);
}

QList<Secret> secretsFromEnvironment()
{
    const QString value = qEnvironmentVariable("PEANUTS_SECRET");
    if (value.isEmpty())
        return {};
    return {Secret {QStringLiteral("env"), value.toUtf8()}};
}

} // namespace peanuts

// The replay command: the body as a printf format, signed by openssl in the user's shell.
#include "inspect/replay.h"

#include "http/urlhost.h"
#include "inspect/headerlines.h"

#include <QUrl>

namespace peanuts {

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

// The bytes as a single-quoted printf format: printable ASCII stays readable, % and \ are doubled, and
// every other byte is a three-digit octal escape, which printf (bash's and POSIX's) writes back as
// exactly that byte. No encoding, locale or terminal can alter an escape, and unlike a here-doc nothing
// adds a trailing newline.
QString printfFormat(QByteArrayView bytes)
{
    QString format;
    format.reserve(bytes.size() + bytes.size() / 8 + 2);
    format += u'\'';
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const uchar b = uchar(bytes[i]);
        if (b == '%')
            format += QStringLiteral("%%");
        else if (b == '\\')
            format += QStringLiteral("\\\\");
        else if (b == '\'')
            format += QStringLiteral("'\\''");
        else if (b == '\n')
            format += QStringLiteral("\\n");
        else if (b == '\t')
            format += QStringLiteral("\\t");
        else if (b >= 0x20 && b < 0x7f && !(i == 0 && b == '-')) // a leading '-' would read as an option
            format += QLatin1Char(char(b));
        else
            format += u'\\' + QString::number(b, 8).rightJustified(3, u'0');
    }
    format += u'\'';
    return format;
}

QString replayHost(const QHostAddress &bind)
{
    if (bind == QHostAddress::LocalHostIPv6)
        return QStringLiteral("[::1]");
    if (!bind.isNull() && !bind.isLoopback() && bind != QHostAddress::Any && bind != QHostAddress::AnyIPv4
        && bind != QHostAddress::AnyIPv6)
        return urlHost(bind);
    return QStringLiteral("127.0.0.1");
}

QString replayCommand(const Delivery &delivery, const QString &host, quint16 port)
{
    if (delivery.redacted || delivery.body.size() != delivery.bodySize)
        return QString();
    const QString url = QStringLiteral("http://%1:%2%3")
                            .arg(host)
                            .arg(port)
                            .arg(QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(delivery.path), "/")));
    const QByteArray contentType
        = headerValue(delivery.headers, "content-type").value_or(QByteArrayLiteral("application/json"));

    // Why it looks like this:
    // - The secret is never written into the command (it would sit in the clipboard, clipboard managers
    //   and shell history). The shell computes the signature at replay time from $PEANUTS_SECRET with
    //   `openssl dgst -sha256 -hmac`, the way Peanuts signs. (openssl sees the secret as an argument, so
    //   it is visible in the process list for the few milliseconds openssl runs.)
    // - The body is a printf format (see printfFormat) printed twice by one shell function: once into
    //   openssl, once into curl's --data-binary @-, so both see the very same bytes, and those are the
    //   stored bytes exactly, even when they are not UTF-8 or end without a newline.
    // - A subshell keeps the helper function and variable out of the user's shell, and the command refuses
    //   to run without a secret instead of sending a signature made with an empty key.
    return QStringLiteral(
        "(\n"
        "  [ -n \"$PEANUTS_SECRET\" ] || { echo 'Set PEANUTS_SECRET to the webhook secret first.' >&2; "
        "exit 1; }\n"
        "  body() { printf %1; }\n"
        "  signature=$(body | openssl dgst -sha256 -hmac \"$PEANUTS_SECRET\" | sed 's/^.*= //')\n"
        "  body | curl -sS -X POST %2 -H %3 -H \"X-Peanuts-Signature: $signature\" \\\n"
        "    --data-binary @- -w '\\nHTTP %{http_code}\\n'\n"
        ")\n")
        .arg(printfFormat(delivery.body), shellQuote(url),
            shellQuote(QStringLiteral("Content-Type: ") + headerText(contentType)));
}

} // namespace peanuts

// HAR 1.2 export: a page of deliveries at a time, each entry written as soon as it is read.
#include "store/harwriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace peanuts {

QString statusText(int status)
{
    switch (status) {
    case 200:
        return QStringLiteral("OK");
    case 202:
        return QStringLiteral("Accepted");
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 413:
        return QStringLiteral("Payload Too Large");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 503:
        return QStringLiteral("Service Unavailable");
    default:
        return QString();
    }
}

QJsonObject harEntry(const Delivery &d, LogStore *store)
{
    QJsonObject record = deliveryRecord(d, store);
    // The request carries the headers and the body; "_peanuts" keeps the rest of the JSON line's record.
    QJsonArray headers;
    QString host;
    QString contentType;
    for (const QJsonValue &pair : record.value(QStringLiteral("headers")).toArray()) {
        const QString name = pair.toArray().at(0).toString(), value = pair.toArray().at(1).toString();
        headers.append(QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
        if (name.compare(QLatin1String("host"), Qt::CaseInsensitive) == 0)
            host = value;
        else if (name.compare(QLatin1String("content-type"), Qt::CaseInsensitive) == 0)
            contentType = value;
    }
    for (const char *moved : {"headers", "body", "body_base64"})
        record.remove(QLatin1String(moved));

    QJsonObject postData {{QStringLiteral("mimeType"), contentType}};
    if (d.redacted) {
        postData.insert(QStringLiteral("text"), QString());
        postData.insert(QStringLiteral("comment"), QStringLiteral("the body was redacted"));
    } else if (d.body.isValidUtf8()) {
        postData.insert(QStringLiteral("text"), QString::fromUtf8(d.body));
    } else {
        // HAR has text only: the exact bytes go beside it, the text is their lossy decoding.
        postData.insert(QStringLiteral("text"), QString::fromUtf8(d.body));
        postData.insert(QStringLiteral("_bodyBase64"), QString::fromLatin1(d.body.toBase64()));
    }
    const QString url = QStringLiteral("http://%1%2")
                            .arg(host.isEmpty() ? QStringLiteral("localhost") : host, QString::fromUtf8(d.path));
    const QJsonObject request {
        {QStringLiteral("method"), QString::fromLatin1(d.method)},
        {QStringLiteral("url"), url},
        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("queryString"), QJsonArray()},
        {QStringLiteral("postData"), postData},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), d.bodySize},
    };
    const QJsonObject response {
        {QStringLiteral("status"), d.status},
        {QStringLiteral("statusText"), statusText(d.status)},
        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), QJsonArray()},
        {QStringLiteral("content"),
            QJsonObject {{QStringLiteral("size"), 0}, {QStringLiteral("mimeType"), QString()},
                {QStringLiteral("comment"), QStringLiteral("the log does not keep the answer's headers or body")}}},
        {QStringLiteral("redirectURL"), QString()},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), -1},
    };
    // The log keeps the time from the request's arrival to our answer (schema 10): all of it is waiting,
    // from the client's side. Older rows have none: 0 throughout, which HAR allows.
    const int answerMs = qMax(0, d.answerMs);
    QJsonObject timings {
        {QStringLiteral("send"), 0}, {QStringLiteral("wait"), answerMs}, {QStringLiteral("receive"), 0}};
    if (d.answerMs < 0)
        timings.insert(QStringLiteral("comment"), QStringLiteral("not recorded: received before answers were timed"));
    return QJsonObject {
        {QStringLiteral("startedDateTime"),
            QDateTime::fromMSecsSinceEpoch(d.receivedMs, QTimeZone::utc()).toString(Qt::ISODateWithMs)},
        {QStringLiteral("time"), answerMs},
        {QStringLiteral("request"), request},
        {QStringLiteral("response"), response},
        {QStringLiteral("cache"), QJsonObject()},
        {QStringLiteral("timings"), timings},
        {QStringLiteral("_peanuts"), record},
    };
}

qint64 exportHar(LogStore &store, const ExportSelection &selection, QIODevice &out, QString *error)
{
    QString version = QCoreApplication::applicationVersion();
    if (version.isEmpty())
        version = QStringLiteral(PEANUTS_VERSION);
    const QJsonObject creator {
        {QStringLiteral("name"), QStringLiteral("peanuts-monitor")}, {QStringLiteral("version"), version}};
    const QByteArray head = "{\"log\":{\"version\":\"1.2\",\"creator\":"
        + QJsonDocument(creator).toJson(QJsonDocument::Compact) + ",\"entries\":[\n";
    if (out.write(head) < 0) {
        *error = out.errorString();
        return -1;
    }
    qint64 written = 0;
    const bool ok = forEachDelivery(
        store, selection, true,
        [&](const Delivery &d) {
            const QByteArray entry = QJsonDocument(harEntry(d, &store)).toJson(QJsonDocument::Compact);
            if ((written && out.write(",\n") < 0) || out.write(entry) < 0) {
                *error = out.errorString();
                return false;
            }
            ++written;
            return true;
        },
        error);
    if (!ok)
        return -1;
    if (out.write("\n]}}\n") < 0) {
        *error = out.errorString();
        return -1;
    }
    return written;
}

} // namespace peanuts

// Export records back into deliveries: the request as stored, the outcome as recorded, and the
// event's fields from the body (or, for a redacted body, from what the record says of them).
#include "store/importreader.h"

#include "ingest/money.h"
#include "ingest/signature.h"

#include <QFile>
#include <QJsonDocument>
#include <algorithm>

#include <climits>

namespace peanuts {

namespace {

constexpr qint64 kFarFutureMs = 100LL * 366 * 24 * 3600 * 1000; // the record's time is checked, not the clock

std::optional<Outcome> outcomeFromName(const QString &name)
{
    for (int o = 0; o < int(Outcome::OutcomeCount); ++o)
        if (name == QLatin1String(outcomeName(Outcome(o))))
            return Outcome(o);
    return std::nullopt;
}

EventKind kindOf(const QString &event)
{
    for (EventKind kind : {EventKind::Created, EventKind::Updated, EventKind::Deleted})
        if (event == QLatin1String(eventKindName(kind)))
            return kind;
    return EventKind::Unknown;
}

} // namespace

std::optional<Delivery> deliveryFromRecord(const QJsonObject &r, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<Delivery> {
        *error = why;
        return std::nullopt;
    };
    auto text = [&](const char *key) { return r.value(QLatin1String(key)).toString(); };
    Delivery d;
    d.imported = true;
    const auto received = parseIsoTimestamp(text("received_at"));
    if (!received)
        return fail(ImportReader::tr("received_at must be an ISO-8601 date-time with a zone"));
    d.receivedMs = *received;
    d.remoteAddress = text("remote_address");
    d.forwardedFor = text("forwarded_for");
    d.method = text("method").toLatin1();
    d.path = text("path").toUtf8();
    if (d.method.isEmpty() || d.path.isEmpty())
        return fail(ImportReader::tr("method and path must be non-empty strings"));
    if (r.contains(QLatin1String("headers_raw"))) {
        d.headers = text("headers_raw").toLatin1();
    } else {
        d.headers = QByteArray("");
        for (const QJsonValue &pair : r.value(QLatin1String("headers")).toArray()) {
            const QJsonArray p = pair.toArray();
            if (p.size() != 2 || !p[0].isString() || !p[1].isString())
                return fail(ImportReader::tr("headers must be [name, value] pairs of strings"));
            d.headers += p[0].toString().toLatin1() + ": " + p[1].toString().toLatin1() + '\n';
        }
    }
    const auto outcome = outcomeFromName(text("outcome"));
    if (!outcome)
        return fail(ImportReader::tr("outcome \"%1\" is not one this program records").arg(text("outcome")));
    d.outcome = *outcome;
    const QJsonValue status = r.value(QLatin1String("status"));
    if (!status.isDouble() || status.toInt() < 100 || status.toInt() > 599)
        return fail(ImportReader::tr("status must be an HTTP status code"));
    d.status = status.toInt();
    d.simulated = r.value(QLatin1String("simulated")).toBool();
    if (const QJsonValue answer = r.value(QLatin1String("answer_ms")); !answer.isUndefined()) {
        if (!answer.isDouble() || answer.toDouble() < 0 || answer.toDouble() > INT_MAX
            || answer.toDouble() != double(qint64(answer.toDouble())))
            return fail(ImportReader::tr("answer_ms must be a whole number of milliseconds"));
        d.answerMs = answer.toInt();
    }
    d.reason = text("reason");
    d.secretLabel = text("secret_label");

    d.redacted = r.value(QLatin1String("redacted")).toBool();
    const bool truncated = r.value(QLatin1String("body_truncated")).toBool();
    if (!d.redacted) {
        if (r.contains(QLatin1String("body_base64"))) {
            auto decoded = QByteArray::fromBase64Encoding(
                text("body_base64").toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return fail(ImportReader::tr("body_base64 is not base64"));
            d.body = *decoded;
        } else if (r.value(QLatin1String("body")).isString()) {
            d.body = text("body").toUtf8();
        } else {
            return fail(ImportReader::tr("the record has no body (body, body_base64, or redacted)"));
        }
    }
    if (d.body.isNull())
        d.body = QByteArray("");
    const QJsonValue size = r.value(QLatin1String("body_size"));
    d.bodySize = size.isDouble() ? qint64(size.toDouble()) : d.body.size();
    if (d.bodySize < d.body.size() || (!truncated && !d.redacted && d.bodySize != d.body.size()))
        return fail(
            ImportReader::tr("body_size %1 does not match the body's %2 bytes").arg(d.bodySize).arg(d.body.size()));
    const QByteArray hash = QByteArray::fromHex(text("body_sha256").toLatin1());
    if (d.redacted || truncated) {
        if (hash.size() != 32)
            return fail(ImportReader::tr("body_sha256 must be 64 hex digits for a redacted or truncated body"));
        d.bodySha256 = hash;
    } else {
        d.bodySha256 = sha256(d.body);
        if (r.contains(QLatin1String("body_sha256")) && hash != d.bodySha256)
            return fail(ImportReader::tr("body_sha256 does not match the body"));
    }

    if (r.value(QLatin1String("event")).isString()) {
        std::optional<ParsedEvent> parsed;
        if (!d.redacted && !truncated)
            parsed = parseEvent(d.body, d.receivedMs, kFarFutureMs).event;
        if (!parsed) {
            // No body to read it from: the record's fields, as the log stored them.
            ParsedEvent ev;
            ev.event = text("event");
            ev.kind = kindOf(ev.event);
            const auto at = parseIsoTimestamp(text("event_at"));
            if (!at && d.outcome == Outcome::Accepted)
                return fail(ImportReader::tr("an accepted delivery without its body needs event_at"));
            ev.timestampMs = at.value_or(0);
            ev.entryId = text("entry_id");
            ev.helperId = text("helper_id");
            ev.helperName = text("helper");
            ev.helperCommand = text("helper_command");
            if (const auto created = parseIsoTimestamp(text("entry_created_at")))
                ev.createdAtMs = *created;
            if (r.contains(QLatin1String("amount"))) {
                ev.amountCents = decimalToCents(text("amount").toUtf8());
                if (!ev.amountCents)
                    return fail(ImportReader::tr("amount \"%1\" is not a decimal number").arg(text("amount")));
            }
            ev.amountPresent = ev.amountCents.has_value() || r.value(QLatin1String("amount_flagged")).toBool();
            if (r.contains(QLatin1String("category")))
                ev.category = text("category");
            parsed = ev;
        }
        d.event = parsed;
    }
    return d;
}

std::optional<QJsonObject> recordFromHarEntry(const QJsonObject &entry, QString *error)
{
    QJsonObject record = entry.value(QLatin1String("_peanuts")).toObject();
    if (record.isEmpty()) {
        *error = ImportReader::tr("the entry has no \"_peanuts\" record: only HAR written by peanuts-monitor says what "
                                  "was decided for each delivery");
        return std::nullopt;
    }
    const QJsonObject request = entry.value(QLatin1String("request")).toObject();
    if (!record.contains(QLatin1String("headers_raw"))) {
        QJsonArray pairs;
        for (const QJsonValue &h : request.value(QLatin1String("headers")).toArray())
            pairs.append(QJsonArray {h.toObject().value(QLatin1String("name")).toString(),
                h.toObject().value(QLatin1String("value")).toString()});
        record.insert(QStringLiteral("headers"), pairs);
    }
    const QJsonObject postData = request.value(QLatin1String("postData")).toObject();
    if (!record.value(QLatin1String("redacted")).toBool()) {
        if (postData.contains(QLatin1String("_bodyBase64")))
            record.insert(QStringLiteral("body_base64"), postData.value(QLatin1String("_bodyBase64")));
        else
            record.insert(QStringLiteral("body"), postData.value(QLatin1String("text")).toString());
    }
    return record;
}

bool ImportReader::add(
    int file, qint64 offset, qint64 length, const QJsonObject &record, const QString &where, QString *error)
{
    QString why;
    const auto delivery = deliveryFromRecord(record, &why);
    if (!delivery) {
        *error = QStringLiteral("%1: %2").arg(where, why);
        return false;
    }
    m_records.push_back(
        Ref {delivery->receivedMs, qint64(record.value(QLatin1String("id")).toDouble()), file, offset, length});
    return true;
}

bool ImportReader::readJsonLines(int file, QString *error)
{
    QFile in(m_sources[file].path);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = ImportReader::tr("cannot read %1: %2").arg(in.fileName(), in.errorString());
        return false;
    }
    qint64 lineNo = 0;
    while (!in.atEnd()) {
        const qint64 offset = in.pos();
        const QByteArray line = in.readLine();
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        const QString where = QStringLiteral("%1:%2").arg(in.fileName()).arg(lineNo);
        if (!doc.isObject()) {
            *error = ImportReader::tr("%1: not a JSON object (%2)")
                         .arg(where, parseError.error ? parseError.errorString() : ImportReader::tr("another value"));
            return false;
        }
        if (!add(file, offset, line.size(), doc.object(), where, error))
            return false;
    }
    return true;
}

bool ImportReader::readHar(int file, const QByteArray &bytes, QString *error)
{
    Source &source = m_sources[file];
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    const QJsonObject log = doc.object().value(QLatin1String("log")).toObject();
    if (parseError.error || !log.value(QLatin1String("entries")).isArray()) {
        *error
            = ImportReader::tr("%1: not JSON lines, and not a HAR file (%2)")
                  .arg(source.path, parseError.error ? parseError.errorString() : ImportReader::tr("no log.entries"));
        return false;
    }
    source.har = true;
    source.entries = log.value(QLatin1String("entries")).toArray();
    for (qsizetype i = 0; i < source.entries.size(); ++i) {
        const QString where = ImportReader::tr("%1: entry %2").arg(source.path).arg(i + 1);
        const auto record = recordFromHarEntry(source.entries.at(i).toObject(), error);
        if (!record) {
            *error = QStringLiteral("%1: %2").arg(where, *error);
            return false;
        }
        if (!add(file, i, 0, *record, where, error))
            return false;
    }
    return true;
}

bool ImportReader::open(const QStringList &paths, QString *error)
{
    m_sources.clear();
    m_records.clear();
    m_next = 0;
    for (const QString &path : paths) {
        const int file = int(m_sources.size());
        m_sources.append(Source {path, false, {}});
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly)) {
            *error = ImportReader::tr("cannot read %1: %2").arg(path, in.errorString());
            return false;
        }
        // A JSON lines file's first line is a whole object; a HAR file's (ours, or indented) is not,
        // unless the whole document is on it, and then it has "log".
        const QByteArray first = in.readLine();
        const QJsonDocument firstDoc = QJsonDocument::fromJson(first);
        const bool har = !firstDoc.isObject() || firstDoc.object().contains(QLatin1String("log"));
        if (har) {
            in.seek(0);
            if (!readHar(file, in.readAll(), error))
                return false;
        } else if (!readJsonLines(file, error)) {
            return false;
        }
    }
    std::stable_sort(m_records.begin(), m_records.end(), [](const Ref &a, const Ref &b) {
        return a.receivedMs != b.receivedMs ? a.receivedMs < b.receivedMs : a.exportedId < b.exportedId;
    });
    return true;
}

std::optional<QList<Delivery>> ImportReader::next(int n, QString *error)
{
    QList<Delivery> batch;
    QFile in;
    int openFile = -1;
    for (; m_next < count() && batch.size() < n; ++m_next) {
        const Ref &ref = m_records[size_t(m_next)];
        const Source &source = m_sources[ref.file];
        QJsonObject record;
        if (source.har) {
            const auto fromHar = recordFromHarEntry(source.entries.at(ref.offset).toObject(), error);
            if (!fromHar)
                return std::nullopt;
            record = *fromHar;
        } else {
            if (openFile != ref.file) {
                in.close();
                in.setFileName(source.path);
                if (!in.open(QIODevice::ReadOnly)) {
                    *error = ImportReader::tr("cannot read %1: %2").arg(source.path, in.errorString());
                    return std::nullopt;
                }
                openFile = ref.file;
            }
            in.seek(ref.offset);
            record = QJsonDocument::fromJson(in.read(ref.length)).object();
        }
        QString why;
        auto delivery = deliveryFromRecord(record, &why);
        if (!delivery) {
            *error = ImportReader::tr("%1 changed while it was imported: %2").arg(source.path, why);
            return std::nullopt;
        }
        batch.append(std::move(*delivery));
    }
    return batch;
}

} // namespace peanuts

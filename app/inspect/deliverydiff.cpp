// Headers by name, bodies through jsondiff (members and array elements, unchanged ones kept), text by line.
#include "inspect/deliverydiff.h"

#include "inspect/headerlines.h"
#include "json/jsontree.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace peanuts {

namespace {

struct NamedLine
{
    QString key; // lowercase name, with " #n" for the n-th line of a repeated header
    QString path; // the name as received, with the same suffix
    QString value;
};

QList<NamedLine> namedLines(const QByteArray &headers)
{
    QList<NamedLine> lines;
    QHash<QString, int> seen;
    for (const auto &[name, value] : headerLines(headers)) {
        const QString text = headerText(name);
        const int n = ++seen[text.toLower()];
        const QString suffix = n > 1 ? QStringLiteral(" #%1").arg(n) : QString();
        lines.append({text.toLower() + suffix, text + suffix, headerText(value)});
    }
    return lines;
}

// What the body holds, in words, when it is not the whole of what was received.
QString missingPart(const Delivery &d, bool left)
{
    if (d.redacted)
        return left ? QCoreApplication::translate("DeliveryDiff", "the left body was redacted")
                    : QCoreApplication::translate("DeliveryDiff", "the right body was redacted");
    if (d.bodySize > d.body.size())
        return (left
                ? QCoreApplication::translate("DeliveryDiff", "the left body was kept only in part (%1 of %2 bytes)")
                : QCoreApplication::translate("DeliveryDiff", "the right body was kept only in part (%1 of %2 bytes)"))
            .arg(d.body.size())
            .arg(d.bodySize);
    return QString();
}

QString bodyText(const QByteArray &body)
{
    return headerText(body); // UTF-8 when it is, else one character per byte
}

} // namespace

QList<JsonChange> diffHeaderLines(const QByteArray &left, const QByteArray &right)
{
    const QList<NamedLine> before = namedLines(left);
    const QList<NamedLine> after = namedLines(right);
    QHash<QString, const NamedLine *> old;
    for (const NamedLine &line : before)
        old.insert(line.key, &line);
    QList<JsonChange> rows;
    // In the right's order, then what only the left had, in its order.
    for (const NamedLine &line : after) {
        const NamedLine *was = old.value(line.key);
        if (!was)
            rows.append({JsonChange::Kind::Added, line.path, QString(), line.value});
        else
            rows.append({was->value == line.value ? JsonChange::Kind::Same : JsonChange::Kind::Changed, line.path,
                was->value, line.value});
    }
    QHash<QString, bool> present;
    for (const NamedLine &line : after)
        present.insert(line.key, true);
    for (const NamedLine &line : before) {
        if (!present.contains(line.key))
            rows.append({JsonChange::Kind::Removed, line.path, line.value, QString()});
    }
    return rows;
}

QList<JsonChange> diffTextLines(const QString &left, const QString &right)
{
    const QStringList before = left.isEmpty() ? QStringList() : left.split(u'\n');
    const QStringList after = right.isEmpty() ? QStringList() : right.split(u'\n');
    QList<JsonChange> rows;
    for (qsizetype i = 0; i < std::max(before.size(), after.size()); ++i) {
        const QString path = QCoreApplication::translate("DeliveryDiff", "line %1").arg(i + 1);
        if (i >= before.size())
            rows.append({JsonChange::Kind::Added, path, QString(), after[i]});
        else if (i >= after.size())
            rows.append({JsonChange::Kind::Removed, path, before[i], QString()});
        else
            rows.append({before[i] == after[i] ? JsonChange::Kind::Same : JsonChange::Kind::Changed, path, before[i],
                after[i]});
    }
    return rows;
}

DeliveryDiff diffDeliveries(const Delivery &left, const Delivery &right)
{
    DeliveryDiff diff;
    diff.leftId = left.id;
    diff.rightId = right.id;
    diff.headers = diffHeaderLines(left.headers, right.headers);

    QStringList notes;
    for (const QString &note : {missingPart(left, true), missingPart(right, false)})
        if (!note.isEmpty())
            notes.append(note);
    const JsonParse a = parseJsonTree(left.body);
    const JsonParse b = parseJsonTree(right.body);
    if (a.tree && b.tree) {
        diff.bodyAsJson = true;
        JsonDiffOptions options;
        options.withSame = true;
        options.arraysByIndex = true;
        diff.body = diffJson(a.tree.get(), a.tree->top.get(), b.tree.get(), b.tree->top.get(), QString(), options);
    } else {
        // A body that is not JSON (a refusal, a redaction) is compared as text.
        if (!left.redacted && !a.tree)
            notes.append(left.body.isEmpty()
                    ? QCoreApplication::translate("DeliveryDiff", "the left body is empty")
                    : QCoreApplication::translate("DeliveryDiff", "the left body is not JSON"));
        if (!right.redacted && !b.tree)
            notes.append(right.body.isEmpty()
                    ? QCoreApplication::translate("DeliveryDiff", "the right body is empty")
                    : QCoreApplication::translate("DeliveryDiff", "the right body is not JSON"));
        notes.append(QCoreApplication::translate("DeliveryDiff", "compared line by line"));
        diff.body = diffTextLines(bodyText(left.body), bodyText(right.body));
    }
    diff.bodyNote = notes.join(QCoreApplication::translate("DeliveryDiff", "; ", "between notes"));
    if (!diff.bodyNote.isEmpty())
        diff.bodyNote[0] = diff.bodyNote[0].toUpper();
    return diff;
}

} // namespace peanuts

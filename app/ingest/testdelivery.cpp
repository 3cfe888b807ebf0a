// The test delivery: the sample's own bytes with three string values replaced in place, so that the
// members keep the sample's order and spelling (re-encoding through QJsonObject would sort them).
#include "ingest/testdelivery.h"

#include "ingest/signature.h"
#include "json/jsontree.h"

#include <QFile>

#include <algorithm>
#include <vector>

namespace peanuts {

namespace {
const QString kSample = QStringLiteral(":/samples/mock-entry.json");
}

QByteArray testDeliveryBody(const QDateTime &now)
{
    QFile file(kSample);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    const JsonParse parsed = parseJsonTree(file.readAll());
    if (!parsed.tree)
        return QByteArray();
    const JsonNode *top = parsed.tree->top.get();
    const JsonNode *entry = top->member(QStringLiteral("entry"));
    const QByteArray stamp = '"' + now.toUTC().toString(Qt::ISODateWithMs).toLatin1() + '"';
    const QByteArray id = "\"test-" + QByteArray::number(now.toMSecsSinceEpoch()) + '"';
    std::vector<std::pair<const JsonNode *, QByteArray>> replacements {
        {top->member(QStringLiteral("timestamp")), stamp},
        {entry ? entry->member(QStringLiteral("created_at")) : nullptr, stamp},
        {entry ? entry->member(QStringLiteral("id")) : nullptr, id},
    };
    for (const auto &[node, text] : replacements) {
        if (!node || node->kind != JsonNode::Kind::String)
            return QByteArray();
    }
    // From the end backwards, so that the offsets still to be used stay valid.
    std::sort(replacements.begin(), replacements.end(),
        [](const auto &a, const auto &b) { return a.first->begin > b.first->begin; });
    QByteArray body = parsed.tree->source;
    for (const auto &[node, text] : replacements)
        body.replace(node->begin, node->end - node->begin, text);
    return body;
}

std::optional<TestDelivery> makeTestDelivery(const SignatureVerifier &verifier, const QDateTime &now)
{
    TestDelivery delivery;
    delivery.body = testDeliveryBody(now);
    if (delivery.body.isEmpty())
        return std::nullopt;
    const std::optional<QByteArray> signature = verifier.signWithFirst(delivery.body);
    if (!signature)
        return std::nullopt;
    delivery.signature = *signature;
    return delivery;
}

} // namespace peanuts

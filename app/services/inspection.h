// What the inspector shows of one delivery, prepared on a store thread: the delivery, its body parsed
// and re-indented, the signatures expected under today's secrets, and its entry's history.
#pragma once

#include "data/records.h"
#include "ingest/delivery.h"
#include "inspect/entryhistory.h"
#include "json/jsontree.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

class QObject;

namespace peanuts {

class SignatureVerifier;
class Store;
class StoreWorker;

struct Inspection
{
    qint64 id = 0;
    std::optional<Delivery> delivery; // nullopt: not in the database (any more)
    JsonParse json; // of the body
    QString pretty; // the body re-indented, when it is JSON
    QString event; // from the receiver's parse, else read from the body
    QString entryId;
    bool fromBody = false; // event and entryId come from a body the receiver refused
    bool bodyWhole = false; // the stored bytes are the whole body: signatures can be recomputed
    QList<QPair<QString, QByteArray>> expected; // label, lowercase hex: for each configured secret
    QList<DeliveryRow> attempts; // this delivery's attempts (a Peanuts retry and its first), when more than one
    QList<HistoryVersion> history;
    QString historyError;
};

// Reads and prepares delivery id from store (on the store's thread).
Inspection inspectDelivery(Store &store, qint64 id, const SignatureVerifier &verifier);

// inspectDelivery on worker's thread, done(result) on the calling thread while receiver exists (see
// askStore). verifier must outlive the worker's queue (the receiver core's does).
void requestInspection(StoreWorker *worker, QObject *receiver, qint64 id, const SignatureVerifier *verifier,
    std::function<void(std::shared_ptr<const Inspection>)> done);

} // namespace peanuts

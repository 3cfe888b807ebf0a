// In-order answers by ticket, with every ticket checked before use.
#include "http/answerqueue.h"

namespace peanuts {

namespace {

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 417:
        return "Expectation Failed";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

QByteArray httpResponse(int status, const QByteArray &body, const QByteArray &extraHeaders, bool close, bool head)
{
    QByteArray out;
    out.reserve(120 + body.size() + extraHeaders.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\nContent-Type: application/json\r\nContent-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n";
    out += extraHeaders;
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!head)
        out += body;
    return out;
}

AnswerQueue::Slot *AnswerQueue::slot(quint64 ticket)
{
    if (ticket < m_first || ticket >= m_next)
        return nullptr;
    return &m_slots[size_t(ticket - m_first)];
}

quint64 AnswerQueue::open(bool close, bool head)
{
    Slot s;
    s.answer.close = close;
    s.head = head;
    m_slots.push_back(s);
    return m_next++;
}

std::optional<quint64> AnswerQueue::handOver()
{
    if (m_nextHandedOut == m_next || m_closed)
        return std::nullopt;
    return m_nextHandedOut++;
}

bool AnswerQueue::answer(quint64 ticket, int status, const QByteArray &body, const QByteArray &extraHeaders)
{
    Slot *s = handedOver(ticket) ? slot(ticket) : nullptr;
    if (!s || s->ready)
        return false;
    s->answer.bytes = httpResponse(status, body, extraHeaders, s->answer.close, s->head);
    s->ready = true;
    s->continuePending = false;
    return true;
}

void AnswerQueue::refuse(std::optional<quint64> current, int status, const QByteArray &body)
{
    if (m_closed)
        return;
    // The current request keeps its place unless QHttpServer has it already: then the two disagreed
    // on where it ended, and the refusal takes a place of its own at the end of the line.
    Slot *refused = current && !handedOver(*current) ? slot(*current) : nullptr;
    const quint64 refusedTicket = refused ? *current : open(true, false);
    for (quint64 t = m_nextHandedOut; t < refusedTicket; ++t) {
        Slot *s = slot(t);
        s->answer.bytes = httpResponse(503,
            QByteArrayLiteral("{\"error\":\"not processed: a later request on this connection was refused; retry\"}"),
            QByteArrayLiteral("Retry-After: 1\r\n"), s->answer.close, s->head);
        s->ready = true;
    }
    Slot *s = slot(refusedTicket);
    s->answer.close = true;
    s->answer.bytes = httpResponse(status, body, QByteArray(), true, s->head);
    s->ready = true;
    s->continuePending = false;
    // Nothing after the refusal is answered: drop what follows it, and let nothing be handed over.
    while (m_next > refusedTicket + 1) {
        m_slots.pop_back();
        --m_next;
    }
    m_nextHandedOut = m_next;
    m_closed = true;
}

void AnswerQueue::expectContinue(quint64 ticket)
{
    if (Slot *s = slot(ticket); s && !s->ready)
        s->continuePending = true;
}

QByteArray AnswerQueue::takeContinue()
{
    if (m_slots.empty() || m_slots.front().ready || !m_slots.front().continuePending)
        return QByteArray();
    m_slots.front().continuePending = false;
    return QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n");
}

std::optional<AnswerQueue::Answer> AnswerQueue::takeReady()
{
    if (m_slots.empty() || !m_slots.front().ready)
        return std::nullopt;
    Answer answer = std::move(m_slots.front().answer);
    m_slots.pop_front();
    ++m_first;
    if (answer.close)
        clear(); // nothing is answered after it
    return answer;
}

void AnswerQueue::clear()
{
    m_slots.clear();
    m_first = m_next;
    m_nextHandedOut = m_next;
    m_closed = true;
}

} // namespace peanuts

// What the HTTP tests share beyond testsupport: a plain POSIX client socket, the process's open
// descriptors and live heap, and a wait for a job on the store's reader.
#pragma once

#include "receivercore.h"
#include "store/store.h"
#include "store/storeworker.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QDir>

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <functional>
#include <future>
#include <malloc.h>
#include <memory>
#include <netinet/in.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace httpprobe {

// A plain POSIX socket, for what QTcpSocket cannot do: read the server's FIN and keep sending.
class PlainClient
{
public:
    explicit PlainClient(quint16 port)
        : m_fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0))
    {
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_open = m_fd >= 0 && ::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
        if (m_open)
            ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    }
    ~PlainClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Q_DISABLE_COPY_MOVE(PlainClient)

    bool isOpen() const { return m_open; }
    bool peerClosed() const { return m_peerClosed; }
    QByteArray received() const { return m_received; }

    // Sends what the kernel takes within timeoutMs; stops at the first error (the peer reset).
    qint64 send(const QByteArray &bytes, int timeoutMs)
    {
        qint64 sent = 0;
        const QDeadlineTimer deadline(timeoutMs);
        while (sent < bytes.size() && !m_sendFailed) {
            const ssize_t n
                = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += n;
                continue;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                m_sendFailed = true;
                break;
            }
            if (deadline.hasExpired())
                break;
            pollfd p {m_fd, POLLOUT, 0};
            ::poll(&p, 1, int(qMin<qint64>(deadline.remainingTime(), 50)));
        }
        return sent;
    }
    bool sendFailed() const { return m_sendFailed; }

    // Reads until `until` holds, the peer closes (FIN or reset) or timeoutMs passes.
    template<typename Predicate> void readUntil(int timeoutMs, Predicate until)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (!m_peerClosed && !until() && !deadline.hasExpired()) {
            pollfd p {m_fd, POLLIN, 0};
            if (::poll(&p, 1, int(qMin<qint64>(deadline.remainingTime(), 50))) <= 0)
                continue;
            char buffer[16384];
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n > 0)
                m_received.append(buffer, n);
            else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
                m_peerClosed = true;
        }
    }
    bool waitForClose(int timeoutMs)
    {
        readUntil(timeoutMs, [] { return false; });
        return m_peerClosed;
    }

private:
    int m_fd;
    bool m_open = false;
    bool m_peerClosed = false;
    bool m_sendFailed = false;
    QByteArray m_received;
};

inline int openDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::System).size());
}

// Bytes allocated on the heap and not freed yet, in the whole process (the server's threads too).
inline qint64 liveHeapBytes()
{
#if defined(__SANITIZE_ADDRESS__)
    return qint64(__sanitizer_get_current_allocated_bytes());
#else
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
#endif
}

// Runs job on the store's read connection and waits for its result.
template<typename T> std::optional<T> readStore(peanuts::ReceiverCore &core, std::function<T(peanuts::Store &)> job)
{
    auto promise = std::make_shared<std::promise<T>>();
    std::future<T> result = promise->get_future();
    core.reader()->run([promise, job](peanuts::Store &store) { promise->set_value(job(store)); });
    if (result.wait_for(std::chrono::seconds(10)) != std::future_status::ready)
        return std::nullopt;
    return result.get();
}

} // namespace httpprobe

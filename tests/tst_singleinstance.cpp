// Tests for the single instance: keys per database and user, a second launch reaching the first, names
// freed on exit, and sockets left by a crashed instance not standing in the way.
#include "platform/singleinstance.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLocalSocket>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <cstring>
#include <functional>
#include <memory>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace peanuts;

namespace {

// Runs f on another thread while this one keeps serving events: the first instance answers from this
// thread's event loop, and the second one's calls block until answered.
void runBeside(const std::function<void()> &f)
{
    std::unique_ptr<QThread> thread(QThread::create(f));
    thread->start();
    QTRY_VERIFY_WITH_TIMEOUT(thread->isFinished(), 10'000);
    thread->wait();
}

bool notifyFromAnotherThread(const QString &key, int timeoutMs = 2000)
{
    std::atomic<bool> answered {false};
    runBeside([&] {
        SingleInstance second(key);
        answered = second.notifyRunning(timeoutMs);
    });
    return answered;
}

// What a crashed instance leaves behind: a socket file nobody listens on.
bool makeStaleSocket(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (size_t(native.size()) >= sizeof(address.sun_path))
        return false;
    std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    const bool bound
        = ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0 && ::listen(fd, 1) == 0;
    ::close(fd); // the file stays, as after kill -9
    return bound && QFile::exists(path);
}

} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void keyForDatabase();
    void keyIsStableAcrossSpellingsAndCreation();
    void secondInstanceActivatesFirst();
    void bareKey();
    void otherKeyFindsNobody();
    void listenDoesNotTakeALiveName();
    void nameIsFreedWithTheInstance();
    void staleSocketFile_data();
    void staleSocketFile();
    void unknownRequestIsRefused();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    // A socket path of this test's own, so that tests never meet a real instance (or each other).
    QString key(const QString &name) const { return m_dir->filePath(name); }
};

void TestSingleInstance::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSingleInstance::keyForDatabase()
{
    const QString key = SingleInstance::keyForDatabase(m_dir->filePath(QStringLiteral("peanuts.db")));
    QVERIFY2(key.startsWith(QStringLiteral("peanuts-monitor-")), qPrintable(key));
    const QString hash = key.mid(int(qstrlen("peanuts-monitor-")));
    QVERIFY(hash.size() >= 8 && hash.size() <= 32);
    for (const QChar c : hash)
        QVERIFY2((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')),
            qPrintable(key));
    QCOMPARE(SingleInstance::keyForDatabase(m_dir->filePath(QStringLiteral("peanuts.db"))), key); // stable
    QVERIFY(SingleInstance::keyForDatabase(m_dir->filePath(QStringLiteral("other.db"))) != key);
}

void TestSingleInstance::keyIsStableAcrossSpellingsAndCreation()
{
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("data/sub")));
    const QString db = m_dir->filePath(QStringLiteral("data/peanuts.db"));
    const QString before = SingleInstance::keyForDatabase(db); // not created yet

    QCOMPARE(SingleInstance::keyForDatabase(m_dir->filePath(QStringLiteral("data/sub/../peanuts.db"))), before);
    QCOMPARE(SingleInstance::keyForDatabase(m_dir->filePath(QStringLiteral("data//./peanuts.db"))), before);
    const QString oldCurrent = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir->filePath(QStringLiteral("data"))));
    const QString relative = SingleInstance::keyForDatabase(QStringLiteral("peanuts.db"));
    QVERIFY(QDir::setCurrent(oldCurrent));
    QCOMPARE(relative, before);

    // Through a link to the directory, before and after the file exists.
    QVERIFY(QFile::link(m_dir->filePath(QStringLiteral("data")), m_dir->filePath(QStringLiteral("link"))));
    QCOMPARE(SingleInstance::keyForDatabase(m_dir->filePath(QStringLiteral("link/peanuts.db"))), before);
    QFile file(db);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QCOMPARE(SingleInstance::keyForDatabase(db), before);
    QCOMPARE(SingleInstance::keyForDatabase(m_dir->filePath(QStringLiteral("link/peanuts.db"))), before);
}

void TestSingleInstance::secondInstanceActivatesFirst()
{
    SingleInstance first(key(QStringLiteral("instance")));
    QSignalSpy activated(&first, &SingleInstance::activationRequested);
    QVERIFY(first.listen());
    QVERIFY(first.listen()); // idempotent

    QVERIFY(notifyFromAnotherThread(key(QStringLiteral("instance"))));
    QTRY_COMPARE(activated.size(), 1);
    QVERIFY(notifyFromAnotherThread(key(QStringLiteral("instance"))));
    QTRY_COMPARE(activated.size(), 2);
}

// The form main.cpp uses: a key without a directory, placed by the class (runtime or temporary directory).
void TestSingleInstance::bareKey()
{
    const QString bare = QStringLiteral("peanuts-monitor-test-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    {
        SingleInstance first(bare);
        QSignalSpy activated(&first, &SingleInstance::activationRequested);
        QVERIFY(first.listen());
        QVERIFY(notifyFromAnotherThread(bare));
        QTRY_COMPARE(activated.size(), 1);
    }
    SingleInstance after(bare);
    QVERIFY(!after.notifyRunning(500));
}

void TestSingleInstance::otherKeyFindsNobody()
{
    SingleInstance first(key(QStringLiteral("one")));
    QSignalSpy activated(&first, &SingleInstance::activationRequested);
    QVERIFY(first.listen());

    SingleInstance other(key(QStringLiteral("two")));
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(!other.notifyRunning(1000));
    QVERIFY2(elapsed.elapsed() < 500, "nobody to ask should fail at once, not at the timeout");
    QVERIFY(other.listen()); // a second database has its own window
    QTest::qWait(50);
    QCOMPARE(activated.size(), 0);
}

// listen() on a name a live instance holds fails, and the live instance stays reachable.
void TestSingleInstance::listenDoesNotTakeALiveName()
{
    SingleInstance first(key(QStringLiteral("live")));
    QSignalSpy activated(&first, &SingleInstance::activationRequested);
    QVERIFY(first.listen());

    {
        SingleInstance usurper(key(QStringLiteral("live")));
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("another instance already listens")));
        QVERIFY(!usurper.listen());
    }
    QVERIFY(QFile::exists(key(QStringLiteral("live"))));
    QVERIFY(notifyFromAnotherThread(key(QStringLiteral("live"))));
    QTRY_COMPARE(activated.size(), 1);
}

void TestSingleInstance::nameIsFreedWithTheInstance()
{
    {
        SingleInstance first(key(QStringLiteral("freed")));
        QVERIFY(first.listen());
    }
    QVERIFY(!QFile::exists(key(QStringLiteral("freed"))));
    SingleInstance second(key(QStringLiteral("freed")));
    QVERIFY(!second.notifyRunning(500));
    QVERIFY(second.listen());
    QSignalSpy activated(&second, &SingleInstance::activationRequested);
    QVERIFY(notifyFromAnotherThread(key(QStringLiteral("freed"))));
    QTRY_COMPARE(activated.size(), 1);
}

void TestSingleInstance::staleSocketFile_data()
{
    QTest::addColumn<bool>("socket"); // a real socket file, or a plain file in its place
    QTest::newRow("socket left by a crash") << true;
    QTest::newRow("plain file") << false;
}

void TestSingleInstance::staleSocketFile()
{
    QFETCH(bool, socket);
    const QString path = key(QStringLiteral("stale"));
    if (socket) {
        QVERIFY(makeStaleSocket(path));
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("left over");
    }

    SingleInstance next(path);
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(!next.notifyRunning(1000));
    QVERIFY2(elapsed.elapsed() < 500, "a dead socket should refuse at once");
    QVERIFY(next.listen());
    QSignalSpy activated(&next, &SingleInstance::activationRequested);
    QVERIFY(notifyFromAnotherThread(path));
    QTRY_COMPARE(activated.size(), 1);
}

// A peer that says something else gets no "ok" and does not bring the window forward.
void TestSingleInstance::unknownRequestIsRefused()
{
    SingleInstance first(key(QStringLiteral("strict")));
    QSignalSpy activated(&first, &SingleInstance::activationRequested);
    QVERIFY(first.listen());

    QByteArray answer = "none";
    runBeside([&] {
        QLocalSocket socket;
        socket.connectToServer(key(QStringLiteral("strict")));
        if (!socket.waitForConnected(2000))
            return;
        socket.write("hello\n");
        socket.waitForBytesWritten(2000);
        answer.clear();
        while (socket.state() == QLocalSocket::ConnectedState && socket.waitForReadyRead(2000))
            answer += socket.readAll();
        answer += socket.readAll();
    });
    QCOMPARE(answer, QByteArray());
    QTest::qWait(50);
    QCOMPARE(activated.size(), 0);
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"

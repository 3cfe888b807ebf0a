#include "pipeline/urlpolicy.h"

#include "http/urlhost.h"

namespace peanuts {

namespace {

bool inV4(quint32 address, quint32 network, int prefix)
{
    const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
    return (address & mask) == (network & mask);
}

quint32 v4(int a, int b, int c, int d)
{
    return quint32(a) << 24 | quint32(b) << 16 | quint32(c) << 8 | quint32(d);
}

bool isNonPublicV4(quint32 a)
{
    return inV4(a, v4(0, 0, 0, 0), 8) // "this network", the unspecified address
        || inV4(a, v4(10, 0, 0, 0), 8) // RFC 1918
        || inV4(a, v4(100, 64, 0, 0), 10) // shared address space (carrier-grade NAT)
        || inV4(a, v4(127, 0, 0, 0), 8) // loopback
        || inV4(a, v4(169, 254, 0, 0), 16) // link-local, the cloud metadata address 169.254.169.254 among them
        || inV4(a, v4(172, 16, 0, 0), 12) // RFC 1918
        || inV4(a, v4(192, 0, 0, 0), 24) // IETF protocol assignments
        || inV4(a, v4(192, 168, 0, 0), 16) // RFC 1918
        || inV4(a, v4(198, 18, 0, 0), 15) // benchmarking
        || inV4(a, v4(224, 0, 0, 0), 4) // multicast
        || inV4(a, v4(240, 0, 0, 0), 4); // reserved, broadcast
}

quint32 embeddedV4(const Q_IPV6ADDR &b, int at)
{
    return quint32(b[at]) << 24 | quint32(b[at + 1]) << 16 | quint32(b[at + 2]) << 8 | quint32(b[at + 3]);
}

bool isNonPublicV6(const Q_IPV6ADDR &b)
{
    bool zeros96 = true; // ::/96: the unspecified address, loopback, and the old IPv4-compatible form
    for (int i = 0; i < 12; ++i)
        zeros96 = zeros96 && b[i] == 0;
    if (zeros96) {
        const quint32 low = embeddedV4(b, 12);
        return low <= 1 || isNonPublicV4(low);
    }
    if ((b[0] & 0xfe) == 0xfc) // fc00::/7 unique local, fd00:ec2::254 (the cloud metadata address) among them
        return true;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) // fe80::/10 link-local
        return true;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) // fec0::/10 site-local (deprecated, still private)
        return true;
    if (b[0] == 0xff) // multicast
        return true;
    // 64:ff9b::/96 NAT64 and 2002::/16 6to4 carry an IPv4 address that decides.
    static const quint8 nat64[12] = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    bool isNat64 = true;
    for (int i = 0; i < 12; ++i)
        isNat64 = isNat64 && b[i] == nat64[i];
    if (isNat64)
        return isNonPublicV4(embeddedV4(b, 12));
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01)
        return true; // 64:ff9b:1::/48, local-use NAT64
    if (b[0] == 0x20 && b[1] == 0x02)
        return isNonPublicV4(embeddedV4(b, 2));
    return false;
}

bool isLoopbackName(const QString &host)
{
    QString name = host.toLower();
    if (name.endsWith(u'.'))
        name.chop(1);
    return name == u"localhost" || name.endsWith(u".localhost") || name == u"localhost.localdomain"
        || name == u"ip6-localhost" || name == u"ip6-loopback";
}

constexpr const char *kContext = "UrlPolicy";

QString privateRefusal(TextLanguage language, const QString &what)
{
    return displayText(language, kContext,
        QT_TRANSLATE_NOOP("UrlPolicy",
            "alert URLs may not reach private, loopback, link-local or cloud-metadata addresses (%1); allow private "
            "addresses for alerts in the settings to use it"))
        .arg(what);
}

} // namespace

bool isNonPublicAddress(const QHostAddress &address)
{
    if (address.isNull())
        return true; // nothing to reach: never treat it as public
    if (address.protocol() == QAbstractSocket::IPv4Protocol)
        return isNonPublicV4(address.toIPv4Address());
    bool mapped = false;
    const quint32 asV4 = address.toIPv4Address(&mapped); // ::ffff:a.b.c.d
    if (mapped)
        return isNonPublicV4(asV4);
    return isNonPublicV6(address.toIPv6Address());
}

QString checkOutgoingUrl(const QUrl &url, UrlUse use, bool allowPrivate, TextLanguage language)
{
    auto text = [language](const char *source) { return displayText(language, kContext, source); };
    if (!url.isValid() || url.isEmpty())
        return text(QT_TRANSLATE_NOOP("UrlPolicy", "the URL is not valid"));
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https") {
        return scheme.isEmpty()
            ? text(QT_TRANSLATE_NOOP("UrlPolicy", "only http and https URLs can be used; this one has no scheme"))
            : text(QT_TRANSLATE_NOOP("UrlPolicy", "only http and https URLs can be used; this one is %1:")).arg(scheme);
    }
    if (url.host().isEmpty())
        return text(QT_TRANSLATE_NOOP("UrlPolicy", "the URL has no host"));
    // Credentials in a URL go out with every request and show wherever the URL is listed; a handler
    // that needs a secret can take it in the path, which lists and logs elide.
    if (!url.userInfo().isEmpty())
        return text(QT_TRANSLATE_NOOP(
            "UrlPolicy", "URLs with a user name or password are not used; put a secret in the path instead"));
    if (use == UrlUse::Forward || allowPrivate)
        return {};
    const QString host = url.host();
    QHostAddress literal;
    if (literal.setAddress(host)) {
        if (isNonPublicAddress(literal))
            return privateRefusal(
                language, text(QT_TRANSLATE_NOOP("UrlPolicy", "this one is %1")).arg(literal.toString()));
        return {};
    }
    if (isLoopbackName(host))
        return privateRefusal(language, text(QT_TRANSLATE_NOOP("UrlPolicy", "%1 is this machine")).arg(host));
    return {}; // a host name: its addresses are checked once resolved (checkResolvedAddresses)
}

QString checkResolvedAddresses(const QString &host, const QList<QHostAddress> &addresses, UrlUse use, bool allowPrivate)
{
    if (addresses.isEmpty())
        return QStringLiteral("%1 has no address").arg(host);
    if (use == UrlUse::Forward || allowPrivate)
        return {};
    // Any one is enough to refuse: the connection may go to any of them.
    for (const QHostAddress &address : addresses) {
        if (isNonPublicAddress(address))
            return privateRefusal(
                TextLanguage::English, QStringLiteral("%1 resolves to %2").arg(host, address.toString()));
    }
    return {};
}

QString redactedUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("…");
    QHostAddress literal;
    const QString host = literal.setAddress(url.host()) ? urlHost(literal) : url.host();
    QString text = url.scheme() + u"://" + host;
    if (url.port() != -1)
        text += u':' + QString::number(url.port());
    const bool bare = (url.path().isEmpty() || url.path() == u"/") && !url.hasQuery() && !url.hasFragment();
    return text + (bare ? QStringLiteral("/") : QStringLiteral("/…"));
}

} // namespace peanuts

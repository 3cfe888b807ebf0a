// Where secrets come from: PEANUTS_SECRET, a --secret-file of label=secret lines, and settings.
#pragma once

#include "ingest/signature.h"

#include <QList>
#include <QString>

namespace peanuts {

struct SecretFileResult
{
    QList<Secret> secrets;
    QString error; // empty on success; names the file and the line, never a secret's value
};

// One `label=secret` a line. Blank lines and lines starting with '#' are skipped; surrounding
// whitespace of the label is trimmed, the secret is taken verbatim after the first '=' (a trailing
// '\r' is dropped). A line without '=' or with an empty label or secret is an error. Duplicate labels
// are an error.
SecretFileResult parseSecretFile(const QByteArray &contents, const QString &fileName);
SecretFileResult loadSecretFile(const QString &path);

// The secret in PEANUTS_SECRET, labelled "env", if set and non-empty.
QList<Secret> secretsFromEnvironment();

} // namespace peanuts

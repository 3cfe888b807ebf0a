// Steps at start that join the receiver to the store's file helpers: starting with an unusable
// database moved aside when the user agrees, and --check on the database the options name. They sit
// beside ReceiverCore so that the store depends on nothing above it.
#pragma once

#include "config/options.h"
#include "store/databasecheck.h"

#include <QString>
#include <functional>

namespace peanuts {

class ReceiverCore;

// Asked before moving a file aside: the file and the reason; true to move it.
using ConfirmMoveAside = std::function<bool(const QString &path, const QString &reason)>;

// Starts core. When that fails because the database file is unusable and confirm agrees, moves the
// file aside and starts again with a new one; *notice then says where the old file went.
bool startReceiver(
    ReceiverCore &core, const Options &options, const ConfirmMoveAside &confirm, QString *error, QString *notice);

// Checks the database the options name (--db, else the settings' path, else the default), opened
// read-only: a receiver may keep running on it meanwhile.
DatabaseCheck checkDatabase(const Options &options);

} // namespace peanuts

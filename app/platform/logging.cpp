// One logging category per subsystem.
#include "platform/logging.h"

Q_LOGGING_CATEGORY(lcHttp, "peanuts.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "peanuts.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIngest, "peanuts.ingest", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "peanuts.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPipeline, "peanuts.pipeline", QtInfoMsg)

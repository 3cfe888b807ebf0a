-- Schema 6: the pipeline's outbox. Actions are written in the transaction of the delivery that set
-- them in motion, so that none is lost once the delivery is answered; their attempts, answers and
-- dead letters stay with them. state: 0 pending, 1 done, 2 dead (ActionState); kind: ActionKind.
-- IF NOT EXISTS: tests that make an older database by dropping later tables may leave these.

CREATE TABLE IF NOT EXISTS actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: the dispatcher names actions in flight by id
    delivery_id INTEGER, -- NULL: not tied to a delivery (failure alerts)
    kind INTEGER NOT NULL,
    state INTEGER NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    rule_id TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    payload BLOB NOT NULL DEFAULT x'',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    next_attempt_ms INTEGER NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    answer_status INTEGER NOT NULL DEFAULT 0,
    answer_headers BLOB NOT NULL DEFAULT x'',
    answer_body BLOB NOT NULL DEFAULT x'',
    answer_body_size INTEGER NOT NULL DEFAULT 0,
    answer_ms INTEGER NOT NULL DEFAULT 0,
    answer_duration_ms INTEGER NOT NULL DEFAULT 0,
    finished_ms INTEGER NOT NULL DEFAULT 0);

-- Due work per target; only pending rows, so that done ones cost nothing here. (One index: each
-- costs every action's insert and completion, on the writer that also commits the deliveries.)
CREATE INDEX IF NOT EXISTS actions_target_due ON actions(target, next_attempt_ms) WHERE state = 0;
-- A delivery's actions (the inspector, deletion, redaction), and dead letters by age.
CREATE INDEX IF NOT EXISTS actions_delivery ON actions(delivery_id) WHERE delivery_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS actions_dead ON actions(finished_ms) WHERE state = 2;

-- Idempotency keys are this prefix and the action's id: unique across databases, the same for every
-- attempt, and no index of random keys to keep up on each insert.
INSERT OR IGNORE INTO meta (key, value) VALUES ('action_key_prefix', lower(hex(randomblob(8))));

-- What fired: a rule fires once per entry and condition (fire key).
CREATE TABLE IF NOT EXISTS fired (
    rule_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    fire_key TEXT NOT NULL,
    fired_ms INTEGER NOT NULL,
    PRIMARY KEY (rule_id, entry_id, fire_key)) WITHOUT ROWID;

-- Actions refused by the per-target limit on pending actions, per target.
CREATE TABLE IF NOT EXISTS action_drops (target TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;

-- Outgoing attempts per minute by result: 0 retrying (pending again), 1 delivered, 2 dead (ActionState).
CREATE TABLE IF NOT EXISTS outgoing_minutes (
    minute INTEGER NOT NULL,
    result INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (minute, result)) WITHOUT ROWID;

-- The SQLite schema that the migrations make, as the database reports it. Written by
-- the schema tests (UPDATE_SCHEMA_SNAPSHOTS=1 scripts/test.sh --filter Schema); do not edit
-- it by hand. The schema changes by a new migration, never by editing a shipped one: the
-- lines below record each shipped migration's SHA-256, and the tests fail when one changes.

-- migration v1-schema 0d61358ed06058dc9a224ebdfc51a44643b6f3270005fce9362e9986b4804dba
-- migration v2-search 818fa69e1307c78d00c7a0990c7f500229f79429ee083a89153633c60faecd62
-- migration v3-ticket-counts 52874662f8c61da7cdc2fb06d3519db4cba58d3b22d4db9cd2ccc35a9cd8fdb5
-- migration v4-visibility-sort-indexes acb1ceba854f22b1f4f2af04459885d95c6c41467a1f1e1d6d466606dc4650c5
-- migration v5-open-ticket-search c91d962c0ac46dd9ea75db75ca258dd930fa7d537688ccda78137947c1e1447f
-- migration v6-similar-ticket-search 0cfdcc0a17a38e1b03b952613cff81dd10821ba9f5af317f35f5c2eedc9ccbd7
-- migration v7-ticket-counts-by-people c83ea84a0448c0c8b1e4febdd4f7db03bd7a542f036e6a8d437a138948ee6431
-- migration v8-search-viewers 04ac0550235f0cb60d3f934b1ce1a9ad5e9fe04aae9412e9c315466310e5e3e0
-- migration v9-capped-comment-search 29e6b600fe4728592ebd5a5c6479b139c6eed606fbb9bffd6162c5186e4bda15
-- migration v10-sessions-and-login-attempts 4dbea19b8999d35c03bfc0ae7dc447982f69c4a1d6d6a69f1bd7341b6731d4f1
-- migration v11-queue-and-office-stats e56be682dae1ee44f7ab79414563d27baba12eab4b4d619ccf94f570af09a208
-- migration v12-queue-blocks 39a4e32dca526f8e07bfde377eae5dbed41e0f33a19cb72c315ac9cf4953a44b
-- migration v13-sessions 72b692b43efea7a29967ee7fe018c48c888ea4a56815d340fc8e378f0eacebe8
-- migration v14-ticket-category 01ba4e2ddf5572b40a488425f7e34fb1c8ca4e681bd8afd260a06ed6a25640a8
-- migration v15-ticket-category-counts 23f29ca74bb7d8193577af8328bf80e42fe20abf116a948ced81042ac45b6146

-- table comments
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    content TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER
);

-- table login_attempts
CREATE TABLE login_attempts (
    key TEXT PRIMARY KEY,
    attempts INTEGER NOT NULL,
    last_attempt INTEGER NOT NULL
) WITHOUT ROWID;

-- table queue_blocks
CREATE TABLE queue_blocks (
    priority INTEGER NOT NULL,
    block INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (priority, block)
) WITHOUT ROWID;

-- table queue_days
CREATE TABLE queue_days (
    priority INTEGER NOT NULL,
    day INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (priority, day)
) WITHOUT ROWID;

-- table roles
CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    can_view_all INTEGER NOT NULL DEFAULT 0,
    can_delete_all INTEGER NOT NULL DEFAULT 0,
    can_edit_all INTEGER NOT NULL DEFAULT 0,
    can_manage_users INTEGER NOT NULL DEFAULT 0,
    can_manage_tickets INTEGER NOT NULL DEFAULT 0,
    can_assign_tickets INTEGER NOT NULL DEFAULT 0
);

-- table sessions
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    user_agent TEXT
);

-- table settings
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- table similar_ticket_search
CREATE VIRTUAL TABLE similar_ticket_search USING fts5(title, description, tokenize = 'porter unicode61');

-- table similar_ticket_search_config
CREATE TABLE 'similar_ticket_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table similar_ticket_search_content
CREATE TABLE 'similar_ticket_search_content'(id INTEGER PRIMARY KEY, c0, c1);

-- table similar_ticket_search_data
CREATE TABLE 'similar_ticket_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table similar_ticket_search_docsize
CREATE TABLE 'similar_ticket_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table similar_ticket_search_idx
CREATE TABLE 'similar_ticket_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table ticket_category_counts
CREATE TABLE ticket_category_counts (
    category TEXT NOT NULL,
    created_by_id INTEGER NOT NULL,
    assigned_to_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    priority INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (category, created_by_id, assigned_to_id, status, priority)
) WITHOUT ROWID;

-- table ticket_counts
CREATE TABLE ticket_counts (
    created_by_id INTEGER NOT NULL,
    assigned_to_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    priority INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (created_by_id, assigned_to_id, status, priority)
) WITHOUT ROWID;

-- table ticket_days
CREATE TABLE ticket_days (
    day INTEGER PRIMARY KEY,
    created INTEGER NOT NULL,
    resolved INTEGER NOT NULL
);

-- table ticket_events
CREATE TABLE ticket_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES users(id),
    at INTEGER NOT NULL,
    event TEXT NOT NULL,
    from_value TEXT,
    to_value TEXT
);

-- table ticket_search
CREATE VIRTUAL TABLE ticket_search USING fts5(title, description, comments, viewers, tokenize = 'porter unicode61');

-- table ticket_search_config
CREATE TABLE 'ticket_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table ticket_search_content
CREATE TABLE 'ticket_search_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3);

-- table ticket_search_data
CREATE TABLE 'ticket_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table ticket_search_docsize
CREATE TABLE 'ticket_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table ticket_search_idx
CREATE TABLE 'ticket_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table tickets
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
    status TEXT NOT NULL
        CHECK (status IN ('incoming', 'open', 'in progress', 'on hold', 'resolved', 'closed')),
    created_by_id INTEGER NOT NULL REFERENCES users(id),
    assigned_to_id INTEGER REFERENCES users(id),
    duplicate_of_id INTEGER REFERENCES tickets(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER,
    version INTEGER NOT NULL DEFAULT 1
, resolved_at INTEGER, closed_at INTEGER, category TEXT CHECK (category IS NULL OR length(category) BETWEEN 1 AND 40));

-- table users
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE UNIQUE,
    password_hash TEXT NOT NULL,
    role_id INTEGER NOT NULL REFERENCES roles(id),
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
, session_generation INTEGER NOT NULL DEFAULT 0);

-- index comments_by_ticket
CREATE INDEX comments_by_ticket ON comments (ticket_id, id);

-- index comments_by_user
CREATE INDEX comments_by_user ON comments (user_id, id);

-- index login_attempts_by_time
CREATE INDEX login_attempts_by_time ON login_attempts (last_attempt);

-- index sessions_by_expiry
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- index sessions_by_user
CREATE INDEX sessions_by_user ON sessions (user_id, id);

-- index ticket_category_counts_by_assignee
CREATE INDEX ticket_category_counts_by_assignee ON ticket_category_counts (category, assigned_to_id, status, priority, n);

-- index ticket_counts_by_assignee
CREATE INDEX ticket_counts_by_assignee ON ticket_counts (assigned_to_id, status, priority, n);

-- index ticket_events_by_actor
CREATE INDEX ticket_events_by_actor ON ticket_events (actor_id);

-- index ticket_events_by_ticket
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);

-- index tickets_by_assignee
CREATE INDEX tickets_by_assignee ON tickets (assigned_to_id, created_at, id);

-- index tickets_by_assignee_priority
CREATE INDEX tickets_by_assignee_priority ON tickets (assigned_to_id, priority, id);

-- index tickets_by_assignee_updated
CREATE INDEX tickets_by_assignee_updated ON tickets (assigned_to_id, coalesce(updated_at, created_at), id);

-- index tickets_by_category
CREATE INDEX tickets_by_category ON tickets (category, created_at);

-- index tickets_by_created
CREATE INDEX tickets_by_created ON tickets (created_at, id);

-- index tickets_by_creator
CREATE INDEX tickets_by_creator ON tickets (created_by_id, created_at, id);

-- index tickets_by_creator_priority
CREATE INDEX tickets_by_creator_priority ON tickets (created_by_id, priority, id);

-- index tickets_by_creator_updated
CREATE INDEX tickets_by_creator_updated ON tickets (created_by_id, coalesce(updated_at, created_at), id);

-- index tickets_by_original
CREATE INDEX tickets_by_original ON tickets (duplicate_of_id);

-- index tickets_by_priority
CREATE INDEX tickets_by_priority ON tickets (priority, id);

-- index tickets_by_resolved
CREATE INDEX tickets_by_resolved ON tickets (resolved_at, created_at) WHERE resolved_at IS NOT NULL;

-- index tickets_by_status
CREATE INDEX tickets_by_status ON tickets (status, created_at, id);

-- index tickets_by_updated
CREATE INDEX tickets_by_updated ON tickets (coalesce(updated_at, created_at), id);

-- index tickets_queue
CREATE INDEX tickets_queue ON tickets (priority DESC, created_at, id) WHERE status NOT IN ('resolved', 'closed');

-- index tickets_queue_by_creator
CREATE INDEX tickets_queue_by_creator ON tickets (created_by_id, priority DESC, created_at, id)
    WHERE status NOT IN ('resolved', 'closed');

-- trigger queue_blocks_delete
CREATE TRIGGER queue_blocks_delete AFTER DELETE ON tickets WHEN old.status NOT IN ('resolved', 'closed') BEGIN
    UPDATE queue_blocks SET n = n - 1 WHERE priority = old.priority AND block = old.created_at / 86400000 / 32;
END;

-- trigger queue_blocks_insert
CREATE TRIGGER queue_blocks_insert AFTER INSERT ON tickets WHEN new.status NOT IN ('resolved', 'closed') BEGIN
    INSERT INTO queue_blocks (priority, block, n) VALUES (new.priority, new.created_at / 86400000 / 32, 1)
    ON CONFLICT (priority, block) DO UPDATE SET n = n + 1;
END;

-- trigger queue_blocks_update
CREATE TRIGGER queue_blocks_update AFTER UPDATE OF status, priority ON tickets
WHEN (old.status NOT IN ('resolved', 'closed')) <> (new.status NOT IN ('resolved', 'closed'))
    OR old.priority <> new.priority BEGIN
    UPDATE queue_blocks SET n = n - 1
    WHERE old.status NOT IN ('resolved', 'closed') AND priority = old.priority AND block = old.created_at / 86400000 / 32;
    INSERT INTO queue_blocks (priority, block, n)
    SELECT new.priority, new.created_at / 86400000 / 32, 1 WHERE new.status NOT IN ('resolved', 'closed')
    ON CONFLICT (priority, block) DO UPDATE SET n = n + 1;
END;

-- trigger similar_ticket_search_delete
CREATE TRIGGER similar_ticket_search_delete AFTER DELETE ON tickets BEGIN
    DELETE FROM similar_ticket_search WHERE rowid = old.id;
END;

-- trigger similar_ticket_search_insert
CREATE TRIGGER similar_ticket_search_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO similar_ticket_search (rowid, title, description)
    SELECT new.id, new.title, new.description WHERE new.status <> 'closed';
    DELETE FROM similar_ticket_search WHERE rowid = new.id - 100000;
END;

-- trigger similar_ticket_search_update
CREATE TRIGGER similar_ticket_search_update AFTER UPDATE OF title, description, status ON tickets BEGIN
    DELETE FROM similar_ticket_search WHERE rowid = old.id;
    INSERT INTO similar_ticket_search (rowid, title, description)
    SELECT new.id, new.title, new.description
    WHERE new.status <> 'closed' AND new.id > (SELECT max(id) FROM tickets) - 100000;
END;

-- trigger stats_days_delete
CREATE TRIGGER stats_days_delete AFTER DELETE ON tickets BEGIN
    UPDATE ticket_days SET created = created - 1 WHERE day = old.created_at / 86400000;
    UPDATE ticket_days SET resolved = resolved - 1
    WHERE old.resolved_at IS NOT NULL AND day = old.resolved_at / 86400000;
    UPDATE queue_days SET n = n - 1
    WHERE old.status NOT IN ('resolved', 'closed') AND priority = old.priority AND day = old.created_at / 86400000;
END;

-- trigger stats_days_insert
CREATE TRIGGER stats_days_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_days (day, created, resolved) VALUES (new.created_at / 86400000, 1, 0)
    ON CONFLICT (day) DO UPDATE SET created = created + 1;
    INSERT INTO ticket_days (day, created, resolved)
    SELECT new.resolved_at / 86400000, 0, 1 WHERE new.resolved_at IS NOT NULL
    ON CONFLICT (day) DO UPDATE SET resolved = resolved + 1;
    INSERT INTO queue_days (priority, day, n)
    SELECT new.priority, new.created_at / 86400000, 1 WHERE new.status NOT IN ('resolved', 'closed')
    ON CONFLICT (priority, day) DO UPDATE SET n = n + 1;
END;

-- trigger stats_days_queue
CREATE TRIGGER stats_days_queue AFTER UPDATE OF status, priority ON tickets
WHEN (old.status NOT IN ('resolved', 'closed')) <> (new.status NOT IN ('resolved', 'closed'))
    OR old.priority <> new.priority BEGIN
    UPDATE queue_days SET n = n - 1
    WHERE old.status NOT IN ('resolved', 'closed') AND priority = old.priority AND day = old.created_at / 86400000;
    INSERT INTO queue_days (priority, day, n)
    SELECT new.priority, new.created_at / 86400000, 1 WHERE new.status NOT IN ('resolved', 'closed')
    ON CONFLICT (priority, day) DO UPDATE SET n = n + 1;
END;

-- trigger stats_days_resolved
CREATE TRIGGER stats_days_resolved AFTER UPDATE OF resolved_at ON tickets
WHEN old.resolved_at IS NOT new.resolved_at BEGIN
    UPDATE ticket_days SET resolved = resolved - 1
    WHERE old.resolved_at IS NOT NULL AND day = old.resolved_at / 86400000;
    INSERT INTO ticket_days (day, created, resolved)
    SELECT new.resolved_at / 86400000, 0, 1 WHERE new.resolved_at IS NOT NULL
    ON CONFLICT (day) DO UPDATE SET resolved = resolved + 1;
END;

-- trigger ticket_category_counts_delete
CREATE TRIGGER ticket_category_counts_delete AFTER DELETE ON tickets BEGIN
    UPDATE ticket_category_counts SET n = n - 1
    WHERE category = coalesce(old.category, '') AND created_by_id = old.created_by_id
        AND assigned_to_id = coalesce(old.assigned_to_id, 0) AND status = old.status AND priority = old.priority;
END;

-- trigger ticket_category_counts_insert
CREATE TRIGGER ticket_category_counts_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_category_counts (category, created_by_id, assigned_to_id, status, priority, n)
    VALUES (coalesce(new.category, ''), new.created_by_id, coalesce(new.assigned_to_id, 0), new.status, new.priority, 1)
    ON CONFLICT (category, created_by_id, assigned_to_id, status, priority) DO UPDATE SET n = n + 1;
END;

-- trigger ticket_category_counts_update
CREATE TRIGGER ticket_category_counts_update AFTER UPDATE OF category, created_by_id, assigned_to_id, status, priority ON tickets
WHEN old.category IS NOT new.category OR old.created_by_id <> new.created_by_id
    OR old.assigned_to_id IS NOT new.assigned_to_id OR old.status <> new.status OR old.priority <> new.priority BEGIN
    UPDATE ticket_category_counts SET n = n - 1
    WHERE category = coalesce(old.category, '') AND created_by_id = old.created_by_id
        AND assigned_to_id = coalesce(old.assigned_to_id, 0) AND status = old.status AND priority = old.priority;
    INSERT INTO ticket_category_counts (category, created_by_id, assigned_to_id, status, priority, n)
    VALUES (coalesce(new.category, ''), new.created_by_id, coalesce(new.assigned_to_id, 0), new.status, new.priority, 1)
    ON CONFLICT (category, created_by_id, assigned_to_id, status, priority) DO UPDATE SET n = n + 1;
END;

-- trigger ticket_counts_delete
CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets BEGIN
    UPDATE ticket_counts SET n = n - 1
    WHERE created_by_id = old.created_by_id AND assigned_to_id = coalesce(old.assigned_to_id, 0)
        AND status = old.status AND priority = old.priority;
END;

-- trigger ticket_counts_insert
CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_counts (created_by_id, assigned_to_id, status, priority, n)
    VALUES (new.created_by_id, coalesce(new.assigned_to_id, 0), new.status, new.priority, 1)
    ON CONFLICT (created_by_id, assigned_to_id, status, priority) DO UPDATE SET n = n + 1;
END;

-- trigger ticket_counts_update
CREATE TRIGGER ticket_counts_update AFTER UPDATE OF created_by_id, assigned_to_id, status, priority ON tickets
WHEN old.created_by_id <> new.created_by_id OR old.assigned_to_id IS NOT new.assigned_to_id
    OR old.status <> new.status OR old.priority <> new.priority BEGIN
    UPDATE ticket_counts SET n = n - 1
    WHERE created_by_id = old.created_by_id AND assigned_to_id = coalesce(old.assigned_to_id, 0)
        AND status = old.status AND priority = old.priority;
    INSERT INTO ticket_counts (created_by_id, assigned_to_id, status, priority, n)
    VALUES (new.created_by_id, coalesce(new.assigned_to_id, 0), new.status, new.priority, 1)
    ON CONFLICT (created_by_id, assigned_to_id, status, priority) DO UPDATE SET n = n + 1;
END;

-- trigger ticket_search_comment_insert
CREATE TRIGGER ticket_search_comment_insert AFTER INSERT ON comments BEGIN
    UPDATE ticket_search
    SET comments = substr(CASE WHEN comments = '' THEN new.content ELSE comments || ' ' || new.content END, 1, 50000)
    WHERE rowid = new.ticket_id AND length(comments) < 50000;
END;

-- trigger ticket_search_delete
CREATE TRIGGER ticket_search_delete AFTER DELETE ON tickets BEGIN
    DELETE FROM ticket_search WHERE rowid = old.id;
END;

-- trigger ticket_search_insert
CREATE TRIGGER ticket_search_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, title, description, comments, viewers)
    VALUES (new.id, new.title, new.description, '', 'viewer' || new.created_by_id || ' viewer' || coalesce(new.assigned_to_id, 0));
END;

-- trigger ticket_search_update
CREATE TRIGGER ticket_search_update AFTER UPDATE OF title, description, created_by_id, assigned_to_id ON tickets BEGIN
    UPDATE ticket_search
    SET title = new.title, description = new.description,
        viewers = 'viewer' || new.created_by_id || ' viewer' || coalesce(new.assigned_to_id, 0)
    WHERE rowid = new.id;
END;

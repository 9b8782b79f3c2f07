import GRDB
import TicketCore

/// One schema change: a name (recorded by GRDB in `grdb_migrations`) and its SQL, run in one
/// transaction. Shipped migrations never change (`docs/schema/sqlite.sql` records each one's
/// checksum, which `SQLiteSchemaTests` checks): a change to the schema is a new migration, appended.
struct SQLiteMigration: Sendable {
    var name: String
    var sql: String
}

extension SQLiteTicketStore {
    /// The migrator that applies ``migrations`` in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in Self.migrations {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
        }
        return migrator
    }

    /// The schema, oldest first. Raw SQL only: migrations never depend on Swift types. The
    /// schema they produce is `docs/schema/sqlite.sql`.
    static let migrations: [SQLiteMigration] = [
        SQLiteMigration(
            name: "v1-schema",
            sql: """
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
                INSERT INTO roles (name, can_view_all, can_delete_all, can_edit_all, can_manage_users,
                                   can_manage_tickets, can_assign_tickets)
                VALUES ('admin', 1, 1, 1, 1, 1, 1), ('tech', 1, 0, 1, 0, 1, 1), ('user', 0, 0, 0, 0, 0, 0);

                CREATE TABLE users (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL COLLATE NOCASE UNIQUE,
                    password_hash TEXT NOT NULL,
                    role_id INTEGER NOT NULL REFERENCES roles(id),
                    active INTEGER NOT NULL DEFAULT 1,
                    created_at INTEGER NOT NULL
                );

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
                );
                CREATE INDEX tickets_by_created ON tickets (created_at, id);
                CREATE INDEX tickets_by_updated ON tickets (coalesce(updated_at, created_at), id);
                CREATE INDEX tickets_by_priority ON tickets (priority, id);
                CREATE INDEX tickets_by_status ON tickets (status, created_at, id);
                CREATE INDEX tickets_by_creator ON tickets (created_by_id, created_at, id);
                CREATE INDEX tickets_by_assignee ON tickets (assigned_to_id, created_at, id);
                CREATE INDEX tickets_by_original ON tickets (duplicate_of_id);

                CREATE TABLE comments (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    user_id INTEGER NOT NULL REFERENCES users(id),
                    content TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER
                );
                CREATE INDEX comments_by_ticket ON comments (ticket_id, id);
                CREATE INDEX comments_by_user ON comments (user_id, id);

                CREATE TABLE ticket_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    actor_id INTEGER NOT NULL REFERENCES users(id),
                    at INTEGER NOT NULL,
                    event TEXT NOT NULL,
                    from_value TEXT,
                    to_value TEXT
                );
                CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);
                CREATE INDEX ticket_events_by_actor ON ticket_events (actor_id);

                CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """
        ),
        // One full-text row per ticket, holding its title, description and all its comments,
        // with rowid = ticket id: a search is one match set that FTS5 can count and walk in
        // id order. Stemmed (porter) and kept in sync by triggers.
        SQLiteMigration(
            name: "v2-search",
            sql: """
                CREATE VIRTUAL TABLE ticket_search USING fts5(title, description, comments, tokenize = 'porter unicode61');

                CREATE TRIGGER ticket_search_insert AFTER INSERT ON tickets BEGIN
                    INSERT INTO ticket_search (rowid, title, description, comments) VALUES (new.id, new.title, new.description, '');
                END;
                CREATE TRIGGER ticket_search_update AFTER UPDATE OF title, description ON tickets BEGIN
                    UPDATE ticket_search SET title = new.title, description = new.description WHERE rowid = new.id;
                END;
                CREATE TRIGGER ticket_search_delete AFTER DELETE ON tickets BEGIN
                    DELETE FROM ticket_search WHERE rowid = old.id;
                END;
                CREATE TRIGGER ticket_search_comment_insert AFTER INSERT ON comments BEGIN
                    UPDATE ticket_search
                    SET comments = (SELECT group_concat(content, ' ') FROM comments WHERE ticket_id = new.ticket_id)
                    WHERE rowid = new.ticket_id;
                END;
                CREATE TRIGGER ticket_search_comment_update AFTER UPDATE OF content ON comments BEGIN
                    UPDATE ticket_search
                    SET comments = (SELECT group_concat(content, ' ') FROM comments WHERE ticket_id = new.ticket_id)
                    WHERE rowid = new.ticket_id;
                END;
                CREATE TRIGGER ticket_search_comment_delete AFTER DELETE ON comments BEGIN
                    UPDATE ticket_search
                    SET comments = coalesce((SELECT group_concat(content, ' ') FROM comments WHERE ticket_id = old.ticket_id), '')
                    WHERE rowid = old.ticket_id;
                END;
                """
        ),
        // Exact ticket counts per status and priority, kept by triggers, so a list's
        // X-Total-Count costs a few rows instead of a scan of every ticket.
        SQLiteMigration(
            name: "v3-ticket-counts",
            sql: """
                CREATE TABLE ticket_counts (
                    status TEXT NOT NULL,
                    priority INTEGER NOT NULL,
                    n INTEGER NOT NULL,
                    PRIMARY KEY (status, priority)
                ) WITHOUT ROWID;
                CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets BEGIN
                    INSERT INTO ticket_counts (status, priority, n) VALUES (new.status, new.priority, 1)
                    ON CONFLICT (status, priority) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets BEGIN
                    UPDATE ticket_counts SET n = n - 1 WHERE status = old.status AND priority = old.priority;
                END;
                CREATE TRIGGER ticket_counts_update AFTER UPDATE OF status, priority ON tickets
                WHEN old.status <> new.status OR old.priority <> new.priority BEGIN
                    UPDATE ticket_counts SET n = n - 1 WHERE status = old.status AND priority = old.priority;
                    INSERT INTO ticket_counts (status, priority, n) VALUES (new.status, new.priority, 1)
                    ON CONFLICT (status, priority) DO UPDATE SET n = n + 1;
                END;
                """
        ),
        // A plain user's list is the union of "created by me" and "assigned to me"; these let
        // each half walk an index in every sort order.
        SQLiteMigration(
            name: "v4-visibility-sort-indexes",
            sql: """
                CREATE INDEX tickets_by_creator_updated ON tickets (created_by_id, coalesce(updated_at, created_at), id);
                CREATE INDEX tickets_by_creator_priority ON tickets (created_by_id, priority, id);
                CREATE INDEX tickets_by_assignee_updated ON tickets (assigned_to_id, coalesce(updated_at, created_at), id);
                CREATE INDEX tickets_by_assignee_priority ON tickets (assigned_to_id, priority, id);
                """
        ),
        // Title and description of the tickets that are not closed, for "similar tickets":
        // most tickets of an office are closed, and ranking only the rest keeps it fast.
        SQLiteMigration(
            name: "v5-open-ticket-search",
            sql: """
                CREATE VIRTUAL TABLE open_ticket_search USING fts5(title, description, tokenize = 'porter unicode61');
                CREATE TRIGGER open_ticket_search_insert AFTER INSERT ON tickets WHEN new.status <> 'closed' BEGIN
                    INSERT INTO open_ticket_search (rowid, title, description) VALUES (new.id, new.title, new.description);
                END;
                CREATE TRIGGER open_ticket_search_update AFTER UPDATE OF title, description, status ON tickets BEGIN
                    DELETE FROM open_ticket_search WHERE rowid = old.id;
                    INSERT INTO open_ticket_search (rowid, title, description)
                    SELECT new.id, new.title, new.description WHERE new.status <> 'closed';
                END;
                CREATE TRIGGER open_ticket_search_delete AFTER DELETE ON tickets BEGIN
                    DELETE FROM open_ticket_search WHERE rowid = old.id;
                END;
                """
        ),
        // The tickets "similar tickets" ranks: not closed, and among the 100,000 most recent
        // (Similarity.similarWindow when this was written; queries also bound the window, so
        // rows that escape the trigger's cut are never returned). bm25 reads every listed
        // ticket's entry for each keyword, so the table is kept to what can be returned.
        SQLiteMigration(
            name: "v6-similar-ticket-search",
            sql: """
                DROP TRIGGER open_ticket_search_insert;
                DROP TRIGGER open_ticket_search_update;
                DROP TRIGGER open_ticket_search_delete;
                DROP TABLE open_ticket_search;
                CREATE VIRTUAL TABLE similar_ticket_search USING fts5(title, description, tokenize = 'porter unicode61');
                INSERT INTO similar_ticket_search (rowid, title, description)
                SELECT id, title, description FROM tickets
                WHERE status <> 'closed' AND id > (SELECT coalesce(max(id), 0) FROM tickets) - 100000;
                CREATE TRIGGER similar_ticket_search_insert AFTER INSERT ON tickets BEGIN
                    INSERT INTO similar_ticket_search (rowid, title, description)
                    SELECT new.id, new.title, new.description WHERE new.status <> 'closed';
                    DELETE FROM similar_ticket_search WHERE rowid = new.id - 100000;
                END;
                CREATE TRIGGER similar_ticket_search_update AFTER UPDATE OF title, description, status ON tickets BEGIN
                    DELETE FROM similar_ticket_search WHERE rowid = old.id;
                    INSERT INTO similar_ticket_search (rowid, title, description)
                    SELECT new.id, new.title, new.description
                    WHERE new.status <> 'closed' AND new.id > (SELECT max(id) FROM tickets) - 100000;
                END;
                CREATE TRIGGER similar_ticket_search_delete AFTER DELETE ON tickets BEGIN
                    DELETE FROM similar_ticket_search WHERE rowid = old.id;
                END;
                """
        ),
        // Counts per creator, assignee (0: none), status and priority: every list filter but
        // the text search, and a plain user's "mine", is a sum over a few of these rows. (A
        // technician's own queue is a third of a million tickets at a million.)
        SQLiteMigration(
            name: "v7-ticket-counts-by-people",
            sql: """
                DROP TRIGGER ticket_counts_insert;
                DROP TRIGGER ticket_counts_delete;
                DROP TRIGGER ticket_counts_update;
                DROP TABLE ticket_counts;
                CREATE TABLE ticket_counts (
                    created_by_id INTEGER NOT NULL,
                    assigned_to_id INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    priority INTEGER NOT NULL,
                    n INTEGER NOT NULL,
                    PRIMARY KEY (created_by_id, assigned_to_id, status, priority)
                ) WITHOUT ROWID;
                CREATE INDEX ticket_counts_by_assignee ON ticket_counts (assigned_to_id);
                INSERT INTO ticket_counts (created_by_id, assigned_to_id, status, priority, n)
                SELECT created_by_id, coalesce(assigned_to_id, 0), status, priority, count(*) FROM tickets
                GROUP BY created_by_id, coalesce(assigned_to_id, 0), status, priority;
                CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets BEGIN
                    INSERT INTO ticket_counts (created_by_id, assigned_to_id, status, priority, n)
                    VALUES (new.created_by_id, coalesce(new.assigned_to_id, 0), new.status, new.priority, 1)
                    ON CONFLICT (created_by_id, assigned_to_id, status, priority) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets BEGIN
                    UPDATE ticket_counts SET n = n - 1
                    WHERE created_by_id = old.created_by_id AND assigned_to_id = coalesce(old.assigned_to_id, 0)
                        AND status = old.status AND priority = old.priority;
                END;
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
                """
        ),
        // The search row also names who may see the ticket (`viewer<id>` for its creator and
        // its assignee), so a plain user's search is one FTS5 match that it counts and walks
        // by itself, instead of a look at every matching ticket's row. The triggers of v2 that
        // do not write `viewers` (deletes and comments) stay: they name the table, not its
        // columns.
        SQLiteMigration(
            name: "v8-search-viewers",
            sql: """
                DROP TRIGGER ticket_search_insert;
                DROP TRIGGER ticket_search_update;
                DROP TABLE ticket_search;
                CREATE VIRTUAL TABLE ticket_search USING fts5(title, description, comments, viewers, tokenize = 'porter unicode61');
                INSERT INTO ticket_search (rowid, title, description, comments, viewers)
                SELECT t.id, t.title, t.description, coalesce(c.text, ''), 'viewer' || t.created_by_id || ' viewer' || coalesce(t.assigned_to_id, 0)
                FROM tickets t
                LEFT JOIN (SELECT ticket_id, group_concat(content, ' ') AS text FROM comments GROUP BY ticket_id) AS c ON c.ticket_id = t.id;
                CREATE TRIGGER ticket_search_insert AFTER INSERT ON tickets BEGIN
                    INSERT INTO ticket_search (rowid, title, description, comments, viewers)
                    VALUES (new.id, new.title, new.description, '', 'viewer' || new.created_by_id || ' viewer' || coalesce(new.assigned_to_id, 0));
                END;
                CREATE TRIGGER ticket_search_update AFTER UPDATE OF title, description, created_by_id, assigned_to_id ON tickets BEGIN
                    UPDATE ticket_search
                    SET title = new.title, description = new.description,
                        viewers = 'viewer' || new.created_by_id || ' viewer' || coalesce(new.assigned_to_id, 0)
                    WHERE rowid = new.id;
                END;
                """
        ),
        // A ticket's search row holds the first 50,000 characters of its comment thread
        // (ValidationLimits.searchedCommentText when this was written). Before, every comment
        // re-indexed the whole thread, and deleting a ticket rebuilt it once per comment. A
        // new comment is now appended while the row has room and costs nothing once it is
        // full; comment edits and deletes rebuild the capped text in the store
        // (`refreshSearchedComments`), reading the thread only as far as the cap.
        SQLiteMigration(
            name: "v9-capped-comment-search",
            sql: """
                DROP TRIGGER ticket_search_comment_insert;
                DROP TRIGGER ticket_search_comment_update;
                DROP TRIGGER ticket_search_comment_delete;
                UPDATE ticket_search SET comments = substr(comments, 1, 50000) WHERE length(comments) > 50000;
                CREATE TRIGGER ticket_search_comment_insert AFTER INSERT ON comments BEGIN
                    UPDATE ticket_search
                    SET comments = substr(CASE WHEN comments = '' THEN new.content ELSE comments || ' ' || new.content END, 1, 50000)
                    WHERE rowid = new.ticket_id AND length(comments) < 50000;
                END;
                """
        ),
        // Tokens carry the session generation they were issued in; moving it on ends them.
        // Login attempts are counted here, before the password is checked, so parallel
        // guesses cannot outrun the count and a restart does not forget it.
        SQLiteMigration(
            name: "v10-sessions-and-login-attempts",
            sql: """
                ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE login_attempts (
                    key TEXT PRIMARY KEY,
                    attempts INTEGER NOT NULL,
                    last_attempt INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX login_attempts_by_time ON login_attempts (last_attempt);
                """
        ),
        // When a ticket was resolved and closed (kept by the service, see
        // Ticket.settingStatus), filled in for existing tickets from their history.
        // queue_days counts active tickets per priority and UTC day of creation: a queue
        // position sums the days before a ticket's and counts only its own day's tickets on
        // tickets_queue. ticket_days counts tickets created and resolved per UTC day (trend).
        SQLiteMigration(
            name: "v11-queue-and-office-stats",
            sql: """
                ALTER TABLE tickets ADD COLUMN resolved_at INTEGER;
                ALTER TABLE tickets ADD COLUMN closed_at INTEGER;
                UPDATE tickets SET
                    closed_at = CASE WHEN status = 'closed' THEN coalesce(
                        (SELECT max(at) FROM ticket_events e
                         WHERE e.ticket_id = tickets.id AND e.event = 'status_changed' AND e.to_value = 'closed'),
                        updated_at, created_at) END,
                    resolved_at = CASE WHEN status = 'resolved' OR (
                        SELECT e.from_value FROM ticket_events e
                        WHERE e.ticket_id = tickets.id AND e.event = 'status_changed' ORDER BY e.id DESC LIMIT 1) = 'resolved'
                    THEN coalesce(
                        (SELECT max(at) FROM ticket_events e
                         WHERE e.ticket_id = tickets.id AND e.event = 'status_changed' AND e.to_value = 'resolved'),
                        updated_at, created_at) END
                WHERE status IN ('resolved', 'closed');
                CREATE INDEX tickets_by_resolved ON tickets (resolved_at, created_at) WHERE resolved_at IS NOT NULL;
                CREATE INDEX tickets_queue ON tickets (priority DESC, created_at, id) WHERE status NOT IN ('resolved', 'closed');
                CREATE INDEX tickets_queue_by_creator ON tickets (created_by_id, priority DESC, created_at, id)
                    WHERE status NOT IN ('resolved', 'closed');

                CREATE TABLE queue_days (
                    priority INTEGER NOT NULL,
                    day INTEGER NOT NULL,
                    n INTEGER NOT NULL,
                    PRIMARY KEY (priority, day)
                ) WITHOUT ROWID;
                INSERT INTO queue_days (priority, day, n)
                SELECT priority, created_at / 86400000, count(*) FROM tickets
                WHERE status NOT IN ('resolved', 'closed') GROUP BY 1, 2;
                CREATE TABLE ticket_days (
                    day INTEGER PRIMARY KEY,
                    created INTEGER NOT NULL,
                    resolved INTEGER NOT NULL
                );
                INSERT INTO ticket_days (day, created, resolved)
                SELECT day, sum(created), sum(resolved) FROM (
                    SELECT created_at / 86400000 AS day, 1 AS created, 0 AS resolved FROM tickets
                    UNION ALL
                    SELECT resolved_at / 86400000, 0, 1 FROM tickets WHERE resolved_at IS NOT NULL
                ) GROUP BY day;

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
                CREATE TRIGGER stats_days_delete AFTER DELETE ON tickets BEGIN
                    UPDATE ticket_days SET created = created - 1 WHERE day = old.created_at / 86400000;
                    UPDATE ticket_days SET resolved = resolved - 1
                    WHERE old.resolved_at IS NOT NULL AND day = old.resolved_at / 86400000;
                    UPDATE queue_days SET n = n - 1
                    WHERE old.status NOT IN ('resolved', 'closed') AND priority = old.priority AND day = old.created_at / 86400000;
                END;
                CREATE TRIGGER stats_days_resolved AFTER UPDATE OF resolved_at ON tickets
                WHEN old.resolved_at IS NOT new.resolved_at BEGIN
                    UPDATE ticket_days SET resolved = resolved - 1
                    WHERE old.resolved_at IS NOT NULL AND day = old.resolved_at / 86400000;
                    INSERT INTO ticket_days (day, created, resolved)
                    SELECT new.resolved_at / 86400000, 0, 1 WHERE new.resolved_at IS NOT NULL
                    ON CONFLICT (day) DO UPDATE SET resolved = resolved + 1;
                END;
                CREATE TRIGGER stats_days_queue AFTER UPDATE OF status, priority ON tickets
                WHEN (old.status NOT IN ('resolved', 'closed')) <> (new.status NOT IN ('resolved', 'closed'))
                    OR old.priority <> new.priority BEGIN
                    UPDATE queue_days SET n = n - 1
                    WHERE old.status NOT IN ('resolved', 'closed') AND priority = old.priority AND day = old.created_at / 86400000;
                    INSERT INTO queue_days (priority, day, n)
                    SELECT new.priority, new.created_at / 86400000, 1 WHERE new.status NOT IN ('resolved', 'closed')
                    ON CONFLICT (priority, day) DO UPDATE SET n = n + 1;
                END;
                """
        ),
        // Active tickets per priority and block of 32 UTC days (day / 32): a queue position
        // sums a few blocks and the days of its own block instead of every day since the
        // oldest active ticket. And the tally of /stats (by assignee, status and priority)
        // read in index order instead of sorted.
        SQLiteMigration(
            name: "v12-queue-blocks",
            sql: """
                CREATE TABLE queue_blocks (
                    priority INTEGER NOT NULL,
                    block INTEGER NOT NULL,
                    n INTEGER NOT NULL,
                    PRIMARY KEY (priority, block)
                ) WITHOUT ROWID;
                INSERT INTO queue_blocks (priority, block, n)
                SELECT priority, day / 32, sum(n) FROM queue_days GROUP BY 1, 2;
                CREATE TRIGGER queue_blocks_insert AFTER INSERT ON tickets WHEN new.status NOT IN ('resolved', 'closed') BEGIN
                    INSERT INTO queue_blocks (priority, block, n) VALUES (new.priority, new.created_at / 86400000 / 32, 1)
                    ON CONFLICT (priority, block) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER queue_blocks_delete AFTER DELETE ON tickets WHEN old.status NOT IN ('resolved', 'closed') BEGIN
                    UPDATE queue_blocks SET n = n - 1 WHERE priority = old.priority AND block = old.created_at / 86400000 / 32;
                END;
                CREATE TRIGGER queue_blocks_update AFTER UPDATE OF status, priority ON tickets
                WHEN (old.status NOT IN ('resolved', 'closed')) <> (new.status NOT IN ('resolved', 'closed'))
                    OR old.priority <> new.priority BEGIN
                    UPDATE queue_blocks SET n = n - 1
                    WHERE old.status NOT IN ('resolved', 'closed') AND priority = old.priority AND block = old.created_at / 86400000 / 32;
                    INSERT INTO queue_blocks (priority, block, n)
                    SELECT new.priority, new.created_at / 86400000 / 32, 1 WHERE new.status NOT IN ('resolved', 'closed')
                    ON CONFLICT (priority, block) DO UPDATE SET n = n + 1;
                END;
                DROP INDEX ticket_counts_by_assignee;
                CREATE INDEX ticket_counts_by_assignee ON ticket_counts (assigned_to_id, status, priority, n);
                """
        ),
        // One row per sign-in: a token names its session, and a request counts only while the
        // row is there, so one token can be ended (POST /auth/logout). AUTOINCREMENT: an ended
        // session's id is never given to a new one (which would bring its token back).
        SQLiteMigration(
            name: "v13-sessions",
            sql: """
                CREATE TABLE sessions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    user_agent TEXT
                );
                CREATE INDEX sessions_by_user ON sessions (user_id, id);
                CREATE INDEX sessions_by_expiry ON sessions (expires_at);
                """
        ),
        // A ticket's category (one of the server's configured names, or none), and the index of
        // the `category` filter in the default order.
        SQLiteMigration(
            name: "v14-ticket-category",
            sql: """
                ALTER TABLE tickets ADD COLUMN category TEXT CHECK (category IS NULL OR length(category) BETWEEN 1 AND 40);
                CREATE INDEX tickets_by_category ON tickets (category, created_at);
                """
        ),
        // The counts of a list filtered by category, as `ticket_counts` keeps them for other
        // lists: a category (`''` for none) per creator, assignee (0 for nobody), status and
        // priority, so that such a list is not counted ticket by ticket.
        SQLiteMigration(
            name: "v15-ticket-category-counts",
            sql: """
                CREATE TABLE ticket_category_counts (
                    category TEXT NOT NULL,
                    created_by_id INTEGER NOT NULL,
                    assigned_to_id INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    priority INTEGER NOT NULL,
                    n INTEGER NOT NULL,
                    PRIMARY KEY (category, created_by_id, assigned_to_id, status, priority)
                ) WITHOUT ROWID;
                CREATE INDEX ticket_category_counts_by_assignee ON ticket_category_counts (category, assigned_to_id, status, priority, n);
                INSERT INTO ticket_category_counts (category, created_by_id, assigned_to_id, status, priority, n)
                    SELECT coalesce(category, ''), created_by_id, coalesce(assigned_to_id, 0), status, priority, count(*)
                    FROM tickets GROUP BY 1, 2, 3, 4, 5;
                CREATE TRIGGER ticket_category_counts_insert AFTER INSERT ON tickets BEGIN
                    INSERT INTO ticket_category_counts (category, created_by_id, assigned_to_id, status, priority, n)
                    VALUES (coalesce(new.category, ''), new.created_by_id, coalesce(new.assigned_to_id, 0), new.status, new.priority, 1)
                    ON CONFLICT (category, created_by_id, assigned_to_id, status, priority) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER ticket_category_counts_delete AFTER DELETE ON tickets BEGIN
                    UPDATE ticket_category_counts SET n = n - 1
                    WHERE category = coalesce(old.category, '') AND created_by_id = old.created_by_id
                        AND assigned_to_id = coalesce(old.assigned_to_id, 0) AND status = old.status AND priority = old.priority;
                END;
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
                """
        ),
    ]
}

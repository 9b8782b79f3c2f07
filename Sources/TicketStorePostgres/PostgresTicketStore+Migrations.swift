import Logging
import PostgresNIO

/// One schema change: a name recorded in `ticket_migrations` and its statements, run in one
/// transaction. Shipped migrations never change; new ones are appended.
struct PostgresMigration: Sendable {
    var name: String
    var statements: [String]
}

extension PostgresTicketStore {
    /// Arbitrary, fixed key of the advisory lock that serialises migrations across servers.
    static let migrationLockKey: Int64 = 7_264_812_993

    /// Applies the migrations not yet recorded, in order, under an advisory lock so that two
    /// servers starting together on one database do not race.
    public func migrate() async throws {
        try await self.migrate(through: Self.migrations.count)
    }

    /// Applies the first `count` migrations not yet recorded (upgrade tests stop at an older one).
    func migrate(through count: Int) async throws {
        try await self.run {
            try await self.client.withConnection { connection in
                try await connection.query("SELECT pg_advisory_lock(\(Self.migrationLockKey))", logger: self.logger)
                do {
                    try await self.applyPendingMigrations(Self.migrations.prefix(count), on: connection)
                } catch {
                    _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.migrationLockKey))", logger: self.logger)
                    throw error
                }
                try await connection.query("SELECT pg_advisory_unlock(\(Self.migrationLockKey))", logger: self.logger)
            }
        }
    }

    private func applyPendingMigrations(_ migrations: ArraySlice<PostgresMigration>, on connection: PostgresConnection) async throws {
        try await connection.query(
            "CREATE TABLE IF NOT EXISTS ticket_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            logger: self.logger
        )
        var applied: Set<String> = []
        for try await name in try await connection.query("SELECT name FROM ticket_migrations", logger: self.logger).decode(String.self) {
            applied.insert(name)
        }
        for migration in migrations where !applied.contains(migration.name) {
            try await connection.withTransaction(logger: self.logger) { connection in
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                }
                try await connection.query("INSERT INTO ticket_migrations (name) VALUES (\(migration.name))", logger: self.logger)
            }
            self.logger.info("Applied migration", metadata: ["migration": "\(migration.name)"])
        }
    }

    /// The names of the schema migrations, oldest first, as recorded in `ticket_migrations`.
    public static var migrationNames: [String] { self.migrations.map(\.name) }

    /// The schema, oldest first. Raw SQL only: migrations never depend on Swift types.
    static let migrations: [PostgresMigration] = [
        PostgresMigration(
            name: "v1-schema",
            statements: [
                """
                CREATE TABLE roles (
                    id smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name text NOT NULL UNIQUE,
                    can_view_all boolean NOT NULL DEFAULT false,
                    can_delete_all boolean NOT NULL DEFAULT false,
                    can_edit_all boolean NOT NULL DEFAULT false,
                    can_manage_users boolean NOT NULL DEFAULT false,
                    can_manage_tickets boolean NOT NULL DEFAULT false,
                    can_assign_tickets boolean NOT NULL DEFAULT false
                )
                """,
                """
                INSERT INTO roles (name, can_view_all, can_delete_all, can_edit_all, can_manage_users, can_manage_tickets, can_assign_tickets)
                VALUES ('admin', true, true, true, true, true, true),
                       ('tech', true, false, true, false, true, true),
                       ('user', false, false, false, false, false, false)
                """,
                """
                CREATE TABLE users (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name text NOT NULL,
                    email text NOT NULL,
                    password_hash text NOT NULL,
                    role_id smallint NOT NULL REFERENCES roles (id),
                    active boolean NOT NULL DEFAULT true,
                    created_at timestamptz NOT NULL
                )
                """,
                "CREATE UNIQUE INDEX users_email_unique ON users (lower(email))",
                """
                CREATE TABLE tickets (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    title text NOT NULL,
                    description text NOT NULL,
                    priority smallint NOT NULL CHECK (priority BETWEEN 1 AND 4),
                    status text NOT NULL CHECK (status IN ('incoming', 'open', 'in progress', 'on hold', 'resolved', 'closed')),
                    created_by_id bigint NOT NULL REFERENCES users (id),
                    assigned_to_id bigint REFERENCES users (id),
                    duplicate_of_id bigint REFERENCES tickets (id) ON DELETE SET NULL,
                    created_at timestamptz NOT NULL,
                    updated_at timestamptz,
                    version integer NOT NULL DEFAULT 1,
                    search tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
                    ) STORED
                )
                """,
                "CREATE INDEX tickets_by_created ON tickets (created_at, id)",
                "CREATE INDEX tickets_by_updated ON tickets ((coalesce(updated_at, created_at)), id)",
                "CREATE INDEX tickets_by_priority ON tickets (priority, id)",
                "CREATE INDEX tickets_by_status ON tickets (status, created_at, id)",
                "CREATE INDEX tickets_by_creator ON tickets (created_by_id, created_at, id)",
                "CREATE INDEX tickets_by_assignee ON tickets (assigned_to_id, created_at, id)",
                "CREATE INDEX tickets_by_original ON tickets (duplicate_of_id)",
                "CREATE INDEX tickets_search ON tickets USING gin (search)",
                """
                CREATE TABLE comments (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
                    user_id bigint NOT NULL REFERENCES users (id),
                    content text NOT NULL,
                    created_at timestamptz NOT NULL,
                    updated_at timestamptz,
                    search tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED
                )
                """,
                "CREATE INDEX comments_by_ticket ON comments (ticket_id, id)",
                "CREATE INDEX comments_by_user ON comments (user_id, id)",
                "CREATE INDEX comments_search ON comments USING gin (search)",
                """
                CREATE TABLE ticket_events (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
                    actor_id bigint NOT NULL REFERENCES users (id),
                    at timestamptz NOT NULL,
                    event text NOT NULL,
                    from_value text,
                    to_value text
                )
                """,
                "CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id)",
                "CREATE INDEX ticket_events_by_actor ON ticket_events (actor_id)",
                "CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL)",
            ]
        ),
        PostgresMigration(
            name: "v2-counts-and-user-sort-indexes",
            statements: [
                // Exact ticket counts per status and priority, kept by triggers, so a list's
                // X-Total-Count costs a few rows instead of a scan of every ticket.
                """
                CREATE TABLE ticket_counts (
                    status text NOT NULL,
                    priority smallint NOT NULL,
                    n bigint NOT NULL,
                    PRIMARY KEY (status, priority)
                )
                """,
                "INSERT INTO ticket_counts (status, priority, n) SELECT status, priority, count(*) FROM tickets GROUP BY status, priority",
                """
                CREATE FUNCTION ticket_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        UPDATE ticket_counts SET n = n - 1 WHERE status = OLD.status AND priority = OLD.priority;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO ticket_counts (status, priority, n) VALUES (NEW.status, NEW.priority, 1)
                        ON CONFLICT (status, priority) DO UPDATE SET n = ticket_counts.n + 1;
                    END IF;
                    RETURN NULL;
                END
                $$
                """,
                "CREATE TRIGGER ticket_counts_insert_delete AFTER INSERT OR DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION ticket_counts_track()",
                """
                CREATE TRIGGER ticket_counts_update AFTER UPDATE OF status, priority ON tickets FOR EACH ROW
                WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority)
                EXECUTE FUNCTION ticket_counts_track()
                """,
                // A plain user's list is the union of "created by me" and "assigned to me"; these
                // let each half walk an index in every sort order.
                "CREATE INDEX tickets_by_creator_updated ON tickets (created_by_id, (coalesce(updated_at, created_at)), id)",
                "CREATE INDEX tickets_by_creator_priority ON tickets (created_by_id, priority, id)",
                "CREATE INDEX tickets_by_assignee_updated ON tickets (assigned_to_id, (coalesce(updated_at, created_at)), id)",
                "CREATE INDEX tickets_by_assignee_priority ON tickets (assigned_to_id, priority, id)",
            ]
        ),
        PostgresMigration(
            name: "v3-ticket-documents",
            statements: [
                // One search document per ticket: title (weight A), description (B) and the text of
                // all its comments (C), so a search is one GIN lookup instead of a union with comments.
                "DROP INDEX tickets_search",
                "ALTER TABLE tickets DROP COLUMN search",
                "DROP INDEX comments_search",
                "ALTER TABLE comments DROP COLUMN search",
                """
                CREATE FUNCTION ticket_document(ticket bigint, title text, description text) RETURNS tsvector
                LANGUAGE sql STABLE AS $$
                    SELECT setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
                        || setweight(to_tsvector('english', coalesce(
                            (SELECT string_agg(content, ' ' ORDER BY id) FROM comments WHERE ticket_id = ticket), '')), 'C')
                $$
                """,
                "ALTER TABLE tickets ADD COLUMN document tsvector",
                "UPDATE tickets t SET document = ticket_document(t.id, t.title, t.description)",
                "ALTER TABLE tickets ALTER COLUMN document SET NOT NULL",
                """
                CREATE FUNCTION tickets_set_document() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.document := ticket_document(NEW.id, NEW.title, NEW.description);
                    RETURN NEW;
                END
                $$
                """,
                """
                CREATE TRIGGER tickets_document BEFORE INSERT OR UPDATE OF title, description ON tickets
                FOR EACH ROW EXECUTE FUNCTION tickets_set_document()
                """,
                // Statement-level, so a bulk insert of comments rebuilds each ticket's document once.
                """
                CREATE FUNCTION comments_refresh_documents() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE tickets t SET document = ticket_document(t.id, t.title, t.description)
                    WHERE t.id IN (SELECT DISTINCT ticket_id FROM changed_comments);
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER comments_inserted_document AFTER INSERT ON comments REFERENCING NEW TABLE AS changed_comments
                FOR EACH STATEMENT EXECUTE FUNCTION comments_refresh_documents()
                """,
                """
                CREATE TRIGGER comments_updated_document AFTER UPDATE ON comments REFERENCING NEW TABLE AS changed_comments
                FOR EACH STATEMENT EXECUTE FUNCTION comments_refresh_documents()
                """,
                """
                CREATE TRIGGER comments_deleted_document AFTER DELETE ON comments REFERENCING OLD TABLE AS changed_comments
                FOR EACH STATEMENT EXECUTE FUNCTION comments_refresh_documents()
                """,
                "CREATE INDEX tickets_document ON tickets USING gin (document)",
                // "Similar tickets" only looks at tickets that are not closed: most old ones are.
                "CREATE INDEX open_tickets_document ON tickets USING gin (document) WHERE status <> 'closed'",
            ]
        ),
        PostgresMigration(
            name: "v4-ticket-counts-by-people",
            statements: [
                // Counts per creator, assignee (0: none), status and priority: every list filter but
                // the text search, and a plain user's "mine", is a sum over a few of these rows. (A
                // technician's own queue is a third of a million tickets at a million.)
                "DROP TRIGGER ticket_counts_insert_delete ON tickets",
                "DROP TRIGGER ticket_counts_update ON tickets",
                "DROP FUNCTION ticket_counts_track()",
                "DROP TABLE ticket_counts",
                """
                CREATE TABLE ticket_counts (
                    created_by_id bigint NOT NULL,
                    assigned_to_id bigint NOT NULL,
                    status text NOT NULL,
                    priority smallint NOT NULL,
                    n bigint NOT NULL,
                    PRIMARY KEY (created_by_id, assigned_to_id, status, priority)
                )
                """,
                "CREATE INDEX ticket_counts_by_assignee ON ticket_counts (assigned_to_id)",
                """
                INSERT INTO ticket_counts (created_by_id, assigned_to_id, status, priority, n)
                SELECT created_by_id, coalesce(assigned_to_id, 0), status, priority, count(*) FROM tickets
                GROUP BY created_by_id, coalesce(assigned_to_id, 0), status, priority
                """,
                // Inserts and deletes change each count row once per statement (a bulk load of ten
                // thousand tickets touches a few hundred rows once, leaving no dead versions
                // behind); every change upserts its rows in key order, so concurrent writers
                // never deadlock.
                """
                CREATE FUNCTION ticket_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        INSERT INTO ticket_counts AS c (created_by_id, assigned_to_id, status, priority, n)
                        SELECT created_by_id, assigned_to_id, status, priority, sum(delta) FROM (VALUES
                            (OLD.created_by_id, coalesce(OLD.assigned_to_id, 0), OLD.status, OLD.priority, -1),
                            (NEW.created_by_id, coalesce(NEW.assigned_to_id, 0), NEW.status, NEW.priority, 1)
                        ) AS change (created_by_id, assigned_to_id, status, priority, delta)
                        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                        ON CONFLICT (created_by_id, assigned_to_id, status, priority) DO UPDATE SET n = c.n + excluded.n;
                    ELSE
                        INSERT INTO ticket_counts AS c (created_by_id, assigned_to_id, status, priority, n)
                        SELECT created_by_id, coalesce(assigned_to_id, 0), status, priority,
                               CASE TG_OP WHEN 'DELETE' THEN -count(*) ELSE count(*) END
                        FROM changed_tickets
                        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                        ON CONFLICT (created_by_id, assigned_to_id, status, priority) DO UPDATE SET n = c.n + excluded.n;
                    END IF;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS changed_tickets
                FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_apply()
                """,
                """
                CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS changed_tickets
                FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_apply()
                """,
                """
                CREATE TRIGGER ticket_counts_update AFTER UPDATE OF created_by_id, assigned_to_id, status, priority ON tickets
                FOR EACH ROW WHEN (
                    OLD.created_by_id IS DISTINCT FROM NEW.created_by_id OR OLD.assigned_to_id IS DISTINCT FROM NEW.assigned_to_id
                    OR OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority
                )
                EXECUTE FUNCTION ticket_counts_apply()
                """,
            ]
        ),
        PostgresMigration(
            name: "v5-lexeme-counts",
            statements: [
                // How many tickets' documents hold each lexeme, for everyone (viewer 0) and for each
                // person who may see them (creator and assignee), kept by statement-level
                // triggers: a one-word search's X-Total-Count without visiting every matching row
                // (a common word matches tens of thousands of tickets at a million). Rows: people
                // times the words of their tickets.
                """
                CREATE TABLE ticket_lexeme_counts (
                    viewer_id bigint NOT NULL,
                    lexeme text NOT NULL,
                    n bigint NOT NULL,
                    PRIMARY KEY (viewer_id, lexeme)
                )
                """,
                // The (viewer, lexeme) pairs of a set of tickets.
                """
                CREATE FUNCTION ticket_viewer_lexemes(created_by_id bigint, assigned_to_id bigint, document tsvector)
                RETURNS TABLE (viewer_id bigint, lexeme text) LANGUAGE sql IMMUTABLE AS $$
                    SELECT viewer.id, word.lexeme
                    FROM (VALUES (0::bigint), (created_by_id), (CASE WHEN assigned_to_id <> created_by_id THEN assigned_to_id END))
                        AS viewer (id)
                    CROSS JOIN unnest(tsvector_to_array(document)) AS word (lexeme)
                    WHERE viewer.id IS NOT NULL
                $$
                """,
                """
                INSERT INTO ticket_lexeme_counts (viewer_id, lexeme, n)
                SELECT pair.viewer_id, pair.lexeme, count(*)
                FROM tickets t CROSS JOIN LATERAL ticket_viewer_lexemes(t.created_by_id, t.assigned_to_id, t.document) AS pair
                GROUP BY pair.viewer_id, pair.lexeme
                """,
                // One upsert per statement, in key order, so concurrent writers never deadlock.
                """
                CREATE FUNCTION ticket_lexeme_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        INSERT INTO ticket_lexeme_counts AS c (viewer_id, lexeme, n)
                        SELECT viewer_id, lexeme, sum(delta) FROM (
                            SELECT pair.viewer_id, pair.lexeme, 1 AS delta
                            FROM added_tickets a CROSS JOIN LATERAL ticket_viewer_lexemes(a.created_by_id, a.assigned_to_id, a.document) AS pair
                            UNION ALL
                            SELECT pair.viewer_id, pair.lexeme, -1
                            FROM removed_tickets r CROSS JOIN LATERAL ticket_viewer_lexemes(r.created_by_id, r.assigned_to_id, r.document) AS pair
                        ) AS changes
                        GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
                        ON CONFLICT (viewer_id, lexeme) DO UPDATE SET n = c.n + excluded.n;
                    ELSE
                        INSERT INTO ticket_lexeme_counts AS c (viewer_id, lexeme, n)
                        SELECT pair.viewer_id, pair.lexeme, CASE TG_OP WHEN 'DELETE' THEN -count(*) ELSE count(*) END
                        FROM changed_tickets t CROSS JOIN LATERAL ticket_viewer_lexemes(t.created_by_id, t.assigned_to_id, t.document) AS pair
                        GROUP BY 1, 2 ORDER BY 1, 2
                        ON CONFLICT (viewer_id, lexeme) DO UPDATE SET n = c.n + excluded.n;
                    END IF;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER ticket_lexeme_counts_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS changed_tickets
                FOR EACH STATEMENT EXECUTE FUNCTION ticket_lexeme_counts_track()
                """,
                """
                CREATE TRIGGER ticket_lexeme_counts_update AFTER UPDATE ON tickets
                REFERENCING OLD TABLE AS removed_tickets NEW TABLE AS added_tickets
                FOR EACH STATEMENT EXECUTE FUNCTION ticket_lexeme_counts_track()
                """,
                """
                CREATE TRIGGER ticket_lexeme_counts_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS changed_tickets
                FOR EACH STATEMENT EXECUTE FUNCTION ticket_lexeme_counts_track()
                """,
            ]
        ),
        PostgresMigration(
            name: "v6-capped-comment-search",
            statements: [
                // A ticket's document holds the first 50,000 characters of its comment thread
                // (ValidationLimits.searchedCommentText when this was written). Before, it held
                // the whole thread: a long thread outgrew the tsvector size limit (1 MB), then
                // every comment and edit of that ticket failed, and each comment re-read and
                // re-indexed the thread. The searched text is found by walking the thread oldest
                // first and stopping once it is full, so no write reads more of a thread than
                // the cap, however long it grows; once full, a new comment re-indexes nothing.
                """
                CREATE FUNCTION ticket_searched_comments(ticket bigint, before bigint) RETURNS text
                LANGUAGE sql STABLE AS $$
                    WITH RECURSIVE walk (id, content, total) AS (
                        (SELECT id, content, length(content) FROM comments
                         WHERE ticket_id = ticket AND id < before ORDER BY id LIMIT 1)
                        UNION ALL
                        (SELECT next.id, next.content, walk.total + 1 + length(next.content)
                         FROM walk CROSS JOIN LATERAL (
                             SELECT id, content FROM comments
                             WHERE ticket_id = ticket AND id > walk.id AND id < before ORDER BY id LIMIT 1
                         ) AS next
                         WHERE walk.total < 50000)
                    )
                    SELECT coalesce(left(string_agg(content, ' ' ORDER BY id), 50000), '') FROM walk
                $$
                """,
                """
                CREATE OR REPLACE FUNCTION ticket_document(ticket bigint, title text, description text) RETURNS tsvector
                LANGUAGE sql STABLE AS $$
                    SELECT setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
                        || setweight(to_tsvector('english', ticket_searched_comments(ticket, 9223372036854775807)), 'C')
                $$
                """,
                """
                CREATE FUNCTION comments_extend_documents() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE tickets t SET document = ticket_document(t.id, t.title, t.description)
                    FROM (SELECT ticket_id, min(id) AS first_new FROM changed_comments GROUP BY ticket_id) AS added
                    WHERE t.id = added.ticket_id AND length(ticket_searched_comments(added.ticket_id, added.first_new)) < 50000;
                    RETURN NULL;
                END
                $$
                """,
                "DROP TRIGGER comments_inserted_document ON comments",
                """
                CREATE TRIGGER comments_inserted_document AFTER INSERT ON comments REFERENCING NEW TABLE AS changed_comments
                FOR EACH STATEMENT EXECUTE FUNCTION comments_extend_documents()
                """,
                """
                UPDATE tickets t SET document = ticket_document(t.id, t.title, t.description)
                WHERE t.id IN (SELECT ticket_id FROM comments GROUP BY ticket_id HAVING sum(length(content) + 1) > 50000)
                """,
            ]
        ),
        PostgresMigration(
            name: "v7-sessions-and-login-attempts",
            statements: [
                // Tokens carry the session generation they were issued in; moving it on ends them.
                "ALTER TABLE users ADD COLUMN session_generation integer NOT NULL DEFAULT 0",
                // Login attempts are counted here, before the password is checked: parallel
                // guesses cannot outrun the count, and it holds across restarts and servers.
                """
                CREATE TABLE login_attempts (
                    key text PRIMARY KEY,
                    attempts integer NOT NULL,
                    last_attempt timestamptz NOT NULL
                )
                """,
                "CREATE INDEX login_attempts_by_time ON login_attempts (last_attempt)",
            ]
        ),
        PostgresMigration(
            name: "v8-queue-and-office-stats",
            statements: [
                // When a ticket was resolved and closed (kept by the service, see
                // Ticket.settingStatus), filled in for existing tickets from their history.
                "ALTER TABLE tickets ADD COLUMN resolved_at timestamptz",
                "ALTER TABLE tickets ADD COLUMN closed_at timestamptz",
                // One pass, with the lexeme counters' trigger (which fires on any update of a
                // ticket) switched off: no text changes here.
                "ALTER TABLE tickets DISABLE TRIGGER ticket_lexeme_counts_update",
                """
                UPDATE tickets t SET
                    closed_at = CASE WHEN t.status = 'closed' THEN coalesce(
                        (SELECT max(at) FROM ticket_events e
                         WHERE e.ticket_id = t.id AND e.event = 'status_changed' AND e.to_value = 'closed'),
                        t.updated_at, t.created_at) END,
                    resolved_at = CASE WHEN t.status = 'resolved' OR (
                        SELECT e.from_value FROM ticket_events e
                        WHERE e.ticket_id = t.id AND e.event = 'status_changed' ORDER BY e.id DESC LIMIT 1) = 'resolved'
                    THEN coalesce(
                        (SELECT max(at) FROM ticket_events e
                         WHERE e.ticket_id = t.id AND e.event = 'status_changed' AND e.to_value = 'resolved'),
                        t.updated_at, t.created_at) END
                WHERE t.status IN ('resolved', 'closed')
                """,
                "ALTER TABLE tickets ENABLE TRIGGER ticket_lexeme_counts_update",
                "CREATE INDEX tickets_by_resolved ON tickets (resolved_at, created_at) WHERE resolved_at IS NOT NULL",
                "CREATE INDEX tickets_queue ON tickets (priority DESC, created_at, id) WHERE status NOT IN ('resolved', 'closed')",
                """
                CREATE INDEX tickets_queue_by_creator ON tickets (created_by_id, priority DESC, created_at, id)
                WHERE status NOT IN ('resolved', 'closed')
                """,
                // Days since 1970-01-01 on the UTC calendar (UTCDay in TicketCore).
                """
                CREATE FUNCTION utc_day(at timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE
                AS $$ SELECT floor(extract(epoch FROM at) / 86400)::integer $$
                """,
                // Active tickets per priority and UTC day of creation: a queue position sums the
                // days before a ticket's and counts only its own day's tickets on tickets_queue.
                """
                CREATE TABLE queue_days (
                    priority smallint NOT NULL,
                    day integer NOT NULL,
                    n bigint NOT NULL,
                    PRIMARY KEY (priority, day)
                )
                """,
                """
                INSERT INTO queue_days (priority, day, n)
                SELECT priority, utc_day(created_at), count(*) FROM tickets WHERE status NOT IN ('resolved', 'closed') GROUP BY 1, 2
                """,
                // Tickets created and resolved per UTC day, for the trend.
                "CREATE TABLE ticket_days (day integer PRIMARY KEY, created bigint NOT NULL, resolved bigint NOT NULL)",
                """
                INSERT INTO ticket_days (day, created, resolved)
                SELECT day, sum(created), sum(resolved) FROM (
                    SELECT utc_day(created_at) AS day, 1 AS created, 0 AS resolved FROM tickets
                    UNION ALL
                    SELECT utc_day(resolved_at), 0, 1 FROM tickets WHERE resolved_at IS NOT NULL
                ) AS days GROUP BY day
                """,
                // Inserts and deletes change each counter row once per statement; every change
                // upserts its rows in key order (ticket_days, then queue_days), so concurrent
                // writers never deadlock. Triggers of one event fire in name order: stats_days_*
                // before ticket_counts_* and ticket_lexeme_counts_*, the same order in every
                // transaction.
                """
                CREATE FUNCTION stats_days_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    sign integer := CASE TG_OP WHEN 'DELETE' THEN -1 ELSE 1 END;
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        INSERT INTO ticket_days AS d (day, created, resolved)
                        SELECT day, 0, sum(delta) FROM (VALUES (utc_day(OLD.resolved_at), -1), (utc_day(NEW.resolved_at), 1))
                            AS change (day, delta)
                        WHERE day IS NOT NULL GROUP BY day HAVING sum(delta) <> 0 ORDER BY day
                        ON CONFLICT (day) DO UPDATE SET resolved = d.resolved + excluded.resolved;
                        INSERT INTO queue_days AS q (priority, day, n)
                        SELECT priority, day, sum(delta) FROM (VALUES
                            (OLD.priority, utc_day(OLD.created_at), CASE WHEN OLD.status NOT IN ('resolved', 'closed') THEN -1 ELSE 0 END),
                            (NEW.priority, utc_day(NEW.created_at), CASE WHEN NEW.status NOT IN ('resolved', 'closed') THEN 1 ELSE 0 END)
                        ) AS change (priority, day, delta)
                        GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
                        ON CONFLICT (priority, day) DO UPDATE SET n = q.n + excluded.n;
                    ELSE
                        INSERT INTO ticket_days AS d (day, created, resolved)
                        SELECT day, sign * sum(created), sign * sum(resolved) FROM (
                            SELECT utc_day(created_at) AS day, 1 AS created, 0 AS resolved FROM changed_tickets
                            UNION ALL
                            SELECT utc_day(resolved_at), 0, 1 FROM changed_tickets WHERE resolved_at IS NOT NULL
                        ) AS change GROUP BY day ORDER BY day
                        ON CONFLICT (day) DO UPDATE SET created = d.created + excluded.created, resolved = d.resolved + excluded.resolved;
                        INSERT INTO queue_days AS q (priority, day, n)
                        SELECT priority, utc_day(created_at), sign * count(*) FROM changed_tickets
                        WHERE status NOT IN ('resolved', 'closed') GROUP BY 1, 2 ORDER BY 1, 2
                        ON CONFLICT (priority, day) DO UPDATE SET n = q.n + excluded.n;
                    END IF;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER stats_days_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS changed_tickets
                FOR EACH STATEMENT EXECUTE FUNCTION stats_days_apply()
                """,
                """
                CREATE TRIGGER stats_days_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS changed_tickets
                FOR EACH STATEMENT EXECUTE FUNCTION stats_days_apply()
                """,
                """
                CREATE TRIGGER stats_days_update AFTER UPDATE OF status, priority, resolved_at ON tickets
                FOR EACH ROW WHEN (
                    OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority
                    OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at
                )
                EXECUTE FUNCTION stats_days_apply()
                """,
            ]
        ),
        PostgresMigration(
            name: "v9-queue-blocks",
            statements: [
                // Active tickets per priority and block of 32 UTC days (day / 32): a queue
                // position sums a few blocks and the days of its own block instead of every day
                // since the oldest active ticket. Triggers of one event fire in name order, so
                // every transaction takes queue_blocks, then ticket_days and queue_days, then
                // ticket_counts: concurrent writers never wait on each other in a circle.
                // No ticket may change between the backfill and the triggers' creation (a server
                // of the previous version may still be writing).
                "LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE",
                """
                CREATE TABLE queue_blocks (
                    priority smallint NOT NULL,
                    block integer NOT NULL,
                    n bigint NOT NULL,
                    PRIMARY KEY (priority, block)
                )
                """,
                "INSERT INTO queue_blocks (priority, block, n) SELECT priority, day / 32, sum(n) FROM queue_days GROUP BY 1, 2",
                """
                CREATE FUNCTION queue_blocks_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        INSERT INTO queue_blocks AS q (priority, block, n)
                        SELECT priority, block, sum(delta) FROM (VALUES
                            (OLD.priority, utc_day(OLD.created_at) / 32, CASE WHEN OLD.status NOT IN ('resolved', 'closed') THEN -1 ELSE 0 END),
                            (NEW.priority, utc_day(NEW.created_at) / 32, CASE WHEN NEW.status NOT IN ('resolved', 'closed') THEN 1 ELSE 0 END)
                        ) AS change (priority, block, delta)
                        GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
                        ON CONFLICT (priority, block) DO UPDATE SET n = q.n + excluded.n;
                    ELSE
                        INSERT INTO queue_blocks AS q (priority, block, n)
                        SELECT priority, utc_day(created_at) / 32, CASE TG_OP WHEN 'DELETE' THEN -count(*) ELSE count(*) END
                        FROM changed_tickets WHERE status NOT IN ('resolved', 'closed') GROUP BY 1, 2 ORDER BY 1, 2
                        ON CONFLICT (priority, block) DO UPDATE SET n = q.n + excluded.n;
                    END IF;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER queue_blocks_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS changed_tickets
                FOR EACH STATEMENT EXECUTE FUNCTION queue_blocks_apply()
                """,
                """
                CREATE TRIGGER queue_blocks_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS changed_tickets
                FOR EACH STATEMENT EXECUTE FUNCTION queue_blocks_apply()
                """,
                """
                CREATE TRIGGER queue_blocks_update AFTER UPDATE OF status, priority ON tickets
                FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority)
                EXECUTE FUNCTION queue_blocks_apply()
                """,
            ]
        ),
        // "Similar tickets" looked at the search document, which holds comment text too: a plain
        // user could probe words written on tickets they cannot see. Similarity reads the title
        // (weight A) and description (B) only, from a column of its own with a partial index over
        // the tickets that are not closed; the old partial index on the full document served
        // nothing else.
        PostgresMigration(
            name: "v10-similar-title-and-description",
            statements: [
                """
                ALTER TABLE tickets ADD COLUMN similar_document tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
                ) STORED
                """,
                "CREATE INDEX open_tickets_similar_document ON tickets USING gin (similar_document) WHERE status <> 'closed'",
                "DROP INDEX open_tickets_document",
            ]
        ),
        // Each new comment walked its thread up to the cap (one index probe per comment) to learn
        // whether the document was full, then re-indexed the whole searched thread: work in
        // proportion to the cap for every comment (about 150 comments a second on one long
        // thread). Now the ticket keeps how much of its thread is searched
        // (`searched_comment_chars`: each comment's length plus a separator, at most 50,000;
        // NULL until the next comment sums it from the thread), and only the new text, cut where
        // the cap falls, is indexed and appended to the document. Being a column of the ticket's
        // row, it is read again under the row lock when comments arrive at once. Edits and
        // deletions still rebuild the document, and forget the length.
        PostgresMigration(
            name: "v11-comments-append-to-documents",
            statements: [
                "ALTER TABLE tickets ADD COLUMN searched_comment_chars integer",
                """
                CREATE FUNCTION ticket_searched_length(ticket bigint, before bigint) RETURNS integer
                LANGUAGE sql STABLE AS $$
                    SELECT least(50000, coalesce(sum(length(content) + 1), 0))::integer FROM comments WHERE ticket_id = ticket AND id < before
                $$
                """,
                """
                CREATE OR REPLACE FUNCTION comments_extend_documents() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE tickets t SET
                        document = t.document || setweight(to_tsvector('english',
                            left(added.text, 50000 - coalesce(t.searched_comment_chars, ticket_searched_length(t.id, added.first_id)))), 'C'),
                        searched_comment_chars = least(50000,
                            coalesce(t.searched_comment_chars, ticket_searched_length(t.id, added.first_id)) + length(added.text) + 1)
                    FROM (
                        SELECT ticket_id, min(id) AS first_id, string_agg(content, ' ' ORDER BY id) AS text
                        FROM changed_comments GROUP BY ticket_id
                    ) AS added
                    WHERE t.id = added.ticket_id AND coalesce(t.searched_comment_chars, ticket_searched_length(t.id, added.first_id)) < 50000;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE OR REPLACE FUNCTION comments_refresh_documents() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE tickets t SET document = ticket_document(t.id, t.title, t.description), searched_comment_chars = NULL
                    WHERE t.id IN (SELECT DISTINCT ticket_id FROM changed_comments);
                    RETURN NULL;
                END
                $$
                """,
            ]
        ),
        // Every ticket update set `title` and `description` (unchanged or not), so the document
        // was rebuilt from the whole thread, and the lexeme counts unnested the old and new
        // documents, on a priority change too (117-257 ms on a long ticket). Now the document is
        // rebuilt only when the title or description really changes, and the lexeme counts move
        // only when a row's creator, assignee or document does, row by row (the application
        // updates one ticket per statement) and without capturing transition tables.
        PostgresMigration(
            name: "v12-triggers-fire-on-real-changes",
            statements: [
                "DROP TRIGGER tickets_document ON tickets",
                """
                CREATE TRIGGER tickets_document_insert BEFORE INSERT ON tickets
                FOR EACH ROW EXECUTE FUNCTION tickets_set_document()
                """,
                """
                CREATE TRIGGER tickets_document_update BEFORE UPDATE OF title, description ON tickets
                FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description)
                EXECUTE FUNCTION tickets_set_document()
                """,
                "DROP TRIGGER ticket_lexeme_counts_update ON tickets",
                """
                CREATE OR REPLACE FUNCTION ticket_lexeme_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO ticket_lexeme_counts AS c (viewer_id, lexeme, n)
                    SELECT pair.viewer_id, pair.lexeme, CASE TG_OP WHEN 'DELETE' THEN -count(*) ELSE count(*) END
                    FROM changed_tickets t CROSS JOIN LATERAL ticket_viewer_lexemes(t.created_by_id, t.assigned_to_id, t.document) AS pair
                    GROUP BY 1, 2 ORDER BY 1, 2
                    ON CONFLICT (viewer_id, lexeme) DO UPDATE SET n = c.n + excluded.n;
                    RETURN NULL;
                END
                $$
                """,
                // One upsert per row, in key order, so concurrent writers never deadlock.
                """
                CREATE FUNCTION ticket_lexeme_counts_replace() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO ticket_lexeme_counts AS c (viewer_id, lexeme, n)
                    SELECT viewer_id, lexeme, sum(delta) FROM (
                        SELECT pair.viewer_id, pair.lexeme, 1 AS delta
                        FROM ticket_viewer_lexemes(NEW.created_by_id, NEW.assigned_to_id, NEW.document) AS pair
                        UNION ALL
                        SELECT pair.viewer_id, pair.lexeme, -1
                        FROM ticket_viewer_lexemes(OLD.created_by_id, OLD.assigned_to_id, OLD.document) AS pair
                    ) AS changes
                    GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
                    ON CONFLICT (viewer_id, lexeme) DO UPDATE SET n = c.n + excluded.n;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER ticket_lexeme_counts_update AFTER UPDATE ON tickets
                FOR EACH ROW WHEN (
                    OLD.created_by_id IS DISTINCT FROM NEW.created_by_id OR OLD.assigned_to_id IS DISTINCT FROM NEW.assigned_to_id
                    OR OLD.document IS DISTINCT FROM NEW.document
                )
                EXECUTE FUNCTION ticket_lexeme_counts_replace()
                """,
            ]
        ),
        // One row per sign-in: a token names its session, and a request counts only while the
        // row is there, so one token can be ended (POST /auth/logout). Identity ids are never
        // reused, so an ended session's token never comes back.
        PostgresMigration(
            name: "v13-sessions",
            statements: [
                """
                CREATE TABLE sessions (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    created_at timestamptz NOT NULL,
                    expires_at timestamptz NOT NULL,
                    user_agent text
                )
                """,
                "CREATE INDEX sessions_by_user ON sessions (user_id, id)",
                "CREATE INDEX sessions_by_expiry ON sessions (expires_at)",
            ]
        ),
        // A ticket's category (one of the server's configured names, or none), and the index of
        // the `category` filter in the default order.
        PostgresMigration(
            name: "v14-ticket-category",
            statements: [
                "ALTER TABLE tickets ADD COLUMN category text CHECK (category IS NULL OR char_length(category) BETWEEN 1 AND 40)",
                "CREATE INDEX tickets_by_category ON tickets (category, created_at, id)",
            ]
        ),
        // The counts of a list filtered by category, as `ticket_counts` keeps them for other
        // lists: a category ('' for none) per creator, assignee (0 for nobody), status and
        // priority, so that such a list is not counted ticket by ticket. Kept the way
        // `ticket_counts` is: once per statement for inserts and deletes, in key order.
        PostgresMigration(
            name: "v15-ticket-category-counts",
            statements: [
                // No ticket may change between the backfill and the triggers' creation (a server
                // of the previous version may still be writing).
                "LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE",
                """
                CREATE TABLE ticket_category_counts (
                    category text NOT NULL,
                    created_by_id bigint NOT NULL,
                    assigned_to_id bigint NOT NULL,
                    status text NOT NULL,
                    priority smallint NOT NULL,
                    n bigint NOT NULL,
                    PRIMARY KEY (category, created_by_id, assigned_to_id, status, priority)
                )
                """,
                "CREATE INDEX ticket_category_counts_by_assignee ON ticket_category_counts (category, assigned_to_id)",
                """
                INSERT INTO ticket_category_counts (category, created_by_id, assigned_to_id, status, priority, n)
                SELECT coalesce(category, ''), created_by_id, coalesce(assigned_to_id, 0), status, priority, count(*) FROM tickets
                GROUP BY 1, 2, 3, 4, 5
                """,
                """
                CREATE FUNCTION ticket_category_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        INSERT INTO ticket_category_counts AS c (category, created_by_id, assigned_to_id, status, priority, n)
                        SELECT category, created_by_id, assigned_to_id, status, priority, sum(delta) FROM (VALUES
                            (coalesce(OLD.category, ''), OLD.created_by_id, coalesce(OLD.assigned_to_id, 0), OLD.status, OLD.priority, -1),
                            (coalesce(NEW.category, ''), NEW.created_by_id, coalesce(NEW.assigned_to_id, 0), NEW.status, NEW.priority, 1)
                        ) AS change (category, created_by_id, assigned_to_id, status, priority, delta)
                        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                        ON CONFLICT (category, created_by_id, assigned_to_id, status, priority) DO UPDATE SET n = c.n + excluded.n;
                    ELSE
                        INSERT INTO ticket_category_counts AS c (category, created_by_id, assigned_to_id, status, priority, n)
                        SELECT coalesce(category, ''), created_by_id, coalesce(assigned_to_id, 0), status, priority,
                               CASE TG_OP WHEN 'DELETE' THEN -count(*) ELSE count(*) END
                        FROM changed_tickets
                        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                        ON CONFLICT (category, created_by_id, assigned_to_id, status, priority) DO UPDATE SET n = c.n + excluded.n;
                    END IF;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER ticket_category_counts_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS changed_tickets
                FOR EACH STATEMENT EXECUTE FUNCTION ticket_category_counts_apply()
                """,
                """
                CREATE TRIGGER ticket_category_counts_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS changed_tickets
                FOR EACH STATEMENT EXECUTE FUNCTION ticket_category_counts_apply()
                """,
                """
                CREATE TRIGGER ticket_category_counts_update AFTER UPDATE OF category, created_by_id, assigned_to_id, status, priority ON tickets
                FOR EACH ROW WHEN (
                    OLD.category IS DISTINCT FROM NEW.category
                    OR OLD.created_by_id IS DISTINCT FROM NEW.created_by_id OR OLD.assigned_to_id IS DISTINCT FROM NEW.assigned_to_id
                    OR OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority
                )
                EXECUTE FUNCTION ticket_category_counts_apply()
                """,
            ]
        ),
    ]
}

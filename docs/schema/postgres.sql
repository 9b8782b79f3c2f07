-- The PostgreSQL schema that the migrations make, as the database reports it. Written by
-- the schema tests (UPDATE_SCHEMA_SNAPSHOTS=1 scripts/test.sh --filter Schema); do not edit
-- it by hand. The schema changes by a new migration, never by editing a shipped one: the
-- lines below record each shipped migration's SHA-256, and the tests fail when one changes.

-- migration v1-schema 94c0d81bf5771c02376ff0ca1d1a3062f3897883d6436da52048defd754396aa
-- migration v2-counts-and-user-sort-indexes 465f825549811e4c8f1c8d23adf5a872b26858ae4e3a705906fea8a984e4929d
-- migration v3-ticket-documents 092aeb064143888a530c4abf6bb7758ffa5a4028a47b89a81fa8e7408935f694
-- migration v4-ticket-counts-by-people c25f6d81419b600f7230d50429944bdc2d73cb96f24363951e003e86ad8b62ba
-- migration v5-lexeme-counts 3b20de90b548711da10f4d9f961c389eec8c77970bcc81457fcceae435d12540
-- migration v6-capped-comment-search 11ac02dda91b9bf2005405133c9fdd016041e679e47a445cfc8cbae238a49c8e
-- migration v7-sessions-and-login-attempts 22ae0d2205ebec44dcddbee2a3ef667e0d15cee65cd89c88d0d62571dbdcde00
-- migration v8-queue-and-office-stats 5dcecedbbfad0ef89d79a5cf9d0210ac642a94c66962b39f47ce9588dfaa95e4
-- migration v9-queue-blocks a16beba2ab0ca3d898dc72e8435439063f374bd11a2f64b02310c6f2518fd979
-- migration v10-similar-title-and-description e9f2e11b34dbca8fb13e1aee2728fab6cc232aa88d4e1178b18596ce4c1f6d6f
-- migration v11-comments-append-to-documents b7310398834b4e16c3888850695b79534eebc265107dac8a86b27a7a1ce6c24f
-- migration v12-triggers-fire-on-real-changes 11e22cd1fa23c3dc6e9d987bc9239c7ef797834fb7ee7598d899f407ab4c5ecc
-- migration v13-sessions 81114d6c1f4436a8dbd3cd827e8abecaf465fee22697cab1d02ac69c0671eb81
-- migration v14-ticket-category 166fe2f65db93082264933ac2364de47c394b94e051dbddce91a52f4f8770042
-- migration v15-ticket-category-counts fc0148aa9319b5e9935413e6d33508842759c6019b245623d6b2385b475803be

-- table comments
CREATE TABLE comments (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    ticket_id bigint NOT NULL,
    user_id bigint NOT NULL,
    content text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone,
    CONSTRAINT comments_pkey PRIMARY KEY (id),
    CONSTRAINT comments_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES tickets(id) ON DELETE CASCADE,
    CONSTRAINT comments_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id)
);

-- table login_attempts
CREATE TABLE login_attempts (
    key text NOT NULL,
    attempts integer NOT NULL,
    last_attempt timestamp with time zone NOT NULL,
    CONSTRAINT login_attempts_pkey PRIMARY KEY (key)
);

-- table queue_blocks
CREATE TABLE queue_blocks (
    priority smallint NOT NULL,
    block integer NOT NULL,
    n bigint NOT NULL,
    CONSTRAINT queue_blocks_pkey PRIMARY KEY (priority, block)
);

-- table queue_days
CREATE TABLE queue_days (
    priority smallint NOT NULL,
    day integer NOT NULL,
    n bigint NOT NULL,
    CONSTRAINT queue_days_pkey PRIMARY KEY (priority, day)
);

-- table roles
CREATE TABLE roles (
    id smallint GENERATED ALWAYS AS IDENTITY NOT NULL,
    name text NOT NULL,
    can_view_all boolean DEFAULT false NOT NULL,
    can_delete_all boolean DEFAULT false NOT NULL,
    can_edit_all boolean DEFAULT false NOT NULL,
    can_manage_users boolean DEFAULT false NOT NULL,
    can_manage_tickets boolean DEFAULT false NOT NULL,
    can_assign_tickets boolean DEFAULT false NOT NULL,
    CONSTRAINT roles_name_key UNIQUE (name),
    CONSTRAINT roles_pkey PRIMARY KEY (id)
);

-- table sessions
CREATE TABLE sessions (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    user_id bigint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    user_agent text,
    CONSTRAINT sessions_pkey PRIMARY KEY (id),
    CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- table settings
CREATE TABLE settings (
    key text NOT NULL,
    value text NOT NULL,
    CONSTRAINT settings_pkey PRIMARY KEY (key)
);

-- table ticket_category_counts
CREATE TABLE ticket_category_counts (
    category text NOT NULL,
    created_by_id bigint NOT NULL,
    assigned_to_id bigint NOT NULL,
    status text NOT NULL,
    priority smallint NOT NULL,
    n bigint NOT NULL,
    CONSTRAINT ticket_category_counts_pkey PRIMARY KEY (category, created_by_id, assigned_to_id, status, priority)
);

-- table ticket_counts
CREATE TABLE ticket_counts (
    created_by_id bigint NOT NULL,
    assigned_to_id bigint NOT NULL,
    status text NOT NULL,
    priority smallint NOT NULL,
    n bigint NOT NULL,
    CONSTRAINT ticket_counts_pkey PRIMARY KEY (created_by_id, assigned_to_id, status, priority)
);

-- table ticket_days
CREATE TABLE ticket_days (
    day integer NOT NULL,
    created bigint NOT NULL,
    resolved bigint NOT NULL,
    CONSTRAINT ticket_days_pkey PRIMARY KEY (day)
);

-- table ticket_events
CREATE TABLE ticket_events (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    ticket_id bigint NOT NULL,
    actor_id bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    event text NOT NULL,
    from_value text,
    to_value text,
    CONSTRAINT ticket_events_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES users(id),
    CONSTRAINT ticket_events_pkey PRIMARY KEY (id),
    CONSTRAINT ticket_events_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES tickets(id) ON DELETE CASCADE
);

-- table ticket_lexeme_counts
CREATE TABLE ticket_lexeme_counts (
    viewer_id bigint NOT NULL,
    lexeme text NOT NULL,
    n bigint NOT NULL,
    CONSTRAINT ticket_lexeme_counts_pkey PRIMARY KEY (viewer_id, lexeme)
);

-- table tickets
CREATE TABLE tickets (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    priority smallint NOT NULL,
    status text NOT NULL,
    created_by_id bigint NOT NULL,
    assigned_to_id bigint,
    duplicate_of_id bigint,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone,
    version integer DEFAULT 1 NOT NULL,
    document tsvector NOT NULL,
    resolved_at timestamp with time zone,
    closed_at timestamp with time zone,
    similar_document tsvector GENERATED ALWAYS AS ((setweight(to_tsvector('english'::regconfig, title), 'A'::"char") || setweight(to_tsvector('english'::regconfig, description), 'B'::"char"))) STORED,
    searched_comment_chars integer,
    category text,
    CONSTRAINT tickets_assigned_to_id_fkey FOREIGN KEY (assigned_to_id) REFERENCES users(id),
    CONSTRAINT tickets_category_check CHECK (((category IS NULL) OR ((char_length(category) >= 1) AND (char_length(category) <= 40)))),
    CONSTRAINT tickets_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES users(id),
    CONSTRAINT tickets_duplicate_of_id_fkey FOREIGN KEY (duplicate_of_id) REFERENCES tickets(id) ON DELETE SET NULL,
    CONSTRAINT tickets_pkey PRIMARY KEY (id),
    CONSTRAINT tickets_priority_check CHECK (((priority >= 1) AND (priority <= 4))),
    CONSTRAINT tickets_status_check CHECK ((status = ANY (ARRAY['incoming'::text, 'open'::text, 'in progress'::text, 'on hold'::text, 'resolved'::text, 'closed'::text])))
);

-- table users
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    name text NOT NULL,
    email text NOT NULL,
    password_hash text NOT NULL,
    role_id smallint NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone NOT NULL,
    session_generation integer DEFAULT 0 NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_role_id_fkey FOREIGN KEY (role_id) REFERENCES roles(id)
);

-- index comments_by_ticket
CREATE INDEX comments_by_ticket ON public.comments USING btree (ticket_id, id);

-- index comments_by_user
CREATE INDEX comments_by_user ON public.comments USING btree (user_id, id);

-- index comments_pkey
CREATE UNIQUE INDEX comments_pkey ON public.comments USING btree (id);

-- index login_attempts_by_time
CREATE INDEX login_attempts_by_time ON public.login_attempts USING btree (last_attempt);

-- index login_attempts_pkey
CREATE UNIQUE INDEX login_attempts_pkey ON public.login_attempts USING btree (key);

-- index open_tickets_similar_document
CREATE INDEX open_tickets_similar_document ON public.tickets USING gin (similar_document) WHERE (status <> 'closed'::text);

-- index queue_blocks_pkey
CREATE UNIQUE INDEX queue_blocks_pkey ON public.queue_blocks USING btree (priority, block);

-- index queue_days_pkey
CREATE UNIQUE INDEX queue_days_pkey ON public.queue_days USING btree (priority, day);

-- index roles_name_key
CREATE UNIQUE INDEX roles_name_key ON public.roles USING btree (name);

-- index roles_pkey
CREATE UNIQUE INDEX roles_pkey ON public.roles USING btree (id);

-- index sessions_by_expiry
CREATE INDEX sessions_by_expiry ON public.sessions USING btree (expires_at);

-- index sessions_by_user
CREATE INDEX sessions_by_user ON public.sessions USING btree (user_id, id);

-- index sessions_pkey
CREATE UNIQUE INDEX sessions_pkey ON public.sessions USING btree (id);

-- index settings_pkey
CREATE UNIQUE INDEX settings_pkey ON public.settings USING btree (key);

-- index ticket_category_counts_by_assignee
CREATE INDEX ticket_category_counts_by_assignee ON public.ticket_category_counts USING btree (category, assigned_to_id);

-- index ticket_category_counts_pkey
CREATE UNIQUE INDEX ticket_category_counts_pkey ON public.ticket_category_counts USING btree (category, created_by_id, assigned_to_id, status, priority);

-- index ticket_counts_by_assignee
CREATE INDEX ticket_counts_by_assignee ON public.ticket_counts USING btree (assigned_to_id);

-- index ticket_counts_pkey
CREATE UNIQUE INDEX ticket_counts_pkey ON public.ticket_counts USING btree (created_by_id, assigned_to_id, status, priority);

-- index ticket_days_pkey
CREATE UNIQUE INDEX ticket_days_pkey ON public.ticket_days USING btree (day);

-- index ticket_events_by_actor
CREATE INDEX ticket_events_by_actor ON public.ticket_events USING btree (actor_id);

-- index ticket_events_by_ticket
CREATE INDEX ticket_events_by_ticket ON public.ticket_events USING btree (ticket_id, id);

-- index ticket_events_pkey
CREATE UNIQUE INDEX ticket_events_pkey ON public.ticket_events USING btree (id);

-- index ticket_lexeme_counts_pkey
CREATE UNIQUE INDEX ticket_lexeme_counts_pkey ON public.ticket_lexeme_counts USING btree (viewer_id, lexeme);

-- index tickets_by_assignee
CREATE INDEX tickets_by_assignee ON public.tickets USING btree (assigned_to_id, created_at, id);

-- index tickets_by_assignee_priority
CREATE INDEX tickets_by_assignee_priority ON public.tickets USING btree (assigned_to_id, priority, id);

-- index tickets_by_assignee_updated
CREATE INDEX tickets_by_assignee_updated ON public.tickets USING btree (assigned_to_id, COALESCE(updated_at, created_at), id);

-- index tickets_by_category
CREATE INDEX tickets_by_category ON public.tickets USING btree (category, created_at, id);

-- index tickets_by_created
CREATE INDEX tickets_by_created ON public.tickets USING btree (created_at, id);

-- index tickets_by_creator
CREATE INDEX tickets_by_creator ON public.tickets USING btree (created_by_id, created_at, id);

-- index tickets_by_creator_priority
CREATE INDEX tickets_by_creator_priority ON public.tickets USING btree (created_by_id, priority, id);

-- index tickets_by_creator_updated
CREATE INDEX tickets_by_creator_updated ON public.tickets USING btree (created_by_id, COALESCE(updated_at, created_at), id);

-- index tickets_by_original
CREATE INDEX tickets_by_original ON public.tickets USING btree (duplicate_of_id);

-- index tickets_by_priority
CREATE INDEX tickets_by_priority ON public.tickets USING btree (priority, id);

-- index tickets_by_resolved
CREATE INDEX tickets_by_resolved ON public.tickets USING btree (resolved_at, created_at) WHERE (resolved_at IS NOT NULL);

-- index tickets_by_status
CREATE INDEX tickets_by_status ON public.tickets USING btree (status, created_at, id);

-- index tickets_by_updated
CREATE INDEX tickets_by_updated ON public.tickets USING btree (COALESCE(updated_at, created_at), id);

-- index tickets_document
CREATE INDEX tickets_document ON public.tickets USING gin (document);

-- index tickets_pkey
CREATE UNIQUE INDEX tickets_pkey ON public.tickets USING btree (id);

-- index tickets_queue
CREATE INDEX tickets_queue ON public.tickets USING btree (priority DESC, created_at, id) WHERE (status <> ALL (ARRAY['resolved'::text, 'closed'::text]));

-- index tickets_queue_by_creator
CREATE INDEX tickets_queue_by_creator ON public.tickets USING btree (created_by_id, priority DESC, created_at, id) WHERE (status <> ALL (ARRAY['resolved'::text, 'closed'::text]));

-- index users_email_unique
CREATE UNIQUE INDEX users_email_unique ON public.users USING btree (lower(email));

-- index users_pkey
CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id);

-- function comments_extend_documents()
CREATE OR REPLACE FUNCTION public.comments_extend_documents()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
$function$
;

-- function comments_refresh_documents()
CREATE OR REPLACE FUNCTION public.comments_refresh_documents()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    UPDATE tickets t SET document = ticket_document(t.id, t.title, t.description), searched_comment_chars = NULL
    WHERE t.id IN (SELECT DISTINCT ticket_id FROM changed_comments);
    RETURN NULL;
END
$function$
;

-- function queue_blocks_apply()
CREATE OR REPLACE FUNCTION public.queue_blocks_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
$function$
;

-- function stats_days_apply()
CREATE OR REPLACE FUNCTION public.stats_days_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
$function$
;

-- function ticket_category_counts_apply()
CREATE OR REPLACE FUNCTION public.ticket_category_counts_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
$function$
;

-- function ticket_counts_apply()
CREATE OR REPLACE FUNCTION public.ticket_counts_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
$function$
;

-- function ticket_document(ticket bigint, title text, description text)
CREATE OR REPLACE FUNCTION public.ticket_document(ticket bigint, title text, description text)
 RETURNS tsvector
 LANGUAGE sql
 STABLE
AS $function$
    SELECT setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
        || setweight(to_tsvector('english', ticket_searched_comments(ticket, 9223372036854775807)), 'C')
$function$
;

-- function ticket_lexeme_counts_replace()
CREATE OR REPLACE FUNCTION public.ticket_lexeme_counts_replace()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
$function$
;

-- function ticket_lexeme_counts_track()
CREATE OR REPLACE FUNCTION public.ticket_lexeme_counts_track()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    INSERT INTO ticket_lexeme_counts AS c (viewer_id, lexeme, n)
    SELECT pair.viewer_id, pair.lexeme, CASE TG_OP WHEN 'DELETE' THEN -count(*) ELSE count(*) END
    FROM changed_tickets t CROSS JOIN LATERAL ticket_viewer_lexemes(t.created_by_id, t.assigned_to_id, t.document) AS pair
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (viewer_id, lexeme) DO UPDATE SET n = c.n + excluded.n;
    RETURN NULL;
END
$function$
;

-- function ticket_searched_comments(ticket bigint, before bigint)
CREATE OR REPLACE FUNCTION public.ticket_searched_comments(ticket bigint, before bigint)
 RETURNS text
 LANGUAGE sql
 STABLE
AS $function$
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
$function$
;

-- function ticket_searched_length(ticket bigint, before bigint)
CREATE OR REPLACE FUNCTION public.ticket_searched_length(ticket bigint, before bigint)
 RETURNS integer
 LANGUAGE sql
 STABLE
AS $function$
    SELECT least(50000, coalesce(sum(length(content) + 1), 0))::integer FROM comments WHERE ticket_id = ticket AND id < before
$function$
;

-- function ticket_viewer_lexemes(created_by_id bigint, assigned_to_id bigi
CREATE OR REPLACE FUNCTION public.ticket_viewer_lexemes(created_by_id bigint, assigned_to_id bigint, document tsvector)
 RETURNS TABLE(viewer_id bigint, lexeme text)
 LANGUAGE sql
 IMMUTABLE
AS $function$
    SELECT viewer.id, word.lexeme
    FROM (VALUES (0::bigint), (created_by_id), (CASE WHEN assigned_to_id <> created_by_id THEN assigned_to_id END))
        AS viewer (id)
    CROSS JOIN unnest(tsvector_to_array(document)) AS word (lexeme)
    WHERE viewer.id IS NOT NULL
$function$
;

-- function tickets_set_document()
CREATE OR REPLACE FUNCTION public.tickets_set_document()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW.document := ticket_document(NEW.id, NEW.title, NEW.description);
    RETURN NEW;
END
$function$
;

-- function utc_day(at timestamp with time zone)
CREATE OR REPLACE FUNCTION public.utc_day(at timestamp with time zone)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT floor(extract(epoch FROM at) / 86400)::integer $function$
;

-- trigger comments.comments_deleted_document
CREATE TRIGGER comments_deleted_document AFTER DELETE ON public.comments REFERENCING OLD TABLE AS changed_comments FOR EACH STATEMENT EXECUTE FUNCTION comments_refresh_documents();

-- trigger comments.comments_inserted_document
CREATE TRIGGER comments_inserted_document AFTER INSERT ON public.comments REFERENCING NEW TABLE AS changed_comments FOR EACH STATEMENT EXECUTE FUNCTION comments_extend_documents();

-- trigger comments.comments_updated_document
CREATE TRIGGER comments_updated_document AFTER UPDATE ON public.comments REFERENCING NEW TABLE AS changed_comments FOR EACH STATEMENT EXECUTE FUNCTION comments_refresh_documents();

-- trigger tickets.queue_blocks_delete
CREATE TRIGGER queue_blocks_delete AFTER DELETE ON public.tickets REFERENCING OLD TABLE AS changed_tickets FOR EACH STATEMENT EXECUTE FUNCTION queue_blocks_apply();

-- trigger tickets.queue_blocks_insert
CREATE TRIGGER queue_blocks_insert AFTER INSERT ON public.tickets REFERENCING NEW TABLE AS changed_tickets FOR EACH STATEMENT EXECUTE FUNCTION queue_blocks_apply();

-- trigger tickets.queue_blocks_update
CREATE TRIGGER queue_blocks_update AFTER UPDATE OF status, priority ON public.tickets FOR EACH ROW WHEN (((old.status IS DISTINCT FROM new.status) OR (old.priority IS DISTINCT FROM new.priority))) EXECUTE FUNCTION queue_blocks_apply();

-- trigger tickets.stats_days_delete
CREATE TRIGGER stats_days_delete AFTER DELETE ON public.tickets REFERENCING OLD TABLE AS changed_tickets FOR EACH STATEMENT EXECUTE FUNCTION stats_days_apply();

-- trigger tickets.stats_days_insert
CREATE TRIGGER stats_days_insert AFTER INSERT ON public.tickets REFERENCING NEW TABLE AS changed_tickets FOR EACH STATEMENT EXECUTE FUNCTION stats_days_apply();

-- trigger tickets.stats_days_update
CREATE TRIGGER stats_days_update AFTER UPDATE OF status, priority, resolved_at ON public.tickets FOR EACH ROW WHEN (((old.status IS DISTINCT FROM new.status) OR (old.priority IS DISTINCT FROM new.priority) OR (old.resolved_at IS DISTINCT FROM new.resolved_at))) EXECUTE FUNCTION stats_days_apply();

-- trigger tickets.ticket_category_counts_delete
CREATE TRIGGER ticket_category_counts_delete AFTER DELETE ON public.tickets REFERENCING OLD TABLE AS changed_tickets FOR EACH STATEMENT EXECUTE FUNCTION ticket_category_counts_apply();

-- trigger tickets.ticket_category_counts_insert
CREATE TRIGGER ticket_category_counts_insert AFTER INSERT ON public.tickets REFERENCING NEW TABLE AS changed_tickets FOR EACH STATEMENT EXECUTE FUNCTION ticket_category_counts_apply();

-- trigger tickets.ticket_category_counts_update
CREATE TRIGGER ticket_category_counts_update AFTER UPDATE OF category, created_by_id, assigned_to_id, status, priority ON public.tickets FOR EACH ROW WHEN (((old.category IS DISTINCT FROM new.category) OR (old.created_by_id IS DISTINCT FROM new.created_by_id) OR (old.assigned_to_id IS DISTINCT FROM new.assigned_to_id) OR (old.status IS DISTINCT FROM new.status) OR (old.priority IS DISTINCT FROM new.priority))) EXECUTE FUNCTION ticket_category_counts_apply();

-- trigger tickets.ticket_counts_delete
CREATE TRIGGER ticket_counts_delete AFTER DELETE ON public.tickets REFERENCING OLD TABLE AS changed_tickets FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_apply();

-- trigger tickets.ticket_counts_insert
CREATE TRIGGER ticket_counts_insert AFTER INSERT ON public.tickets REFERENCING NEW TABLE AS changed_tickets FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_apply();

-- trigger tickets.ticket_counts_update
CREATE TRIGGER ticket_counts_update AFTER UPDATE OF created_by_id, assigned_to_id, status, priority ON public.tickets FOR EACH ROW WHEN (((old.created_by_id IS DISTINCT FROM new.created_by_id) OR (old.assigned_to_id IS DISTINCT FROM new.assigned_to_id) OR (old.status IS DISTINCT FROM new.status) OR (old.priority IS DISTINCT FROM new.priority))) EXECUTE FUNCTION ticket_counts_apply();

-- trigger tickets.ticket_lexeme_counts_delete
CREATE TRIGGER ticket_lexeme_counts_delete AFTER DELETE ON public.tickets REFERENCING OLD TABLE AS changed_tickets FOR EACH STATEMENT EXECUTE FUNCTION ticket_lexeme_counts_track();

-- trigger tickets.ticket_lexeme_counts_insert
CREATE TRIGGER ticket_lexeme_counts_insert AFTER INSERT ON public.tickets REFERENCING NEW TABLE AS changed_tickets FOR EACH STATEMENT EXECUTE FUNCTION ticket_lexeme_counts_track();

-- trigger tickets.ticket_lexeme_counts_update
CREATE TRIGGER ticket_lexeme_counts_update AFTER UPDATE ON public.tickets FOR EACH ROW WHEN (((old.created_by_id IS DISTINCT FROM new.created_by_id) OR (old.assigned_to_id IS DISTINCT FROM new.assigned_to_id) OR (old.document IS DISTINCT FROM new.document))) EXECUTE FUNCTION ticket_lexeme_counts_replace();

-- trigger tickets.tickets_document_insert
CREATE TRIGGER tickets_document_insert BEFORE INSERT ON public.tickets FOR EACH ROW EXECUTE FUNCTION tickets_set_document();

-- trigger tickets.tickets_document_update
CREATE TRIGGER tickets_document_update BEFORE UPDATE OF title, description ON public.tickets FOR EACH ROW WHEN (((old.title IS DISTINCT FROM new.title) OR (old.description IS DISTINCT FROM new.description))) EXECUTE FUNCTION tickets_set_document();

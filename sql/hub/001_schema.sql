-- Yanxia hub, migration 1: scopes, kiosks, content, the change log, submissions,
-- heartbeats and the sign-up authority. PostgreSQL 15. Everything lives in schema
-- yanxia_hub; kiosks reach it only through the functions of 002_api.sql.
-- Times that travel to kiosks are Unix seconds (bigint), as in the kiosk's SQLite.

CREATE SCHEMA IF NOT EXISTS yanxia_hub;
SET search_path = yanxia_hub, pg_temp;

-- Scopes: a district holds areas (居民区), an area holds buildings (楼组). A kiosk sees
-- the content of its building and of every scope above it.
CREATE TABLE scopes (
    id        serial PRIMARY KEY,
    code      text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
    kind      text NOT NULL CHECK (kind IN ('building', 'area', 'district')),
    parent_id int REFERENCES scopes(id),
    name      text NOT NULL DEFAULT ''
);

CREATE TABLE kiosks (
    id             serial PRIMARY KEY,
    name           text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9_.-]{1,40}$'),
    building_id    int NOT NULL REFERENCES scopes(id),
    role_name      text NOT NULL UNIQUE, -- session_user of the kiosk's connections
    contiguous_seq bigint NOT NULL DEFAULT 0, -- highest kiosk_seq with no gap below
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- One id space for every content row and decision, so (kind, hub_id) and hub_id alone
-- both name a row.
CREATE SEQUENCE content_hub_id_seq;

-- Content tables mirror the kiosk's; common columns: hub_id, scope_id, rev (the change
-- log seq of the last publish), deleted (tombstone), updated_at.
CREATE TABLE notices (
    hub_id     bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    scope_id   int NOT NULL REFERENCES scopes(id),
    rev        bigint NOT NULL,
    deleted    boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    category   text NOT NULL DEFAULT '通知',
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
    body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    author     text NOT NULL DEFAULT '',
    pinned     int NOT NULL DEFAULT 0,
    publish_at bigint NOT NULL DEFAULT extract(epoch FROM now())::bigint,
    expires_at bigint
);

CREATE TABLE health_tips (
    hub_id     bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    scope_id   int NOT NULL REFERENCES scopes(id),
    rev        bigint NOT NULL,
    deleted    boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    month      text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
    title      text NOT NULL,
    body       text NOT NULL,
    author     text NOT NULL DEFAULT ''
);

CREATE TABLE albums (
    hub_id      bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    scope_id    int NOT NULL REFERENCES scopes(id),
    rev         bigint NOT NULL,
    deleted     boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    name        text NOT NULL,
    kind        text NOT NULL DEFAULT 'event' CHECK (kind IN ('portraits', 'event')),
    description text NOT NULL DEFAULT '',
    event_at    bigint,
    sort        int NOT NULL DEFAULT 0
);

-- Photo files, addressed by SHA-256, stored in chunks of 256 KiB so a kiosk can fetch
-- and resume any range.
CREATE TABLE photo_blobs (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    bytes  bigint NOT NULL
);
CREATE TABLE photo_chunks (
    sha256 text NOT NULL REFERENCES photo_blobs(sha256),
    idx    int NOT NULL,
    data   bytea NOT NULL,
    PRIMARY KEY (sha256, idx)
);

CREATE TABLE photos (
    hub_id       bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    scope_id     int NOT NULL REFERENCES scopes(id),
    rev          bigint NOT NULL,
    deleted      boolean NOT NULL DEFAULT false,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    album_hub_id bigint NOT NULL REFERENCES albums(hub_id),
    sha256       text NOT NULL REFERENCES photo_blobs(sha256),
    width        int NOT NULL CHECK (width > 0),
    height       int NOT NULL CHECK (height > 0),
    bytes        bigint NOT NULL DEFAULT 0,
    caption      text NOT NULL DEFAULT '',
    person_name  text NOT NULL DEFAULT '',
    floor        int,
    consent      int NOT NULL DEFAULT 0,
    sort         int NOT NULL DEFAULT 0
);

CREATE TABLE activities (
    hub_id          bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    scope_id        int NOT NULL REFERENCES scopes(id),
    rev             bigint NOT NULL,
    deleted         boolean NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    kind            text NOT NULL DEFAULT 'event' CHECK (kind IN ('event', 'team')),
    title           text NOT NULL,
    description     text NOT NULL DEFAULT '',
    place           text NOT NULL DEFAULT '',
    starts_at       bigint,
    ends_at         bigint,
    schedule        text NOT NULL DEFAULT '',
    signup_deadline bigint,
    capacity        int NOT NULL DEFAULT 0 CHECK (capacity >= 0),
    max_party       int NOT NULL DEFAULT 4 CHECK (max_party BETWEEN 1 AND 20),
    waitlist        int NOT NULL DEFAULT 1,
    organiser       text NOT NULL DEFAULT ''
);

CREATE TABLE polls (
    hub_id      bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    scope_id    int NOT NULL REFERENCES scopes(id),
    rev         bigint NOT NULL,
    deleted     boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    question    text NOT NULL,
    description text NOT NULL DEFAULT '',
    opens_at    bigint NOT NULL,
    closes_at   bigint NOT NULL CHECK (closes_at > opens_at)
);
CREATE TABLE poll_options (
    poll_hub_id bigint NOT NULL REFERENCES polls(hub_id),
    sort        int NOT NULL,
    label       text NOT NULL,
    PRIMARY KEY (poll_hub_id, sort)
);

CREATE TABLE roster (
    hub_id     bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    scope_id   int NOT NULL REFERENCES scopes(id),
    rev        bigint NOT NULL,
    deleted    boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    day        bigint NOT NULL,
    slot       text NOT NULL DEFAULT '',
    place      text NOT NULL DEFAULT '',
    person     text NOT NULL,
    room       text NOT NULL DEFAULT ''
);

CREATE TABLE contacts (
    hub_id     bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    scope_id   int NOT NULL REFERENCES scopes(id),
    rev        bigint NOT NULL,
    deleted    boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    kind       text NOT NULL DEFAULT 'other',
    name       text NOT NULL,
    phone      text NOT NULL DEFAULT '',
    note       text NOT NULL DEFAULT '',
    qr_text    text NOT NULL DEFAULT '',
    sort       int NOT NULL DEFAULT 0
);

CREATE TABLE quick_phrases (
    hub_id     bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    scope_id   int NOT NULL REFERENCES scopes(id),
    rev        bigint NOT NULL,
    deleted    boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    form       text NOT NULL CHECK (form IN ('suggestion', 'wish', 'question')),
    text       text NOT NULL,
    sort       int NOT NULL DEFAULT 0
);

-- Which table serves which change-log kind (the publish function is generic over it).
CREATE TABLE content_kinds (
    kind       text PRIMARY KEY,
    table_name text NOT NULL UNIQUE
);
INSERT INTO content_kinds VALUES
    ('notice', 'notices'), ('health_tip', 'health_tips'), ('album', 'albums'),
    ('photo', 'photos'), ('activity', 'activities'), ('poll', 'polls'),
    ('roster', 'roster'), ('contact', 'contacts'), ('quick_phrase', 'quick_phrases');

-- The change log. seq comes from change_counter, updated inside the publishing
-- transaction: the row lock makes publishers commit in seq order, so a kiosk that has
-- seen seq n has seen every seq below it. floor: entries at or below it may have been
-- pruned; a cursor below it must resync.
CREATE TABLE change_counter (
    id    int PRIMARY KEY CHECK (id = 1),
    n     bigint NOT NULL,
    floor bigint NOT NULL DEFAULT 0
);
INSERT INTO change_counter VALUES (1, 0, 0);

CREATE TABLE change_log (
    seq          bigint PRIMARY KEY,
    scope_id     int NOT NULL REFERENCES scopes(id),
    kind         text NOT NULL,
    hub_id       bigint NOT NULL,
    rev          bigint NOT NULL,
    op           text NOT NULL CHECK (op IN ('upsert', 'delete')),
    payload      jsonb,
    committed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_row ON change_log (kind, hub_id);
CREATE INDEX change_log_scope ON change_log (scope_id, seq);

-- Residents' submissions, exactly once by uuid.
CREATE TABLE submissions (
    uuid        uuid PRIMARY KEY,
    kiosk_id    int NOT NULL REFERENCES kiosks(id),
    kiosk_seq   bigint NOT NULL,
    kind        text NOT NULL,
    payload     jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    hub_order   bigserial NOT NULL -- the hub's order of arrival
);
CREATE INDEX submissions_kiosk_seq ON submissions (kiosk_id, kiosk_seq);
CREATE INDEX submissions_kind ON submissions (kind, hub_order);

CREATE TABLE heartbeats (
    kiosk_id  int PRIMARY KEY REFERENCES kiosks(id),
    at        timestamptz NOT NULL DEFAULT now(),
    version   text NOT NULL DEFAULT '',
    last_sync bigint NOT NULL DEFAULT 0,
    queue     bigint NOT NULL DEFAULT 0,
    free_disk bigint NOT NULL DEFAULT 0,
    cursor    bigint NOT NULL DEFAULT 0
);

-- Sign-up authority: the hub's decision for every sign-up of a hub activity, made in
-- the order the hub decided them (the activity row is locked while deciding).
CREATE TABLE signup_decisions (
    hub_id       bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    signup_uuid  uuid NOT NULL UNIQUE REFERENCES submissions(uuid),
    activity_id  bigint NOT NULL REFERENCES activities(hub_id),
    party_size   int NOT NULL,
    status       text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'full', 'cancelled')),
    decided_order bigserial NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signup_decisions_activity ON signup_decisions (activity_id, decided_order);

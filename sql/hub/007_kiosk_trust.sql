-- Yanxia hub, migration 7: the hub takes nothing on a kiosk's word. A kiosk's password
-- sits in a config file on a PC in a public lobby, so whatever arrives through a kiosk
-- role is checked as a stranger's would be:
--   * every submission's kind and fields (type, length, format) before it is stored, and
--     the kiosk store's household rules (a room's daily caps, one sign-up of a room per
--     activity; a household's latest vote is the one that counts, vote_latest); a
--     refused one is acknowledged with its reason (kiosk_submit's o_rejected), so it
--     leaves the kiosk's queue, counts for its sequence, and is never decided, shown
--     or exported;
--   * a batch holds a bounded number of submissions, so one call holds the hub's locks
--     for a bounded time, and waits for a lock at most a second;
--   * a kiosk role has a few connections and bounded statements.
SET search_path = yanxia_hub, pg_temp;

-- The limits of the kiosk store, by name. `yanxiactl hub init` writes them from the same
-- C constants the store checks (src/sync/hub_admin.c), so the two cannot drift; the
-- values here are this release's, for a hub migrated by other means.
CREATE TABLE submission_limits (
    name  text PRIMARY KEY,
    value int NOT NULL CHECK (value > 0)
);
INSERT INTO submission_limits (name, value) VALUES
    ('suggestion_text', 500), ('wish_text', 200), ('question_text', 500), ('name', 20),
    ('short_text', 120), ('party_size', 20),
    ('suggestions_per_room_day', 3), ('wishes_per_room_day', 2), ('questions_per_room_day', 3),
    ('batch', 200),       -- submissions one kiosk_submit call takes
    ('batch_decided', 50) -- of them, sign-ups, cancellations and claims (decided at once)
    ;

CREATE FUNCTION submission_limit(p_name text) RETURNS int
LANGUAGE sql STABLE SET search_path = yanxia_hub, pg_temp AS $$
    SELECT value FROM submission_limits WHERE name = p_name
$$;

-- Submissions the hub refused, with the reason the kiosk was told. The uuid keeps a
-- re-sent one refused the same way; only the first 2,000 characters of what arrived
-- are kept (a refused 20 MB text is not stored whole).
CREATE TABLE rejections (
    uuid        uuid PRIMARY KEY,
    kiosk_id    int NOT NULL REFERENCES kiosks(id),
    kiosk_seq   bigint NOT NULL,
    kind        text NOT NULL,
    reason      text NOT NULL,
    excerpt     text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX rejections_kiosk_seq ON rejections (kiosk_id, kiosk_seq);

-- A text field of p: NULL when absent or JSON null, the text otherwise; a field that is
-- a number, object or array is reported by the checks below as not text.
CREATE FUNCTION field_is_text(p jsonb, f text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
    SELECT NOT (p ? f) OR jsonb_typeof(p -> f) IN ('string', 'null')
$$;

-- Why field f of p is not acceptable as text of at most p_max characters matching
-- p_pattern (NULL: any), required or not; NULL when it is.
CREATE FUNCTION text_problem(p jsonb, f text, p_max int, p_required boolean,
                             p_pattern text DEFAULT NULL) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE v text := p ->> f;
BEGIN
    IF NOT field_is_text(p, f) THEN
        RETURN format('%s is not text', f);
    END IF;
    IF coalesce(btrim(v, E' \t\r\n'), '') = '' THEN
        RETURN CASE WHEN p_required THEN format('%s is missing', f) END;
    END IF;
    IF p_pattern IS NOT NULL AND v !~ p_pattern THEN
        RETURN format('%s "%s" is not valid', f, left(v, 20));
    END IF;
    IF p_max IS NOT NULL AND char_length(v) > p_max THEN
        RETURN format('%s is longer than %s characters', f, p_max);
    END IF;
    RETURN NULL;
END $$;

-- Why field f of p is not a whole number in [p_min, p_max] (absent is fine unless
-- required); NULL when it is.
CREATE FUNCTION int_problem(p jsonb, f text, p_min bigint, p_max bigint, p_required boolean)
RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE v bigint;
BEGIN
    IF NOT (p ? f) OR jsonb_typeof(p -> f) = 'null' THEN
        RETURN CASE WHEN p_required THEN format('%s is missing', f) END;
    END IF;
    v := CASE WHEN jsonb_typeof(p -> f) = 'number' THEN json_bigint(p ->> f) END;
    IF v IS NULL OR v < p_min OR v > p_max THEN
        RETURN format('%s is not a whole number from %s to %s', f, p_min, p_max);
    END IF;
    RETURN NULL;
END $$;

-- Why the hub refuses element e of a batch from kiosk k (in words for the kiosk's log
-- and `yanxiactl check`), or NULL when it takes it. The rules are the kiosk store's:
-- its kinds and fields, the receipt alphabet (src/core/ids.h), room numbers (floor 1-99,
-- unit 01-99, src/core/room.h), phone numbers, text lengths (submission_limits); and a
-- kiosk votes only in its own scope's polls.
CREATE FUNCTION submission_problem(k kiosks, e jsonb) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    kind text := e ->> 'kind';
    p jsonb := e -> 'payload';
    room constant text := '^[1-9][0-9]?(0[1-9]|[1-9][0-9])$';
    phone constant text := '^(1[3-9][0-9]{9}|(0[0-9]{2,3}-)?[0-9]{8})$';
    uuid_re constant text := '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$';
    id_max constant bigint := 999999999999;
    why text;
BEGIN
    IF kind IS NULL OR kind NOT IN ('signup', 'signup_cancel', 'suggestion', 'wish',
                                    'wish_claim', 'question', 'vote') THEN
        RETURN format('unknown kind "%s"', left(coalesce(kind, ''), 40));
    END IF;
    IF jsonb_typeof(p) IS DISTINCT FROM 'object' THEN
        RETURN 'the payload is not a JSON object';
    END IF;
    IF octet_length(p::text) > 16384 THEN
        RETURN 'the payload is larger than 16 KiB';
    END IF;
    IF p ->> 'uuid' IS DISTINCT FROM e ->> 'uuid' THEN
        RETURN 'the payload names another uuid';
    END IF;
    why := coalesce(
        text_problem(p, 'receipt', 6, true, '^[2-9A-HJKMNP-Z]{6}$'),
        int_problem(p, 'created_at', 0, 99999999999, false));
    IF why IS NOT NULL THEN
        RETURN why;
    END IF;
    CASE kind
    WHEN 'suggestion' THEN
        why := coalesce(
            text_problem(p, 'text', submission_limit('suggestion_text'), true),
            text_problem(p, 'category', submission_limit('short_text'), false),
            text_problem(p, 'room', 4, false, room),
            text_problem(p, 'contact', 16, false, phone));
    WHEN 'wish' THEN
        why := coalesce(
            text_problem(p, 'text', submission_limit('wish_text'), true),
            text_problem(p, 'room', 4, true, room));
    WHEN 'wish_claim' THEN
        why := coalesce(
            text_problem(p, 'wish_uuid', 36, true, uuid_re),
            text_problem(p, 'room', 4, true, room),
            text_problem(p, 'name', submission_limit('name'), false));
    WHEN 'question' THEN
        why := coalesce(
            text_problem(p, 'text', submission_limit('question_text'), true),
            text_problem(p, 'room', 4, false, room));
    WHEN 'signup' THEN
        why := coalesce(
            CASE WHEN p ->> 'activity_id' IS NULL AND p ->> 'activity_hub_id' IS NULL
                 THEN 'the sign-up names no activity' END,
            int_problem(p, 'activity_id', 1, id_max, false),
            int_problem(p, 'activity_hub_id', 1, id_max, false),
            text_problem(p, 'room', 4, true, room),
            text_problem(p, 'name', submission_limit('name'), false),
            text_problem(p, 'phone', 16, false, phone),
            int_problem(p, 'party_size', 1, submission_limit('party_size'), true),
            text_problem(p, 'kiosk_status', 20, false, '^[a-z_]+$'));
    WHEN 'signup_cancel' THEN
        why := coalesce(
            text_problem(p, 'signup_uuid', 36, true, uuid_re),
            int_problem(p, 'activity_id', 1, id_max, false),
            text_problem(p, 'room', 4, true, room));
    WHEN 'vote' THEN
        why := coalesce(
            CASE WHEN p ->> 'poll_id' IS NULL AND p ->> 'poll_hub_id' IS NULL
                 THEN 'the vote names no poll' END,
            int_problem(p, 'poll_id', 1, id_max, false),
            int_problem(p, 'poll_hub_id', 1, id_max, false),
            int_problem(p, 'option_id', 1, id_max, true),
            text_problem(p, 'room', 4, true, room),
            text_problem(p, 'supersedes', 36, false, uuid_re));
        IF why IS NULL AND p ->> 'poll_hub_id' IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM polls x WHERE x.hub_id = (p ->> 'poll_hub_id')::bigint
                  AND x.scope_id = ANY (scope_chain(k.building_id))) THEN
            why := 'the poll is not one this kiosk shows';
        END IF;
    END CASE;
    RETURN why;
END $$;

CREATE INDEX submissions_room ON submissions (kind, (payload ->> 'room'));

-- Why the hub refuses element e from kiosk k by the kiosk store's household rules, given
-- the elements of the same batch it has taken so far (p_taken, a JSON array); NULL when
-- it takes it. Rooms are a building's: the rules count the submissions of every kiosk of
-- k's building. A room's daily caps count by the day the resident wrote (created_at,
-- UTC+8), which must lie within the half year before the hub's now and a day after it:
-- a kiosk offline for months still delivers, a forged date buys little.
CREATE FUNCTION household_problem(k kiosks, e jsonb, p_taken jsonb) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    v_kind text := e ->> 'kind';
    p jsonb := e -> 'payload';
    v_room text := p ->> 'room';
    v_at bigint := (p ->> 'created_at')::bigint; -- checked by submission_problem
    cap int;
    n bigint;
BEGIN
    IF v_at IS NOT NULL AND (v_at < hub_now_s() - 183 * 86400 OR v_at > hub_now_s() + 86400) THEN
        RETURN 'created_at is not a time this submission could have been written';
    END IF;
    IF coalesce(v_room, '') = '' THEN
        RETURN NULL;
    END IF;
    IF v_kind IN ('suggestion', 'wish', 'question') THEN
        cap := submission_limit(v_kind || 's_per_room_day');
        v_at := coalesce(v_at, hub_now_s());
        SELECT count(*) INTO n FROM submissions s JOIN kiosks o ON o.id = s.kiosk_id
         WHERE s.kind = v_kind AND s.payload ->> 'room' = v_room AND o.building_id = k.building_id
           AND (json_bigint(s.payload ->> 'created_at') + 28800) / 86400 = (v_at + 28800) / 86400;
        n := n + (SELECT count(*) FROM jsonb_array_elements(p_taken) t
                   WHERE t ->> 'kind' = v_kind AND t -> 'payload' ->> 'room' = v_room
                     AND (coalesce(json_bigint(t -> 'payload' ->> 'created_at'), hub_now_s())
                          + 28800) / 86400 = (v_at + 28800) / 86400);
        IF n >= cap THEN
            RETURN format('room %s sent %s %ss that day already (at most %s)', v_room, n, v_kind, cap);
        END IF;
    ELSIF v_kind = 'signup' AND p ->> 'activity_hub_id' IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM signup_decisions d JOIN submissions s ON s.uuid = d.signup_uuid
                     JOIN kiosks o ON o.id = s.kiosk_id
                    WHERE d.activity_id = (p ->> 'activity_hub_id')::bigint
                      AND d.status IN ('confirmed', 'waitlisted')
                      AND s.payload ->> 'room' = v_room AND o.building_id = k.building_id)
           OR EXISTS (SELECT 1 FROM jsonb_array_elements(p_taken) t
                       WHERE t ->> 'kind' = 'signup' AND t -> 'payload' ->> 'room' = v_room
                         AND t -> 'payload' ->> 'activity_hub_id' = p ->> 'activity_hub_id') THEN
            RETURN format('room %s is signed up for this activity already', v_room);
        END IF;
    END IF;
    RETURN NULL;
END $$;

-- Every household's vote that counts: the latest the hub received of each room of a
-- building in each hub poll ("征询期内可以改票，以最后一次为准"). Staff count these.
CREATE VIEW vote_latest AS
    SELECT DISTINCT ON (s.payload ->> 'poll_hub_id', o.building_id, s.payload ->> 'room')
           (s.payload ->> 'poll_hub_id')::bigint AS poll_hub_id, o.building_id,
           s.payload ->> 'room' AS room, (s.payload ->> 'option_id')::bigint AS option_id,
           s.uuid, s.hub_order
      FROM submissions s JOIN kiosks o ON o.id = s.kiosk_id
     WHERE s.kind = 'vote' AND s.payload ->> 'poll_hub_id' IS NOT NULL
     ORDER BY s.payload ->> 'poll_hub_id', o.building_id, s.payload ->> 'room', s.hub_order DESC;

-- The kiosks' one way in, now checking before it stores (the storing is migration 4's
-- kiosk_submit, renamed store_batch and no longer callable by kiosks). Takes the first
-- submission_limit('batch') elements of p_batch, and of those at most
-- submission_limit('batch_decided') sign-ups, cancellations and claims: the rest is not
-- acknowledged and comes again in the kiosk's next call, so an oversized batch slows
-- its own kiosk, never the others. Returns, for every element it took, the uuid with
-- the kiosk's contiguous sequence and NULL, or with the reason it was refused. An
-- element without a well-formed uuid and seq cannot be acknowledged and is skipped.
ALTER FUNCTION kiosk_submit(jsonb) RENAME TO store_batch;
REVOKE ALL ON FUNCTION store_batch(jsonb) FROM PUBLIC, yanxia_kiosk;

CREATE FUNCTION kiosk_submit(p_batch jsonb)
RETURNS TABLE (o_uuid text, o_contiguous bigint, o_rejected text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp
SET lock_timeout = '1s' AS $$
DECLARE
    k kiosks := calling_kiosk();
    e jsonb;
    u uuid;
    sq bigint;
    why text;
    good jsonb := '[]';
    took uuid[] := '{}';
    decided int := 0;
    kept text[];
    c bigint;
BEGIN
    IF jsonb_typeof(p_batch) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'batch must be a JSON array' USING ERRCODE = '22023';
    END IF;
    FOR e IN SELECT x FROM jsonb_array_elements(p_batch) WITH ORDINALITY a(x, i)
              WHERE i <= submission_limit('batch') ORDER BY i LOOP
        u := json_uuid(e ->> 'uuid');
        sq := json_bigint(e ->> 'seq');
        CONTINUE WHEN u IS NULL OR sq IS NULL;
        IF e ->> 'kind' IN ('signup', 'signup_cancel', 'wish_claim') THEN
            decided := decided + 1;
            CONTINUE WHEN decided > submission_limit('batch_decided');
        END IF;
        took := took || u;
        -- what the hub holds already stays as it was decided: taken (store_batch answers
        -- for it again), or refused (the answer below repeats the reason)
        CONTINUE WHEN EXISTS (SELECT 1 FROM rejections WHERE uuid = u);
        IF EXISTS (SELECT 1 FROM submissions WHERE uuid = u) THEN
            good := good || jsonb_build_array(e);
            CONTINUE;
        END IF;
        why := coalesce(submission_problem(k, e), household_problem(k, e, good));
        IF why IS NULL THEN
            good := good || jsonb_build_array(e);
        ELSE
            INSERT INTO rejections (uuid, kiosk_id, kiosk_seq, kind, reason, excerpt)
            VALUES (u, k.id, sq, left(coalesce(e ->> 'kind', ''), 40), why, left(e::text, 2000))
            ON CONFLICT (uuid) DO NOTHING;
        END IF;
    END LOOP;
    SELECT array_agg(b.o_uuid) INTO kept FROM store_batch(good) b;
    -- a refused seq is received too: it leaves no gap in the kiosk's sequence
    SELECT contiguous_seq INTO c FROM kiosks WHERE id = k.id FOR UPDATE;
    LOOP
        EXIT WHEN NOT EXISTS (SELECT 1 FROM submissions x
                               WHERE x.kiosk_id = k.id AND x.kiosk_seq = c + 1)
              AND NOT EXISTS (SELECT 1 FROM rejections r
                               WHERE r.kiosk_id = k.id AND r.kiosk_seq = c + 1);
        c := c + 1;
    END LOOP;
    UPDATE kiosks SET contiguous_seq = c WHERE id = k.id;
    RETURN QUERY
        SELECT x, c, NULL::text FROM unnest(kept) x
        UNION ALL
        SELECT r.uuid::text, c, r.reason FROM rejections r
         WHERE r.kiosk_id = k.id AND r.uuid = ANY (took);
END $$;

-- Bounds one kiosk role: three connections (the kiosk's worker, a `sync --once`, one
-- spare), statements cut at a minute, lock waits at a second, an idle transaction
-- ended after thirty seconds. The timeouts are the role's defaults: an honest kiosk
-- never meets them, and kiosk_submit sets its own lock timeout whatever the session says.
CREATE FUNCTION bound_kiosk_role(p_role text) RETURNS void
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
BEGIN
    EXECUTE format('ALTER ROLE %I CONNECTION LIMIT 3', p_role);
    EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', p_role, '60s');
    EXECUTE format('ALTER ROLE %I SET lock_timeout = %L', p_role, '1s');
    EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', p_role, '30s');
END $$;

-- As in 002, with the new role bounded.
CREATE OR REPLACE FUNCTION hub_add_kiosk(p_name text, p_building text, p_password text)
RETURNS text
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE bid int; r text;
BEGIN
    SELECT id INTO bid FROM scopes WHERE code = p_building;
    IF bid IS NULL THEN
        bid := hub_add_scope(p_building, 'building');
    END IF;
    r := 'yanxia_kiosk_' || lower(regexp_replace(p_name, '[^A-Za-z0-9_]', '_', 'g'));
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
        -- said here, before CREATE ROLE could echo the password in its error context
        RAISE EXCEPTION 'role % exists already', r USING ERRCODE = '42710';
    END IF;
    INSERT INTO kiosks (name, building_id, role_name) VALUES (p_name, bid, r);
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE yanxia_kiosk', r, p_password);
    PERFORM bound_kiosk_role(r);
    RETURN r;
END $$;

SELECT bound_kiosk_role(role_name) FROM kiosks;

REVOKE ALL ON TABLE submission_limits, rejections, vote_latest FROM PUBLIC;
REVOKE ALL ON FUNCTION submission_limit(text), field_is_text(jsonb, text),
    text_problem(jsonb, text, int, boolean, text), int_problem(jsonb, text, bigint, bigint, boolean),
    submission_problem(kiosks, jsonb), household_problem(kiosks, jsonb, jsonb),
    bound_kiosk_role(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kiosk_submit(jsonb) TO yanxia_kiosk;

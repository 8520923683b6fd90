-- Yanxia hub, migration 2: the functions. Staff tools call hub_* (as the hub's owner);
-- kiosks call kiosk_* and nothing else: they run as SECURITY DEFINER with a pinned
-- search_path, identify the kiosk by session_user, and keep it inside its scope.
SET search_path = yanxia_hub, pg_temp;

-- The kiosk row of the calling role, or an error.
CREATE FUNCTION calling_kiosk() RETURNS kiosks
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE k kiosks;
BEGIN
    SELECT * INTO k FROM kiosks WHERE role_name = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role % is not a kiosk', session_user USING ERRCODE = '42501';
    END IF;
    RETURN k;
END $$;

-- A scope and every scope above it.
CREATE FUNCTION scope_chain(p_scope int) RETURNS int[]
LANGUAGE sql STABLE SET search_path = yanxia_hub, pg_temp AS $$
    WITH RECURSIVE up AS (
        SELECT id, parent_id FROM scopes WHERE id = p_scope
        UNION ALL
        SELECT s.id, s.parent_id FROM scopes s JOIN up ON s.id = up.parent_id)
    SELECT array_agg(id) FROM up
$$;

-- The next change-log seq. The row lock on change_counter is held until the caller's
-- transaction ends, so seqs become visible in commit order.
CREATE FUNCTION next_change_seq() RETURNS bigint
LANGUAGE sql SET search_path = yanxia_hub, pg_temp AS $$
    UPDATE change_counter SET n = n + 1 WHERE id = 1 RETURNING n
$$;

-- Records a change; an older entry of the same row is dropped (the new one supersedes
-- it, and a cursor below both will see the new one).
CREATE FUNCTION append_change(p_seq bigint, p_scope int, p_kind text, p_hub_id bigint,
                              p_op text, p_payload jsonb) RETURNS void
LANGUAGE sql SET search_path = yanxia_hub, pg_temp AS $$
    DELETE FROM change_log WHERE kind = p_kind AND hub_id = p_hub_id;
    INSERT INTO change_log (seq, scope_id, kind, hub_id, rev, op, payload)
    VALUES (p_seq, p_scope, p_kind, p_hub_id, p_seq, p_op, p_payload);
$$;

CREATE FUNCTION content_table(p_kind text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE t text;
BEGIN
    SELECT table_name INTO t FROM content_kinds WHERE kind = p_kind;
    IF t IS NULL THEN
        RAISE EXCEPTION 'unknown content kind "%"', p_kind USING ERRCODE = '22023';
    END IF;
    RETURN t;
END $$;

-- Publishes (adds, or with p_hub_id replaces the given fields of) one content row and
-- logs it. Fields absent from p_payload keep their default (add) or value (update).
CREATE FUNCTION hub_publish(p_kind text, p_scope text, p_payload jsonb,
                            p_hub_id bigint DEFAULT NULL)
RETURNS TABLE (o_hub_id bigint, o_rev bigint)
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    t text := content_table(p_kind);
    sid int;
    cols text;
    sets text;
    v bigint;
    h bigint;
    pl jsonb;
BEGIN
    IF p_scope IS NOT NULL THEN
        SELECT id INTO sid FROM scopes WHERE code = p_scope;
        IF sid IS NULL THEN
            RAISE EXCEPTION 'unknown scope "%"', p_scope USING ERRCODE = '22023';
        END IF;
    END IF;
    SELECT string_agg(quote_ident(a.attname), ', '),
           string_agg(format('%1$I = r.%1$I', a.attname), ', ')
      INTO cols, sets
      FROM pg_attribute a
     WHERE a.attrelid = format('yanxia_hub.%I', t)::regclass AND a.attnum > 0
       AND NOT a.attisdropped
       AND a.attname NOT IN ('hub_id', 'scope_id', 'rev', 'deleted', 'updated_at')
       AND p_payload ? a.attname;
    v := next_change_seq();
    IF p_hub_id IS NULL THEN
        IF sid IS NULL THEN
            RAISE EXCEPTION 'a new % needs a scope', p_kind USING ERRCODE = '22023';
        END IF;
        EXECUTE format('INSERT INTO %I (scope_id, rev%s) SELECT $1, $2%s'
                       ' FROM jsonb_populate_record(NULL::%I, $3) RETURNING hub_id',
                       t, coalesce(', ' || cols, ''), coalesce(', ' || cols, ''), t)
           INTO h USING sid, v, p_payload;
    ELSE
        EXECUTE format('UPDATE %I x SET rev = $1, deleted = false, updated_at = now(),'
                       ' scope_id = coalesce($2, x.scope_id)%s'
                       ' FROM jsonb_populate_record(NULL::%I, $4) r'
                       ' WHERE x.hub_id = $3 RETURNING x.hub_id, x.scope_id',
                       t, coalesce(', ' || sets, ''), t)
           INTO h, sid USING v, sid, p_hub_id, p_payload;
        IF h IS NULL THEN
            RAISE EXCEPTION 'no % with hub id %', p_kind, p_hub_id USING ERRCODE = 'P0002';
        END IF;
    END IF;
    IF p_kind = 'poll' AND p_payload ? 'options' THEN
        DELETE FROM poll_options WHERE poll_hub_id = h;
        INSERT INTO poll_options (poll_hub_id, sort, label)
        SELECT h, o.n, o.label
          FROM jsonb_array_elements_text(p_payload -> 'options') WITH ORDINALITY o(label, n);
    END IF;
    EXECUTE format('SELECT to_jsonb(x) - ''scope_id'' - ''deleted'' - ''updated_at'' - ''rev'''
                   ' FROM %I x WHERE hub_id = $1', t) INTO pl USING h;
    IF p_kind = 'poll' THEN
        pl := pl || jsonb_build_object('options', coalesce((SELECT jsonb_agg(label ORDER BY sort)
                  FROM poll_options WHERE poll_hub_id = h), '[]'::jsonb));
    END IF;
    PERFORM append_change(v, sid, p_kind, h, 'upsert', pl);
    RETURN QUERY SELECT h, v;
END $$;

-- Tombstones a content row; kiosks remove it on their next pull.
CREATE FUNCTION hub_unpublish(p_kind text, p_hub_id bigint) RETURNS bigint
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE t text := content_table(p_kind); v bigint; sid int;
BEGIN
    v := next_change_seq();
    EXECUTE format('UPDATE %I SET deleted = true, rev = $1, updated_at = now()'
                   ' WHERE hub_id = $2 AND NOT deleted RETURNING scope_id', t)
       INTO sid USING v, p_hub_id;
    IF sid IS NULL THEN
        RAISE EXCEPTION 'no % with hub id %', p_kind, p_hub_id USING ERRCODE = 'P0002';
    END IF;
    PERFORM append_change(v, sid, p_kind, p_hub_id, 'delete', NULL);
    RETURN v;
END $$;

CREATE FUNCTION hub_add_scope(p_code text, p_kind text, p_parent text DEFAULT NULL,
                              p_name text DEFAULT '') RETURNS int
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE pid int; sid int;
BEGIN
    IF p_parent IS NOT NULL THEN
        SELECT id INTO pid FROM scopes WHERE code = p_parent;
        IF pid IS NULL THEN
            RAISE EXCEPTION 'unknown scope "%"', p_parent USING ERRCODE = '22023';
        END IF;
    END IF;
    INSERT INTO scopes (code, kind, parent_id, name) VALUES (p_code, p_kind, pid, p_name)
    ON CONFLICT (code) DO UPDATE SET parent_id = coalesce(excluded.parent_id, scopes.parent_id)
    RETURNING id INTO sid;
    RETURN sid;
END $$;

-- Creates a kiosk and its login role (a member of yanxia_kiosk). The building scope is
-- created when it does not exist yet. Needs CREATEROLE.
CREATE FUNCTION hub_add_kiosk(p_name text, p_building text, p_password text) RETURNS text
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
    RETURN r;
END $$;

-- Drops tombstones older than p_keep from the log; a cursor below the newest dropped
-- one must resync. Returns how many entries went.
CREATE FUNCTION hub_prune_changes(p_keep interval) RETURNS bigint
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m bigint; c bigint;
BEGIN
    PERFORM 1 FROM change_counter WHERE id = 1 FOR UPDATE;
    WITH d AS (DELETE FROM change_log WHERE op = 'delete' AND committed_at < now() - p_keep
               RETURNING seq)
    SELECT max(seq), count(*) INTO m, c FROM d;
    IF m IS NOT NULL THEN
        UPDATE change_counter SET floor = greatest(floor, m) WHERE id = 1;
    END IF;
    RETURN c;
END $$;

-- Stores one 256 KiB chunk of a photo file (staff upload).
CREATE FUNCTION hub_photo_put(p_sha256 text, p_bytes bigint, p_idx int, p_data bytea)
RETURNS void LANGUAGE sql SET search_path = yanxia_hub, pg_temp AS $$
    INSERT INTO photo_blobs (sha256, bytes) VALUES (p_sha256, p_bytes) ON CONFLICT DO NOTHING;
    INSERT INTO photo_chunks (sha256, idx, data) VALUES (p_sha256, p_idx, p_data)
    ON CONFLICT (sha256, idx) DO UPDATE SET data = excluded.data;
$$;

-- --- sign-up authority -------------------------------------------------------------

CREATE FUNCTION publish_decision(d signup_decisions, p_scope int) RETURNS void
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE v bigint := next_change_seq();
BEGIN
    PERFORM append_change(v, p_scope, 'decision', d.hub_id, 'upsert',
        jsonb_build_object('uuid', d.signup_uuid, 'subject', 'signup', 'state', d.status,
                           'activity_hub_id', d.activity_id));
END $$;

-- Decides a new sign-up (strict first come, first served in the hub's order, the
-- activity row locked meanwhile) or applies a cancellation and promotes the waiting.
CREATE FUNCTION decide_submission(s submissions) RETURNS void
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    a activities;
    d signup_decisions;
    aid bigint;
    used bigint;
    waiting boolean;
    party int;
    st text;
BEGIN
    IF s.kind = 'signup' THEN
        aid := (s.payload ->> 'activity_hub_id')::bigint;
    ELSIF s.kind = 'signup_cancel' THEN
        SELECT activity_id INTO aid FROM signup_decisions
         WHERE signup_uuid = (s.payload ->> 'signup_uuid')::uuid;
    END IF;
    IF aid IS NULL THEN
        RETURN; -- a kiosk-local activity: the kiosk's own decision stands
    END IF;
    SELECT * INTO a FROM activities WHERE hub_id = aid FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT coalesce(sum(party_size) FILTER (WHERE status = 'confirmed'), 0),
           coalesce(bool_or(status = 'waitlisted'), false)
      INTO used, waiting FROM signup_decisions WHERE activity_id = aid;
    IF s.kind = 'signup' THEN
        party := greatest(1, coalesce((s.payload ->> 'party_size')::int, 1));
        IF a.capacity = 0 OR (NOT waiting AND used + party <= a.capacity) THEN
            st := 'confirmed';
        ELSIF a.waitlist <> 0 THEN
            st := 'waitlisted';
        ELSE
            st := 'full';
        END IF;
        INSERT INTO signup_decisions (signup_uuid, activity_id, party_size, status)
        VALUES (s.uuid, aid, party, st) ON CONFLICT (signup_uuid) DO NOTHING RETURNING * INTO d;
        IF d.hub_id IS NOT NULL THEN
            PERFORM publish_decision(d, a.scope_id);
        END IF;
        RETURN;
    END IF;
    UPDATE signup_decisions SET status = 'cancelled', updated_at = now()
     WHERE signup_uuid = (s.payload ->> 'signup_uuid')::uuid AND status <> 'cancelled'
    RETURNING * INTO d;
    IF d.hub_id IS NULL THEN
        RETURN;
    END IF;
    PERFORM publish_decision(d, a.scope_id);
    -- the place freed (if any) goes to the waiting, strictly in order
    SELECT coalesce(sum(party_size), 0) INTO used FROM signup_decisions
     WHERE activity_id = aid AND status = 'confirmed';
    FOR d IN SELECT * FROM signup_decisions WHERE activity_id = aid AND status = 'waitlisted'
              ORDER BY decided_order LOOP
        EXIT WHEN a.capacity > 0 AND used + d.party_size > a.capacity;
        UPDATE signup_decisions SET status = 'confirmed', updated_at = now()
         WHERE hub_id = d.hub_id RETURNING * INTO d;
        used := used + d.party_size;
        PERFORM publish_decision(d, a.scope_id);
    END LOOP;
END $$;

-- --- the kiosks' API ---------------------------------------------------------------

-- Changes of the calling kiosk's scope above p_cursor, at most p_page of them, in seq
-- order. A cursor below the retention floor gets one row with op 'resync' (its seq is
-- the floor) unless p_resync says the kiosk is rebuilding already.
CREATE FUNCTION kiosk_pull(p_cursor bigint, p_page int, p_resync boolean DEFAULT false)
RETURNS TABLE (seq bigint, kind text, hub_id bigint, rev bigint, op text, payload text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE k kiosks := calling_kiosk(); f bigint; chain int[];
BEGIN
    SELECT c.floor INTO f FROM change_counter c WHERE c.id = 1;
    IF p_cursor < f AND NOT p_resync THEN
        RETURN QUERY SELECT f, NULL::text, NULL::bigint, NULL::bigint, 'resync'::text, NULL::text;
        RETURN;
    END IF;
    chain := scope_chain(k.building_id);
    RETURN QUERY
        SELECT c.seq, c.kind, c.hub_id, c.rev, c.op, c.payload::text FROM change_log c
         WHERE c.seq > p_cursor AND c.scope_id = ANY (chain)
         ORDER BY c.seq LIMIT least(greatest(p_page, 1), 5000);
END $$;

-- Live rows of the calling kiosk's scope (for a resync: whatever is not listed goes).
CREATE FUNCTION kiosk_live_ids() RETURNS TABLE (kind text, hub_id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
    SELECT c.kind, c.hub_id FROM change_log c
     WHERE c.op = 'upsert' AND c.scope_id = ANY (scope_chain((calling_kiosk()).building_id))
$$;

-- Stores a batch (JSON array of {seq, uuid, kind, payload}) exactly once by uuid and
-- returns every uuid of the batch the hub now holds for this kiosk, with the highest
-- kiosk_seq below which nothing is missing (a gap shows a lost row).
CREATE FUNCTION kiosk_submit(p_batch jsonb)
RETURNS TABLE (o_uuid text, o_contiguous bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE k kiosks := calling_kiosk(); c bigint; fresh uuid[]; s submissions;
BEGIN
    IF jsonb_typeof(p_batch) <> 'array' THEN
        RAISE EXCEPTION 'batch must be a JSON array' USING ERRCODE = '22023';
    END IF;
    WITH ins AS (
        INSERT INTO submissions (uuid, kiosk_id, kiosk_seq, kind, payload)
        SELECT (e ->> 'uuid')::uuid, k.id, (e ->> 'seq')::bigint, e ->> 'kind', e -> 'payload'
          FROM jsonb_array_elements(p_batch) e ORDER BY (e ->> 'seq')::bigint
        ON CONFLICT (uuid) DO NOTHING RETURNING uuid)
    SELECT array_agg(uuid) INTO fresh FROM ins;
    FOR s IN SELECT * FROM submissions WHERE uuid = ANY (fresh)
              AND kind IN ('signup', 'signup_cancel') ORDER BY hub_order LOOP
        PERFORM decide_submission(s);
    END LOOP;
    SELECT contiguous_seq INTO c FROM kiosks WHERE id = k.id FOR UPDATE;
    LOOP
        EXIT WHEN NOT EXISTS (SELECT 1 FROM submissions x
                               WHERE x.kiosk_id = k.id AND x.kiosk_seq = c + 1);
        c := c + 1;
    END LOOP;
    UPDATE kiosks SET contiguous_seq = c WHERE id = k.id;
    RETURN QUERY
        SELECT x.uuid::text, c FROM submissions x
         WHERE x.kiosk_id = k.id
           AND x.uuid IN (SELECT (e ->> 'uuid')::uuid FROM jsonb_array_elements(p_batch) e);
END $$;

CREATE FUNCTION kiosk_heartbeat(p_version text, p_last_sync bigint, p_queue bigint,
                                p_free_disk bigint, p_cursor bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
    INSERT INTO heartbeats (kiosk_id, at, version, last_sync, queue, free_disk, cursor)
    VALUES ((calling_kiosk()).id, now(), p_version, p_last_sync, p_queue, p_free_disk, p_cursor)
    ON CONFLICT (kiosk_id) DO UPDATE SET at = excluded.at, version = excluded.version,
        last_sync = excluded.last_sync, queue = excluded.queue,
        free_disk = excluded.free_disk, cursor = excluded.cursor;
$$;

-- Up to 1 MiB of a photo file from p_offset, for a photo the kiosk's scope shows.
-- Empty at or past the end.
CREATE FUNCTION kiosk_photo_chunk(p_sha256 text, p_offset bigint, p_len int) RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    k kiosks := calling_kiosk();
    ch constant bigint := 262144;
    n bigint := least(greatest(p_len, 1), 1048576);
    b bytea;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM photos p WHERE p.sha256 = p_sha256 AND NOT p.deleted
                    AND p.scope_id = ANY (scope_chain(k.building_id))) THEN
        RAISE EXCEPTION 'no photo % here', p_sha256 USING ERRCODE = 'P0002';
    END IF;
    SELECT string_agg(data, ''::bytea ORDER BY idx) INTO b FROM photo_chunks
     WHERE sha256 = p_sha256 AND idx BETWEEN p_offset / ch AND (p_offset + n - 1) / ch;
    RETURN substring(coalesce(b, ''::bytea) FROM (p_offset - (p_offset / ch) * ch + 1)::int FOR n::int);
END $$;

-- --- privileges ---------------------------------------------------------------------

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'yanxia_kiosk') THEN
        CREATE ROLE yanxia_kiosk NOLOGIN;
    END IF;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA yanxia_hub FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA yanxia_hub FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA yanxia_hub FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA yanxia_hub REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
GRANT USAGE ON SCHEMA yanxia_hub TO yanxia_kiosk;
GRANT EXECUTE ON FUNCTION kiosk_pull(bigint, int, boolean), kiosk_live_ids(),
    kiosk_submit(jsonb), kiosk_heartbeat(text, bigint, bigint, bigint, bigint),
    kiosk_photo_chunk(text, bigint, int) TO yanxia_kiosk;

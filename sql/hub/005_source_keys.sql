-- Yanxia hub, migration 5: content folders imported into the hub (`yanxiactl import DIR
-- --hub`). Every content row may carry the file it came from (its source key, unique in
-- its scope and table), so importing a folder again finds its rows instead of adding
-- new ones, and an unchanged file publishes nothing. The key never travels to kiosks:
-- they keep their own source_key for their local imports, and a pulled row must not
-- collide with it.
SET search_path = yanxia_hub, pg_temp;

DO $$
DECLARE t text;
BEGIN
    FOR t IN SELECT table_name FROM content_kinds LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN IF NOT EXISTS source_key text', t);
        -- tombstones keep their key: a file imported again revives its row
        EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %I (scope_id, source_key)'
                       ' WHERE source_key IS NOT NULL', t || '_source_key', t);
    END LOOP;
END $$;

-- A poll without a start opens when first published, as a notice does.
ALTER TABLE polls ALTER COLUMN opens_at SET DEFAULT extract(epoch FROM now())::bigint;

-- Every change-log payload passes through here (hub_publish, decisions, and whatever
-- logs rows later), so this is where the source key is kept off the wire.
CREATE OR REPLACE FUNCTION append_change(p_seq bigint, p_scope int, p_kind text,
                                         p_hub_id bigint, p_op text, p_payload jsonb)
RETURNS void
LANGUAGE sql SET search_path = yanxia_hub, pg_temp AS $$
    DELETE FROM change_log WHERE kind = p_kind AND hub_id = p_hub_id;
    INSERT INTO change_log (seq, scope_id, kind, hub_id, rev, op, payload)
    VALUES (p_seq, p_scope, p_kind, p_hub_id, p_seq, p_op,
            CASE WHEN jsonb_typeof(p_payload) = 'object' THEN p_payload - 'source_key'
                 ELSE p_payload END);
$$;

-- The payloads already logged lose their key too (a hub that imported before this ran).
UPDATE change_log SET payload = payload - 'source_key' WHERE payload ? 'source_key';

-- Publishes one imported row: the row of p_kind in scope p_scope whose source key is
-- p_key gets p_payload's fields (a new row when there is none; a tombstone comes back).
-- When the row is live and p_payload would change nothing, nothing is written and
-- nothing logged (o_changed false). An album of the same name published without a key
-- (`photo add --hub`) is taken over rather than doubled: kiosks keep album names
-- unique. Imports are serialised (a second waits for the first's commit), and so are
-- they with every other publisher: the change counter is taken first.
CREATE FUNCTION hub_import_row(p_kind text, p_scope text, p_key text, p_payload jsonb)
RETURNS TABLE (o_hub_id bigint, o_changed boolean)
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    t text := content_table(p_kind);
    sid int;
    h bigint;
    dead boolean;
    same boolean;
    pl jsonb := p_payload || jsonb_build_object('source_key', p_key);
BEGIN
    SELECT id INTO sid FROM scopes WHERE code = p_scope;
    IF sid IS NULL THEN
        RAISE EXCEPTION 'unknown scope "%"', p_scope USING ERRCODE = '22023';
    END IF;
    IF p_key IS NULL OR p_key = '' THEN
        RAISE EXCEPTION 'an imported % needs its source key', p_kind USING ERRCODE = '22023';
    END IF;
    -- the hub's one lock order (004, lock_changes): the counter before any row; an
    -- import holds it to its end anyway once it has published a row
    PERFORM lock_changes();
    PERFORM pg_advisory_xact_lock(7269717, sid);
    EXECUTE format('SELECT hub_id, deleted FROM %I WHERE scope_id = $1 AND source_key = $2'
                   ' FOR UPDATE', t) INTO h, dead USING sid, p_key;
    IF h IS NULL AND p_kind = 'album' THEN
        SELECT a.hub_id, a.deleted INTO h, dead FROM albums a
         WHERE a.scope_id = sid AND a.name = p_payload ->> 'name' AND a.source_key IS NULL
           AND NOT a.deleted ORDER BY a.hub_id LIMIT 1 FOR UPDATE;
    END IF;
    -- said in words before the table's CHECK says it in SQL
    IF p_kind = 'poll' AND (p_payload ->> 'closes_at')::bigint <= coalesce(
           (p_payload ->> 'opens_at')::bigint, (SELECT opens_at FROM polls WHERE hub_id = h),
           extract(epoch FROM now())::bigint) THEN
        RAISE EXCEPTION 'poll closes before it opens' USING ERRCODE = '22023';
    END IF;
    IF h IS NOT NULL AND NOT dead THEN
        -- the row as it would be after the update, compared with the row as it is
        EXECUTE format('SELECT to_jsonb(jsonb_populate_record(x, $2)) = to_jsonb(x)'
                       ' FROM %I x WHERE hub_id = $1', t) INTO same USING h, pl;
        IF same AND p_kind = 'poll' AND p_payload ? 'options' THEN
            same := (SELECT coalesce(jsonb_agg(label ORDER BY sort), '[]'::jsonb)
                       FROM poll_options WHERE poll_hub_id = h) = p_payload -> 'options';
        END IF;
        IF same THEN
            RETURN QUERY SELECT h, false;
            RETURN;
        END IF;
    END IF;
    RETURN QUERY
        SELECT p.o_hub_id, true
          FROM hub_publish(p_kind, p_scope, pl, h) p;
END $$;

-- staff only, like hub_publish (a kiosk role may not write content)
REVOKE ALL ON FUNCTION hub_import_row(text, text, text, jsonb) FROM PUBLIC;

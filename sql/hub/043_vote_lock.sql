-- Yanxia hub, migration 43: a kiosk's vote and a staff import's in-place change of its
-- poll, one after the other.
--   042's staff_import_item refuses to change a consultation households have voted on,
--   and counts the votes with the change counter held (lock_changes, the hub's one lock
--   order). 007's kiosk_submit took no lock for a vote: a vote stored while the import
--   ran was not seen by the import's count (its transaction not committed yet), so the
--   import changed the poll's times (it could close it earlier) and the vote was kept as
--   well: a voted poll changed in place. And a vote checked against the poll's options
--   while an import not yet committed changed them (a poll not yet open changes whole)
--   could name an option the poll no longer has.
--   Now kiosk_submit takes the change counter first, before checking anything, whenever
--   the batch holds a vote of a hub poll (as store_batch does for sign-ups, cancellations
--   and claims). The two serialise on it, and under READ COMMITTED each statement that
--   follows the wait sees what the other committed:
--     * the vote first: the import waits for the counter, then counts the vote and
--       refuses ("这个征询已经有人投票…"), the poll unchanged;
--     * the import first: the vote waits, then is checked (the poll's scope, 011's
--       option) against the poll as changed. The hub judges no vote by the poll's times
--       (a kiosk offline delivers late what it took within them), so a vote arriving
--       after a change of times is kept, as one sent a minute later would be.
--   A batch with a sign-up, a cancellation or a claim now takes the counter before its
--   checks too (store_batch took it after them, in the same transaction): a room's
--   sign-up is checked against the decisions as they stand.
--   A vote batch waits for the counter at most its lock timeout (1 s, 007): a long staff
--   import fails the kiosk's round, and the batch comes again in the next, as a batch
--   with sign-ups already did. Vote batches of two kiosks now take their turn too.
SET search_path = yanxia_hub, pg_temp;

-- 007's kiosk_submit, with the counter taken first for a vote of a hub poll too.
CREATE OR REPLACE FUNCTION kiosk_submit(p_batch jsonb)
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
    -- before any check: a vote of a hub poll is judged, and stored, with the change
    -- counter held, as a sign-up is decided (store_batch takes it again, for free)
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_batch) x
                WHERE x ->> 'kind' IN ('signup', 'signup_cancel', 'wish_claim')
                   OR (x ->> 'kind' = 'vote' AND x -> 'payload' ->> 'poll_hub_id' IS NOT NULL)) THEN
        PERFORM lock_changes();
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

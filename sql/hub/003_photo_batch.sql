-- Yanxia hub, migration 3: photo files in batches. A kiosk asks for several files at
-- once (each from the offset it already holds) and gets up to p_max bytes back in one
-- reply, so a gallery of small photos costs a few round trips, not one per file.
SET search_path = yanxia_hub, pg_temp;

CREATE INDEX IF NOT EXISTS photos_sha256 ON photos (sha256);

-- Rows (sha256, offset, data) in the order asked, each a piece of one chunk, p_max
-- bytes in all at most (capped at 16 MiB). A file at or past its end yields nothing.
-- Every file must be a live photo of the calling kiosk's scope.
CREATE FUNCTION kiosk_photo_batch(p_sha256 text[], p_offset bigint[], p_max int)
RETURNS TABLE (o_sha256 text, o_offset bigint, o_data bytea)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    k kiosks := calling_kiosk();
    chain int[] := scope_chain(k.building_id);
    ch constant bigint := 262144;
    budget bigint := least(greatest(p_max, 1), 16777216);
    o bigint;
    c record;
    piece bytea;
BEGIN
    IF coalesce(array_length(p_sha256, 1), 0) <> coalesce(array_length(p_offset, 1), 0) THEN
        RAISE EXCEPTION 'one offset per file' USING ERRCODE = '22023';
    END IF;
    FOR i IN 1 .. coalesce(array_length(p_sha256, 1), 0) LOOP
        EXIT WHEN budget <= 0;
        IF NOT EXISTS (SELECT 1 FROM photos p WHERE p.sha256 = p_sha256[i] AND NOT p.deleted
                        AND p.scope_id = ANY (chain)) THEN
            RAISE EXCEPTION 'no photo % here', p_sha256[i] USING ERRCODE = 'P0002';
        END IF;
        o := greatest(p_offset[i], 0);
        FOR c IN SELECT x.idx, x.data FROM photo_chunks x
                  WHERE x.sha256 = p_sha256[i] AND x.idx >= o / ch ORDER BY x.idx LOOP
            EXIT WHEN budget <= 0;
            EXIT WHEN c.idx * ch > o; -- a missing chunk: stop at the gap
            piece := substring(c.data FROM (o - c.idx * ch + 1)::int FOR budget::int);
            CONTINUE WHEN length(piece) = 0;
            o_sha256 := p_sha256[i];
            o_offset := o;
            o_data := piece;
            RETURN NEXT;
            o := o + length(piece);
            budget := budget - length(piece);
        END LOOP;
    END LOOP;
END $$;

GRANT EXECUTE ON FUNCTION kiosk_photo_batch(text[], bigint[], int) TO yanxia_kiosk;

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
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp
SET work_mem = '48MB' -- the reply is gathered in memory, not in a temporary file
AS $$
DECLARE
    k kiosks := calling_kiosk();
    ch constant bigint := 262144;
    budget constant bigint := least(greatest(p_max, 1), 16777216);
    bad text;
BEGIN
    IF coalesce(array_length(p_sha256, 1), 0) <> coalesce(array_length(p_offset, 1), 0) THEN
        RAISE EXCEPTION 'one offset per file' USING ERRCODE = '22023';
    END IF;
    SELECT u.sha INTO bad FROM unnest(p_sha256) u(sha)
     WHERE NOT EXISTS (SELECT 1 FROM photos p WHERE p.sha256 = u.sha AND NOT p.deleted
                        AND p.scope_id = ANY (scope_chain(k.building_id))) LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'no photo % here', bad USING ERRCODE = 'P0002';
    END IF;
    -- each piece's place and length come from the file size (chunks are contiguous and
    -- ch long but the last), so only the rows sent are read
    RETURN QUERY
    WITH pieces AS (
        SELECT u.n, x.idx, u.sha, greatest(u.off, x.idx * ch) AS start,
               least(b.bytes, (x.idx + 1) * ch) - greatest(u.off, x.idx * ch) AS len
          FROM unnest(p_sha256, p_offset) WITH ORDINALITY u(sha, off, n)
          JOIN photo_blobs b ON b.sha256 = u.sha
          JOIN photo_chunks x ON x.sha256 = u.sha AND x.idx >= greatest(u.off, 0) / ch),
    ordered AS (
        SELECT pc.*, sum(pc.len) OVER (ORDER BY pc.n, pc.idx) - pc.len AS before
          FROM pieces pc WHERE pc.len > 0)
    SELECT o.sha, o.start,
           CASE WHEN o.start = o.idx * ch AND o.len <= budget - o.before THEN x.data
                ELSE substring(x.data FROM (o.start - o.idx * ch + 1)::int
                               FOR least(o.len, budget - o.before)::int) END
      FROM ordered o JOIN photo_chunks x ON x.sha256 = o.sha AND x.idx = o.idx
     WHERE o.before < budget ORDER BY o.n, o.idx;
END $$;

GRANT EXECUTE ON FUNCTION kiosk_photo_batch(text[], bigint[], int) TO yanxia_kiosk;

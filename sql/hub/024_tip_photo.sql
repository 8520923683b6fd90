-- A health tip may carry a photo of the volunteer doctor's handwritten page (issue 13).
-- The file travels like any photo's: stored once in photo_blobs/photo_chunks by its
-- SHA-256 (staff_photo_put, 020), fetched by kiosks in resumable pieces
-- (kiosk_photo_batch, 003), which now also hand out the page of a live tip of the
-- kiosk's scope. The tip names its file in photo_* columns, so the change log's tip
-- payload carries them; a kiosk holds such a tip back until the file is whole. A kiosk
-- of an older version ignores the fields and shows the title and body (a photo-only tip
-- then shows its title and an empty body). No album, no photo row: the page never
-- appears on a photo wall.
SET search_path = yanxia_hub, pg_temp;

ALTER TABLE health_tips
    ADD COLUMN photo_sha256 text REFERENCES photo_blobs(sha256),
    ADD COLUMN photo_width int,
    ADD COLUMN photo_height int,
    ADD COLUMN photo_bytes bigint,
    ADD CONSTRAINT health_tips_photo_check CHECK (photo_sha256 IS NULL OR (
        photo_width BETWEEN 1 AND 12000 AND photo_height BETWEEN 1 AND 12000
        AND photo_bytes > 0));
CREATE INDEX health_tips_photo ON health_tips (photo_sha256) WHERE photo_sha256 IS NOT NULL;

-- True when file p_sha256 is shown by a live photo or a live tip's page in one of the
-- scopes p_scopes.
CREATE FUNCTION file_shown_in(p_sha256 text, p_scopes int[]) RETURNS boolean
LANGUAGE sql STABLE SET search_path = yanxia_hub, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM photos p WHERE p.sha256 = p_sha256 AND NOT p.deleted
                    AND p.scope_id = ANY (p_scopes))
        OR EXISTS (SELECT 1 FROM health_tips t WHERE t.photo_sha256 = p_sha256 AND NOT t.deleted
                    AND t.scope_id = ANY (p_scopes));
$$;
REVOKE ALL ON FUNCTION file_shown_in(text, int[]) FROM PUBLIC;

-- 003's kiosk_photo_batch, the files of tips' pages allowed too.
CREATE OR REPLACE FUNCTION kiosk_photo_batch(p_sha256 text[], p_offset bigint[], p_max int)
RETURNS TABLE (o_sha256 text, o_offset bigint, o_data bytea)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp
SET work_mem = '48MB' -- the reply is gathered in memory, not in a temporary file
AS $$
DECLARE
    k kiosks := calling_kiosk();
    ch constant bigint := 262144;
    budget constant bigint := least(greatest(p_max, 1), 16777216);
    scopes int[] := scope_chain(k.building_id);
    bad text;
BEGIN
    IF coalesce(array_length(p_sha256, 1), 0) <> coalesce(array_length(p_offset, 1), 0) THEN
        RAISE EXCEPTION 'one offset per file' USING ERRCODE = '22023';
    END IF;
    SELECT u.sha INTO bad FROM unnest(p_sha256) u(sha)
     WHERE NOT file_shown_in(u.sha, scopes) LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'no photo % here', bad USING ERRCODE = 'P0002';
    END IF;
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

-- 002's kiosk_photo_chunk, the same.
CREATE OR REPLACE FUNCTION kiosk_photo_chunk(p_sha256 text, p_offset bigint, p_len int)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    k kiosks := calling_kiosk();
    ch constant bigint := 262144;
    n bigint := least(greatest(p_len, 1), 1048576);
    b bytea;
BEGIN
    IF NOT file_shown_in(p_sha256, scope_chain(k.building_id)) THEN
        RAISE EXCEPTION 'no photo % here', p_sha256 USING ERRCODE = 'P0002';
    END IF;
    SELECT string_agg(data, ''::bytea ORDER BY idx) INTO b FROM photo_chunks
     WHERE sha256 = p_sha256 AND idx BETWEEN p_offset / ch AND (p_offset + n - 1) / ch;
    RETURN substring(coalesce(b, ''::bytea) FROM (p_offset - (p_offset / ch) * ch + 1)::int FOR n::int);
END $$;

-- 020's staff_photo_put: a file a tip's page shows is not written again either.
CREATE OR REPLACE FUNCTION staff_photo_put(p_sha256 text, p_bytes bigint, p_idx int, p_data bytea)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); ch constant bigint := 262144;
BEGIN
    IF coalesce(p_sha256, '') !~ '^[0-9a-f]{64}$' OR coalesce(p_bytes, 0) NOT BETWEEN 1 AND 104857600
       OR p_idx IS NULL OR p_idx < 0 OR p_idx * ch >= p_bytes
       OR length(p_data) <> least(ch, p_bytes - p_idx * ch) THEN
        RAISE EXCEPTION '照片文件没有传完整，没有保存 (chunk % of % bytes: %)', p_idx, p_bytes,
            length(p_data) USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM photos WHERE sha256 = p_sha256)
       OR EXISTS (SELECT 1 FROM health_tips WHERE photo_sha256 = p_sha256) THEN
        RETURN;
    END IF;
    INSERT INTO photo_blobs (sha256, bytes) VALUES (p_sha256, p_bytes)
    ON CONFLICT (sha256) DO UPDATE SET bytes = excluded.bytes;
    DELETE FROM photo_chunks WHERE sha256 = p_sha256 AND idx * ch >= p_bytes;
    INSERT INTO photo_chunks (sha256, idx, data) VALUES (p_sha256, p_idx, p_data)
    ON CONFLICT (sha256, idx) DO UPDATE SET data = excluded.data;
END $$;

-- 018's list, with each tip's page (NULL: typed only).
DROP FUNCTION staff_health_tips(int, int);
CREATE FUNCTION staff_health_tips(p_limit int DEFAULT 30, p_offset int DEFAULT 0)
RETURNS TABLE (hub_id bigint, scope_code text, scope_name text, month text, title text,
               body text, author text, photo_sha256 text, photo_width int, photo_height int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT t.hub_id, s.code, s.name, t.month, t.title, t.body, t.author, t.photo_sha256,
           t.photo_width, t.photo_height
      FROM health_tips t JOIN scopes s ON s.id = t.scope_id
     WHERE NOT t.deleted AND staff_covers(m, t.scope_id)
     ORDER BY t.month DESC, t.hub_id DESC
     LIMIT least(greatest(p_limit, 1), 200) OFFSET greatest(p_offset, 0);
END $$;

-- Publishes a tip whose page is file p_sha256 (sent first with staff_photo_put, in the
-- same transaction), p_width x p_height upright; the body may be empty then. Refused
-- like staff_publish_tip, and when the file is not whole or not the one its name says.
CREATE FUNCTION staff_publish_tip_photo(p_building text, p_month text, p_title text,
                                        p_body text, p_author text, p_sha256 text,
                                        p_width int, p_height int)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; bl photo_blobs; h bigint; n bigint;
        sum bigint; digest text;
BEGIN
    SELECT * INTO b FROM scopes WHERE code = p_building AND kind = 'building';
    IF NOT FOUND OR NOT staff_covers(m, b.id) THEN
        RAISE EXCEPTION '不能发布到楼栋 % (not a building in %''s scope)', p_building, m.login
            USING ERRCODE = '42501';
    END IF;
    IF coalesce(p_month, '') !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN
        RAISE EXCEPTION '月份要写成 年-月，例如 2026-12 (month "%")', p_month
            USING ERRCODE = '22023';
    END IF;
    SELECT * INTO bl FROM photo_blobs WHERE sha256 = p_sha256;
    SELECT count(*), coalesce(sum(length(data)), 0),
           encode(sha256(coalesce(string_agg(data, ''::bytea ORDER BY idx), ''::bytea)), 'hex')
      INTO n, sum, digest FROM photo_chunks WHERE sha256 = p_sha256;
    IF bl.sha256 IS NULL OR sum <> bl.bytes OR n <> (bl.bytes + 262143) / 262144
       OR digest <> p_sha256 THEN
        RAISE EXCEPTION '照片文件没有传完整，没有保存 (file % is not whole)', p_sha256
            USING ERRCODE = '22023';
    END IF;
    IF coalesce(p_width, 0) NOT BETWEEN 1 AND 12000 OR coalesce(p_height, 0) NOT BETWEEN 1 AND 12000 THEN
        RAISE EXCEPTION '照片太大了（每边最多12000像素） (% x %)', p_width, p_height
            USING ERRCODE = '22023';
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('health_tip', b.code, jsonb_build_object(
        'month', p_month,
        'title', checked_text(p_title, 80, true, 'title'),
        'body', checked_text(p_body, 20000, false, 'body'),
        'author', coalesce(nullif(checked_text(p_author, 120, false, 'author'), ''),
                           CASE m.role WHEN 'lead' THEN '楼组长' ELSE '居委会' END),
        'photo_sha256', p_sha256, 'photo_width', p_width, 'photo_height', p_height,
        'photo_bytes', bl.bytes));
    PERFORM staff_log(m, 'health_tip.publish',
                      format('health_tip %s building %s month %s', h, b.code, p_month), '',
                      format('%s [photo %s]', btrim(p_title), left(p_sha256, 12)));
    RETURN h;
END $$;

-- The page of a live tip of the caller's scope, for the console's thumbnail.
CREATE FUNCTION staff_tip_photo(p_hub_id bigint) RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); t health_tips; f bytea;
BEGIN
    SELECT * INTO t FROM health_tips x WHERE x.hub_id = p_hub_id AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, t.scope_id) OR t.photo_sha256 IS NULL THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no health tip page % in %''s scope)',
            p_hub_id, m.login USING ERRCODE = 'P0002';
    END IF;
    SELECT string_agg(data, ''::bytea ORDER BY idx) INTO f FROM photo_chunks
     WHERE sha256 = t.photo_sha256;
    RETURN f;
END $$;

REVOKE ALL ON FUNCTION staff_health_tips(int, int),
    staff_publish_tip_photo(text, text, text, text, text, text, int, int),
    staff_tip_photo(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_health_tips(int, int),
    staff_publish_tip_photo(text, text, text, text, text, text, int, int),
    staff_tip_photo(bigint) TO yanxia_staff;

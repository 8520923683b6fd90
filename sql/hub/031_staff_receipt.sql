-- Yanxia hub, migration 31: staff name a resident's submission the way the resident does,
-- by the receipt code the kiosk printed (or KIOSK/CODE, or its uuid), and get the uuid
-- that staff_moderate takes. Unlike find_submission (the owner's, migration 10) it looks
-- only among the submissions of the kiosks of buildings the calling member covers: a
-- code used in another area is "not found" in the same words as a code nobody used, and
-- a code two kiosks of the member's scope share is refused naming both, never guessed.
-- A read: nothing is audited here; the moderation step that follows is.
SET search_path = yanxia_hub, pg_temp;

CREATE FUNCTION staff_find_submission(p_ref text, p_subject text)
RETURNS TABLE (uuid uuid, kiosk text, excerpt text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    m staff_members := calling_staff();
    ref text := btrim(coalesce(p_ref, ''));
    r text := upper(ref);
    by_uuid boolean := r ~ '^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$';
    k_name text;
    n int;
    names text;
    u uuid;
    kn text;
    body text;
BEGIN
    IF p_subject IS NULL OR p_subject NOT IN ('wish', 'suggestion', 'question') THEN
        RAISE EXCEPTION '只能按回执码查找微心愿、意见建议和健康问题 (subject %)', p_subject
            USING ERRCODE = '22023';
    END IF;
    IF NOT by_uuid AND position('/' IN ref) > 0 THEN -- KIOSK/CODE
        k_name := split_part(ref, '/', 1);
        r := upper(split_part(ref, '/', 2));
    END IF;
    SELECT count(*), string_agg(DISTINCT k.name || '/' || r, '、'), (array_agg(x.uuid))[1],
           (array_agg(k.name))[1], (array_agg(coalesce(x.payload ->> 'text', '')))[1]
      INTO n, names, u, kn, body
      FROM submissions x JOIN kiosks k ON k.id = x.kiosk_id
     WHERE x.kind = p_subject AND staff_covers(m, k.building_id)
       AND CASE WHEN by_uuid THEN x.uuid = r::uuid
                ELSE x.payload ->> 'receipt' = r
                     AND (k_name IS NULL OR lower(k.name) = lower(k_name)) END;
    IF n = 0 THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no % "%" in %''s scope)', p_subject, ref,
            m.login USING ERRCODE = 'P0002';
    ELSIF n > 1 AND k_name IS NULL THEN
        RAISE EXCEPTION '回执码 % 对应 % 条%，请写成 楼道屏名/回执码：% (receipt % came from'
            ' more than one kiosk of %''s scope)', r, n, subject_label(p_subject), names, r,
            m.login USING ERRCODE = '21000';
    ELSIF n > 1 THEN
        RAISE EXCEPTION '回执码 % 在楼道屏 % 上对应 % 条%，请改用 UUID (kiosk % used receipt %'
            ' more than once)', r, k_name, n, subject_label(p_subject), k_name, r
            USING ERRCODE = '21000';
    END IF;
    body := regexp_replace(body, '\s+', ' ', 'g');
    uuid := u;
    kiosk := kn;
    excerpt := left(body, 16) || CASE WHEN char_length(body) > 16 THEN '…' ELSE '' END;
    RETURN NEXT;
END $$;

REVOKE ALL ON FUNCTION staff_find_submission(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_find_submission(text, text) TO yanxia_staff;

-- Yanxia hub, migration 10: a receipt code names one submission when the kiosk is named
-- with it. Each kiosk makes its codes unique in its own store, so "KIOSK/CODE" is one
-- submission; a bare code that several kiosks used (by chance: 31^6 codes, so a hub of
-- a million submissions holds hundreds of such pairs, or because a stolen kiosk
-- credential copied another kiosk's code) is refused with the kiosk/code names to use
-- instead. Staff never act on a submission a code only probably meant.
SET search_path = yanxia_hub, pg_temp;

CREATE OR REPLACE FUNCTION find_submission(p_ref text, p_subject text) RETURNS submissions
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    s submissions;
    n int;
    ref text := btrim(coalesce(p_ref, ''));
    r text := upper(ref);
    kiosk text;
    names text;
BEGIN
    IF r ~ '^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$' THEN
        SELECT * INTO s FROM submissions WHERE uuid = r::uuid AND kind = p_subject;
        IF NOT FOUND THEN
            RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no % % on the hub)', p_subject, r
                USING ERRCODE = 'P0002';
        END IF;
        RETURN s;
    END IF;
    IF position('/' IN ref) > 0 THEN -- KIOSK/CODE
        kiosk := split_part(ref, '/', 1);
        r := upper(split_part(ref, '/', 2));
    END IF;
    SELECT count(*), string_agg(DISTINCT k.name || '/' || r, '、')
      INTO n, names
      FROM submissions x JOIN kiosks k ON k.id = x.kiosk_id
     WHERE x.payload ->> 'receipt' = r AND x.kind = p_subject
       AND (kiosk IS NULL OR lower(k.name) = lower(kiosk));
    IF n = 0 THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no % with receipt "%"%s on the hub)',
            p_subject, r, coalesce(' from kiosk ' || kiosk, '') USING ERRCODE = 'P0002';
    ELSIF n > 1 AND kiosk IS NULL THEN
        RAISE EXCEPTION '回执码 % 对应 % 条%，请写成 楼道屏名/回执码：% (receipt % came from'
            ' more than one kiosk: name the kiosk, or give the uuid)', r, n,
            subject_label(p_subject), names, r USING ERRCODE = '21000';
    ELSIF n > 1 THEN
        -- one kiosk used one code twice: only a forged or broken kiosk does that
        RAISE EXCEPTION '回执码 % 在楼道屏 % 上对应 % 条%，请改用 UUID (kiosk % used receipt %'
            ' more than once: give the uuid, listed by `yanxiactl export % --csv --hub`)', r,
            kiosk, n, subject_label(p_subject), kiosk, r,
            CASE p_subject WHEN 'wish' THEN 'wishes' ELSE p_subject || 's' END
            USING ERRCODE = '21000';
    END IF;
    SELECT x.* INTO s FROM submissions x JOIN kiosks k ON k.id = x.kiosk_id
     WHERE x.payload ->> 'receipt' = r AND x.kind = p_subject
       AND (kiosk IS NULL OR lower(k.name) = lower(kiosk));
    RETURN s;
END $$;

REVOKE ALL ON FUNCTION find_submission(text, text) FROM PUBLIC;

-- Consultations (意向征询) for staff on the hub: the households of a building, and every
-- poll of the caller's scope with the households whose latest vote (vote_latest, by
-- option position since 011_vote_option.sql) is for each option. The thresholds (two
-- thirds take part, three quarters of those agree) are judged by the console with the
-- kiosk store's own rule (poll_results_judge, src/store/vote.c), so the two cannot drift.
SET search_path = yanxia_hub, pg_temp;

-- NULL: not registered (participation cannot be judged)
ALTER TABLE scopes ADD COLUMN households int CHECK (households BETWEEN 0 AND 1000000);

-- Registers a building's household count (`yanxiactl hub add-scope B --households N`).
CREATE FUNCTION hub_set_households(p_code text, p_households int) RETURNS void
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
BEGIN
    UPDATE scopes SET households = p_households WHERE code = p_code AND kind = 'building';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no building % (households are counted per building)', p_code
            USING ERRCODE = 'P0002';
    END IF;
END $$;

-- The polls of the caller's scope, newest closing first, p_limit of them from p_offset:
-- one row per option in option order. households: the buildings under the poll's scope
-- together, NULL when one of them has no count registered; voted: households whose
-- latest vote counts (in every building under the poll).
CREATE FUNCTION staff_polls(p_limit int DEFAULT 20, p_offset int DEFAULT 0)
RETURNS TABLE (hub_id bigint, scope_code text, scope_name text, question text,
               opens_at bigint, closes_at bigint, households bigint, voted bigint,
               option_sort int, option_label text, option_households bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    WITH page AS (
        SELECT p.* FROM polls p
         WHERE NOT p.deleted AND staff_covers(m, p.scope_id)
         ORDER BY p.closes_at DESC, p.hub_id DESC
         LIMIT least(greatest(p_limit, 1), 100) OFFSET greatest(p_offset, 0)),
    counted AS (
        SELECT v.poll_hub_id, v.option_sort, count(*) AS n FROM vote_latest v
         WHERE v.poll_hub_id IN (SELECT page.hub_id FROM page) AND v.option_sort IS NOT NULL
         GROUP BY v.poll_hub_id, v.option_sort)
    SELECT p.hub_id, s.code, s.name, p.question, p.opens_at, p.closes_at,
           (SELECT CASE WHEN count(*) > 0 AND bool_and(b.households IS NOT NULL)
                        THEN sum(b.households) END
              FROM scopes b WHERE b.kind = 'building' AND p.scope_id = ANY (scope_chain(b.id)))::bigint,
           coalesce((SELECT sum(c.n) FROM counted c WHERE c.poll_hub_id = p.hub_id), 0)::bigint,
           o.sort, o.label,
           coalesce((SELECT c.n FROM counted c
                      WHERE c.poll_hub_id = p.hub_id AND c.option_sort = o.sort), 0)
      FROM page p JOIN scopes s ON s.id = p.scope_id
      JOIN poll_options o ON o.poll_hub_id = p.hub_id
     ORDER BY p.closes_at DESC, p.hub_id DESC, o.sort;
END $$;

-- Every household's vote that counts in a poll of the caller's scope, for the export.
CREATE FUNCTION staff_poll_votes(p_hub_id bigint)
RETURNS TABLE (question text, building text, room text, option_label text, receipt text,
               kiosk text, created_at bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); p polls;
BEGIN
    SELECT * INTO p FROM polls WHERE polls.hub_id = p_hub_id AND NOT deleted;
    IF NOT FOUND OR NOT staff_covers(m, p.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no poll % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    RETURN QUERY
    SELECT p.question, b.code, v.room, coalesce(v.option_label, ''),
           coalesce(s.payload ->> 'receipt', ''), k.name,
           coalesce((s.payload ->> 'created_at')::bigint, 0)
      FROM vote_latest v JOIN scopes b ON b.id = v.building_id
      JOIN submissions s ON s.uuid = v.uuid JOIN kiosks k ON k.id = s.kiosk_id
     WHERE v.poll_hub_id = p_hub_id
     ORDER BY b.code, v.room;
END $$;

REVOKE ALL ON FUNCTION hub_set_households(text, int), staff_polls(int, int),
    staff_poll_votes(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_polls(int, int), staff_poll_votes(bigint) TO yanxia_staff;

-- A consultation that went to an area (or a district), building by building: each
-- building under the poll's scope with its registered households, the households of it
-- whose latest vote counts, and per option how many of them chose it. A lift or a door
-- is decided by the households of one building, so the console judges the thresholds
-- for each building by itself (poll_results_judge, src/store/vote.c), next to the whole.
SET search_path = yanxia_hub, pg_temp;

CREATE FUNCTION staff_poll_buildings(p_hub_id bigint)
RETURNS TABLE (question text, building text, building_name text, households int,
               voted bigint, option_sort int, option_label text, option_households bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); p polls;
BEGIN
    SELECT * INTO p FROM polls WHERE polls.hub_id = p_hub_id AND NOT deleted;
    IF NOT FOUND OR NOT staff_covers(m, p.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no poll % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    RETURN QUERY
    WITH b AS (
        SELECT s.id, s.code, s.name, s.households FROM scopes s
         WHERE s.kind = 'building' AND p.scope_id = ANY (scope_chain(s.id))),
    counted AS (
        SELECT v.building_id, v.option_sort, count(*) AS n FROM vote_latest v
         WHERE v.poll_hub_id = p_hub_id AND v.option_sort IS NOT NULL
         GROUP BY v.building_id, v.option_sort)
    SELECT p.question, b.code, b.name, b.households,
           coalesce((SELECT sum(c.n) FROM counted c WHERE c.building_id = b.id), 0)::bigint,
           o.sort, o.label,
           coalesce((SELECT c.n FROM counted c
                      WHERE c.building_id = b.id AND c.option_sort = o.sort), 0)
      FROM b CROSS JOIN poll_options o
     WHERE o.poll_hub_id = p_hub_id
     ORDER BY b.code, o.sort;
END $$;

REVOKE ALL ON FUNCTION staff_poll_buildings(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_poll_buildings(bigint) TO yanxia_staff;

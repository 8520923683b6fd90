-- A vote names its option by position. Until now the hub kept the kiosk's `option_id`,
-- which is the kiosk store's own row id: two kiosks of a building number the same
-- poll's options differently, so the hub could not tell which option a household chose.
-- A kiosk now sends `option_sort`, the option's 1-based position in the poll, which is
-- the hub's poll_options.sort (the kiosk stores the hub's options in that order, see
-- src/store/sync_apply.c). For a hub poll the hub requires it and checks the poll has
-- that option; `vote_latest` names the option by position and label.

ALTER FUNCTION submission_problem(kiosks, jsonb) RENAME TO submission_fields_problem;

CREATE FUNCTION submission_problem(k kiosks, e jsonb) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    p jsonb := e -> 'payload';
    why text := submission_fields_problem(k, e);
BEGIN
    IF why IS NOT NULL OR e ->> 'kind' IS DISTINCT FROM 'vote' OR p ->> 'poll_hub_id' IS NULL THEN
        RETURN why;
    END IF;
    why := int_problem(p, 'option_sort', 1, 1000, true);
    IF why IS NULL AND NOT EXISTS (
           SELECT 1 FROM poll_options o
            WHERE o.poll_hub_id = (p ->> 'poll_hub_id')::bigint
              AND o.sort = (p ->> 'option_sort')::int) THEN
        why := format('the poll has no option %s', p ->> 'option_sort');
    END IF;
    RETURN why;
END $$;

-- new columns go last: CREATE OR REPLACE VIEW keeps the old ones in place
CREATE OR REPLACE VIEW vote_latest AS
    SELECT DISTINCT ON (s.payload ->> 'poll_hub_id', o.building_id, s.payload ->> 'room')
           (s.payload ->> 'poll_hub_id')::bigint AS poll_hub_id, o.building_id,
           s.payload ->> 'room' AS room, (s.payload ->> 'option_id')::bigint AS option_id,
           s.uuid, s.hub_order, (s.payload ->> 'option_sort')::int AS option_sort,
           (SELECT po.label FROM poll_options po
             WHERE po.poll_hub_id = (s.payload ->> 'poll_hub_id')::bigint
               AND po.sort = (s.payload ->> 'option_sort')::int) AS option_label
      FROM submissions s JOIN kiosks o ON o.id = s.kiosk_id
     WHERE s.kind = 'vote' AND s.payload ->> 'poll_hub_id' IS NOT NULL
     ORDER BY s.payload ->> 'poll_hub_id', o.building_id, s.payload ->> 'room', s.hub_order DESC;

REVOKE ALL ON FUNCTION submission_fields_problem(kiosks, jsonb), submission_problem(kiosks, jsonb)
    FROM PUBLIC;

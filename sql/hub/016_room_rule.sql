-- Each building's own room rule on the hub. Until now the hub held every room to the
-- widest rule (floor 1-99, unit 01-99), while each kiosk store held it to its own
-- building's (`yanxiactl kiosk set --floors 1-33 --units 1-6`): a stranger with a
-- kiosk's credential could sign up room 9901 of a six-storey building. Now a building
-- on the hub has the rule (`yanxiactl hub add-scope B --floors 1-6 --units 1-4`), the
-- hub refuses a room outside it from any kiosk of the building, and each kiosk takes the
-- rule (and the household count) from the hub at every round (kiosk_building(), see
-- src/sync/sync_photo.c), so the kiosk screen and the hub draw the same line. A building
-- without a registered rule keeps the widest one.
SET search_path = yanxia_hub, pg_temp;

ALTER TABLE scopes
    ADD COLUMN floor_min int, ADD COLUMN floor_max int,
    ADD COLUMN unit_min int, ADD COLUMN unit_max int,
    ADD CONSTRAINT scopes_room_rule CHECK (
        (floor_min IS NULL AND floor_max IS NULL AND unit_min IS NULL AND unit_max IS NULL)
        OR (kind = 'building' AND floor_min BETWEEN 1 AND 99 AND floor_max BETWEEN floor_min AND 99
            AND unit_min BETWEEN 1 AND 99 AND unit_max BETWEEN unit_min AND 99));

-- Registers a building's rule: floors p_floor_min..p_floor_max, units
-- p_unit_min..p_unit_max (the kiosk store's bounds, src/store/kiosk.c).
CREATE FUNCTION hub_set_room_rule(p_code text, p_floor_min int, p_floor_max int,
                                  p_unit_min int, p_unit_max int) RETURNS void
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
BEGIN
    IF NOT (p_floor_min BETWEEN 1 AND 99 AND p_floor_max BETWEEN p_floor_min AND 99) THEN
        RAISE EXCEPTION 'floors %-%: need 1 <= first <= last <= 99', p_floor_min, p_floor_max
            USING ERRCODE = '22023';
    END IF;
    IF NOT (p_unit_min BETWEEN 1 AND 99 AND p_unit_max BETWEEN p_unit_min AND 99) THEN
        RAISE EXCEPTION 'units %-%: need 1 <= first <= last <= 99', p_unit_min, p_unit_max
            USING ERRCODE = '22023';
    END IF;
    UPDATE scopes SET floor_min = p_floor_min, floor_max = p_floor_max,
                      unit_min = p_unit_min, unit_max = p_unit_max
     WHERE code = p_code AND kind = 'building';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no building % (a room rule is a building''s)', p_code
            USING ERRCODE = 'P0002';
    END IF;
END $$;

-- Why room r (already of the form floor * 100 + unit, checked by
-- submission_fields_problem) does not exist in building b, or NULL.
CREATE FUNCTION room_rule_problem(b scopes, r text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
    SELECT CASE
        WHEN r IS NULL OR r = '' OR b.floor_min IS NULL THEN NULL
        WHEN r::int / 100 NOT BETWEEN b.floor_min AND b.floor_max
          OR r::int % 100 NOT BETWEEN b.unit_min AND b.unit_max
        THEN format('room %s is not in building %s (floors %s-%s, units %s-%s)', r, b.code,
                    b.floor_min, b.floor_max, lpad(b.unit_min::text, 2, '0'),
                    lpad(b.unit_max::text, 2, '0'))
    END
$$;

-- submission_problem as in 011, and the room held to the kiosk's building's rule.
ALTER FUNCTION submission_problem(kiosks, jsonb) RENAME TO submission_option_problem;

CREATE FUNCTION submission_problem(k kiosks, e jsonb) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    why text := submission_option_problem(k, e);
    b scopes;
BEGIN
    IF why IS NOT NULL THEN
        RETURN why;
    END IF;
    SELECT * INTO b FROM scopes WHERE id = k.building_id;
    RETURN room_rule_problem(b, e -> 'payload' ->> 'room');
END $$;

-- What a kiosk takes from the hub about its own building at every round: the code, the
-- room rule (NULLs when none is registered) and the household count (NULL likewise).
CREATE FUNCTION kiosk_building()
RETURNS TABLE (code text, floor_min int, floor_max int, unit_min int, unit_max int,
               households int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
    SELECT b.code, b.floor_min, b.floor_max, b.unit_min, b.unit_max, b.households
      FROM scopes b WHERE b.id = (calling_kiosk()).building_id
$$;

REVOKE ALL ON FUNCTION hub_set_room_rule(text, int, int, int, int), room_rule_problem(scopes, text),
    submission_option_problem(kiosks, jsonb), submission_problem(kiosks, jsonb), kiosk_building()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kiosk_building() TO yanxia_kiosk;

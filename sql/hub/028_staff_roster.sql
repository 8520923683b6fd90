-- The duty roster (楼道值守) and the contacts card (联系电话) for staff on the hub: the
-- entries of the caller's scope, adding one to a building of the scope (its kiosks get
-- it at their next pull) and taking one off. Checked as the kiosk store checks them
-- (src/store/roster.c, contact.c): a roster entry needs a person (20 characters), slot
-- and place up to 120, and a room the building has (its rule, 016); a contact needs a
-- kind of the store's list and a name (40), a phone of digits, spaces, - + ( ) and 转
-- (32), a note (120). Every change is in staff_audit, in the same transaction.
SET search_path = yanxia_hub, pg_temp;

-- Building p_code when it is in member m's scope; else the refusal every staff_publish_*
-- function gives (from here on they share it).
CREATE FUNCTION staff_building(m staff_members, p_code text) RETURNS scopes
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE b scopes;
BEGIN
    SELECT * INTO b FROM scopes WHERE code = p_code AND kind = 'building';
    IF NOT FOUND OR NOT staff_covers(m, b.id) THEN
        RAISE EXCEPTION '不能发布到楼栋 % (not a building in %''s scope)', p_code, m.login
            USING ERRCODE = '42501';
    END IF;
    RETURN b;
END $$;

-- The roster entries of the caller's scope with p_from <= day < p_to (Unix seconds), by
-- day, building and id.
CREATE FUNCTION staff_roster(p_from bigint, p_to bigint)
RETURNS TABLE (hub_id bigint, building text, building_name text, day bigint, slot text,
               place text, person text, room text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT r.hub_id, s.code, s.name, r.day, r.slot, r.place, r.person, r.room
      FROM roster r JOIN scopes s ON s.id = r.scope_id
     WHERE NOT r.deleted AND staff_covers(m, r.scope_id) AND r.day >= p_from AND r.day < p_to
     ORDER BY r.day, s.code, r.hub_id
     LIMIT 500;
END $$;

-- Adds a roster entry to building p_building of the caller's scope; p_day is any time of
-- the day (the kiosks keep the day). Returns its hub id.
CREATE FUNCTION staff_publish_roster(p_building text, p_day bigint, p_slot text, p_place text,
                                     p_person text, p_room text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; h bigint;
        room text := btrim(coalesce(p_room, ''));
BEGIN
    b := staff_building(m, p_building);
    IF p_day IS NULL OR p_day <= 0 THEN
        RAISE EXCEPTION '要写哪一天 (roster entry without a day)' USING ERRCODE = '22023';
    END IF;
    IF room <> '' AND (room !~ '^[1-9][0-9]?[0-9]{2}$' OR room_rule_problem(b, room) IS NOT NULL)
    THEN
        RAISE EXCEPTION '房号不对，请按“楼层+房间”输入，例如 1203 (%)',
            coalesce(room_rule_problem(b, room), format('room "%s" is not a room number', room))
            USING ERRCODE = '22023';
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('roster', b.code, jsonb_build_object(
        'day', p_day,
        'slot', checked_text(p_slot, 120, false, 'slot'),
        'place', checked_text(p_place, 120, false, 'place'),
        'person', checked_text(p_person, 20, true, 'person'),
        'room', room));
    PERFORM staff_log(m, 'roster.add', format('roster %s building %s', h, b.code), '',
                      btrim(p_person));
    RETURN h;
END $$;

CREATE FUNCTION staff_remove_roster(p_hub_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); r roster;
BEGIN
    SELECT * INTO r FROM roster x WHERE x.hub_id = p_hub_id AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, r.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no roster entry % in %''s scope)',
            p_hub_id, m.login USING ERRCODE = 'P0002';
    END IF;
    PERFORM hub_unpublish('roster', p_hub_id);
    PERFORM staff_log(m, 'roster.remove', format('roster %s', p_hub_id), r.person, '');
END $$;

-- The contacts within the caller's scope (its buildings', and an area's own when the
-- member covers the area), by scope, sort and id.
CREATE FUNCTION staff_contacts()
RETURNS TABLE (hub_id bigint, building text, building_name text, kind text, name text,
               phone text, note text, sort int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT c.hub_id, s.code, s.name, c.kind, c.name, c.phone, c.note, c.sort
      FROM contacts c JOIN scopes s ON s.id = c.scope_id
     WHERE NOT c.deleted AND staff_covers(m, c.scope_id)
     ORDER BY s.code, c.sort, c.hub_id
     LIMIT 500;
END $$;

CREATE FUNCTION staff_publish_contact(p_building text, p_kind text, p_name text, p_phone text,
                                      p_note text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; h bigint;
        phone text := checked_text(p_phone, 32, false, 'phone');
BEGIN
    b := staff_building(m, p_building);
    IF coalesce(p_kind, '') NOT IN ('emergency', 'committee', 'property', 'hotline',
                                    'groupchat', 'other') THEN
        RAISE EXCEPTION '不认识这种联系方式 (contact kind "%")', p_kind USING ERRCODE = '22023';
    END IF;
    IF phone <> '' AND (phone !~ '^[0-9 ()+转-]*$'
                        OR length(regexp_replace(phone, '[^0-9]', '', 'g')) < 3) THEN
        RAISE EXCEPTION '电话号码不对：只能有数字、空格、- + ( ) 和“转”，至少三位数字 (phone "%")', phone
            USING ERRCODE = '22023';
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('contact', b.code, jsonb_build_object(
        'kind', p_kind,
        'name', checked_text(p_name, 40, true, 'name'),
        'phone', phone,
        'note', checked_text(p_note, 120, false, 'note'),
        'sort', (SELECT coalesce(max(c.sort), 0) + 10 FROM contacts c
                  WHERE c.scope_id = b.id AND NOT c.deleted)));
    PERFORM staff_log(m, 'contact.add', format('contact %s building %s', h, b.code), '',
                      btrim(p_name));
    RETURN h;
END $$;

CREATE FUNCTION staff_remove_contact(p_hub_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); c contacts;
BEGIN
    SELECT * INTO c FROM contacts x WHERE x.hub_id = p_hub_id AND NOT x.deleted;
    IF NOT FOUND OR NOT staff_covers(m, c.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no contact % in %''s scope)',
            p_hub_id, m.login USING ERRCODE = 'P0002';
    END IF;
    PERFORM hub_unpublish('contact', p_hub_id);
    PERFORM staff_log(m, 'contact.remove', format('contact %s', p_hub_id), c.name, '');
END $$;

REVOKE ALL ON FUNCTION staff_building(staff_members, text), staff_roster(bigint, bigint),
    staff_publish_roster(text, bigint, text, text, text, text), staff_remove_roster(bigint),
    staff_contacts(), staff_publish_contact(text, text, text, text, text),
    staff_remove_contact(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_roster(bigint, bigint),
    staff_publish_roster(text, bigint, text, text, text, text), staff_remove_roster(bigint),
    staff_contacts(), staff_publish_contact(text, text, text, text, text),
    staff_remove_contact(bigint) TO yanxia_staff;

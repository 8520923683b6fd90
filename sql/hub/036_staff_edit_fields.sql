-- An edit of a notice or an activity that is not lost under someone else's: `yanxiactl
-- edit notice|activity --hub --as` reads the row (staff_notice, staff_activity), changes
-- the fields given and sends them all back (staff_update_notice, staff_update_activity,
-- which replace every field). Another member's change in between was overwritten in
-- silence. Now the read also gives the row's revision (staff_edit_rev, its rev: the
-- change log's counter, which every change raises), and the update takes it back: a row
-- whose revision moved since is refused with 55000 (this staff member should look again),
-- nothing written or audited. An update without a revision (NULL) replaces as before.
SET search_path = yanxia_hub, pg_temp;

-- The revision of notice or activity p_hub_id of the caller's scope, to give back to
-- the update below. Read in the same statement as the row (one snapshot). Missing or of
-- another scope: P0002, as everywhere.
CREATE FUNCTION staff_edit_rev(p_kind text, p_hub_id bigint) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); r bigint; sc int;
BEGIN
    IF p_kind NOT IN ('notice', 'activity') THEN
        RAISE EXCEPTION '这种内容不能这样修改 (kind %)', p_kind USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT rev, scope_id FROM %I WHERE hub_id = $1 AND NOT deleted',
                   content_table(p_kind))
       INTO r, sc USING p_hub_id;
    IF r IS NULL OR NOT staff_covers(m, sc) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no % % in %''s scope)', p_kind, p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    RETURN r;
END $$;

-- Refuses the update of p_kind p_hub_id when its revision is no longer p_rev (NULL: no
-- check). Takes the change counter first, the hub's one lock order: every change holds
-- it until commit, so the row cannot move between this check and the update after it.
CREATE FUNCTION staff_edit_check_rev(p_kind text, p_hub_id bigint, p_rev bigint) RETURNS void
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE r bigint;
BEGIN
    PERFORM lock_changes();
    IF p_rev IS NULL THEN
        RETURN;
    END IF;
    EXECUTE format('SELECT rev FROM %I WHERE hub_id = $1 AND NOT deleted',
                   content_table(p_kind))
       INTO r USING p_hub_id;
    IF r IS DISTINCT FROM p_rev AND r IS NOT NULL THEN
        RAISE EXCEPTION '这条内容刚被别人改过，请重新查看后再改 (% % is at revision %, % was read)',
            p_kind, p_hub_id, r, p_rev USING ERRCODE = '55000';
    END IF;
    -- gone or out of scope: the update itself says "not found"
END $$;

CREATE FUNCTION staff_update_notice(p_hub_id bigint, p_title text, p_body text,
                                    p_category text, p_pinned int, p_expires_at bigint,
                                    p_rev bigint)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
BEGIN
    PERFORM staff_edit_check_rev('notice', p_hub_id, p_rev);
    PERFORM staff_update_notice(p_hub_id, p_title, p_body, p_category, p_pinned,
                                p_expires_at);
END $$;

CREATE FUNCTION staff_update_activity(p_hub_id bigint, p_title text, p_description text,
                                      p_place text, p_starts_at bigint, p_schedule text,
                                      p_deadline bigint, p_capacity int, p_waitlist boolean,
                                      p_organiser text, p_rev bigint)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
BEGIN
    PERFORM staff_edit_check_rev('activity', p_hub_id, p_rev);
    PERFORM staff_update_activity(p_hub_id, p_title, p_description, p_place, p_starts_at,
                                  p_schedule, p_deadline, p_capacity, p_waitlist, p_organiser);
END $$;

REVOKE ALL ON FUNCTION staff_edit_rev(text, bigint), staff_edit_check_rev(text, bigint, bigint),
    staff_update_notice(bigint, text, text, text, int, bigint, bigint),
    staff_update_activity(bigint, text, text, text, bigint, text, bigint, int, boolean, text,
                          bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_edit_rev(text, bigint),
    staff_update_notice(bigint, text, text, text, int, bigint, bigint),
    staff_update_activity(bigint, text, text, text, bigint, text, bigint, int, boolean, text,
                          bigint) TO yanxia_staff;

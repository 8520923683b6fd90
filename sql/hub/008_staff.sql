-- Yanxia hub, migration 8: staff of the committee work through the console (or psql)
-- with their own PostgreSQL login role, a member of yanxia_staff, and can call the
-- staff_* functions below and nothing else. Each function finds the calling member by
-- session_user and checks the member's scope: a 楼组长 one building, a committee worker
-- an area (its buildings), an administrator everything. So the console never holds a
-- credential that can do more than the staff member logged in to it.
-- Passwords are checked by PostgreSQL itself (SCRAM-SHA-256), never by the console.
SET search_path = yanxia_hub, pg_temp;

CREATE TABLE staff_members (
    role_name  text PRIMARY KEY, -- session_user of the member's connections
    login      text NOT NULL UNIQUE CHECK (login ~ '^[A-Za-z0-9._-]{2,32}$'),
    role       text NOT NULL CHECK (role IN ('lead', 'committee', 'admin')),
    scope_id   int REFERENCES scopes(id), -- NULL only for an administrator
    disabled   boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'admin') = (scope_id IS NULL))
);

-- Every staff action, who, when, what, before and after. Nobody edits it: the triggers
-- refuse UPDATE and DELETE even to the functions that write it.
CREATE TABLE staff_audit (
    id     bigserial PRIMARY KEY,
    at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    login  text NOT NULL,
    action text NOT NULL,
    target text NOT NULL DEFAULT '',
    before text NOT NULL DEFAULT '',
    after  text NOT NULL DEFAULT ''
);
CREATE FUNCTION staff_audit_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the staff audit log is append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER staff_audit_no_change BEFORE UPDATE OR DELETE ON staff_audit
    FOR EACH ROW EXECUTE FUNCTION staff_audit_frozen();

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'yanxia_staff') THEN
        CREATE ROLE yanxia_staff NOLOGIN;
    END IF;
END $$;

-- The calling member, or an error for anyone else (a kiosk, a disabled member).
CREATE FUNCTION calling_staff() RETURNS staff_members
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members;
BEGIN
    SELECT * INTO m FROM staff_members WHERE role_name = session_user AND NOT disabled;
    IF NOT FOUND THEN
        RAISE EXCEPTION '这个账号不能管理楼道屏 (% is not an enabled staff member)', session_user
            USING ERRCODE = '42501';
    END IF;
    RETURN m;
END $$;

-- True when scope p_scope lies within the member's scope.
CREATE FUNCTION staff_covers(m staff_members, p_scope int) RETURNS boolean
LANGUAGE sql STABLE SET search_path = yanxia_hub, pg_temp AS $$
    SELECT m.scope_id IS NULL OR m.scope_id = ANY (coalesce(scope_chain(p_scope), '{}'))
$$;

CREATE FUNCTION staff_log(m staff_members, p_action text, p_target text, p_before text,
                          p_after text) RETURNS void
LANGUAGE sql SET search_path = yanxia_hub, pg_temp AS $$
    INSERT INTO staff_audit (login, action, target, before, after)
    VALUES (m.login, p_action, p_target, coalesce(p_before, ''), coalesce(p_after, ''))
$$;

-- Who is calling: login, role and the scope's code and name.
CREATE FUNCTION staff_me()
RETURNS TABLE (login text, role text, scope_code text, scope_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
    SELECT m.login, m.role, coalesce(s.code, ''), coalesce(s.name, '')
      FROM (SELECT (calling_staff()).*) m LEFT JOIN scopes s ON s.id = m.scope_id
$$;

-- The buildings the caller may publish to, by code.
CREATE FUNCTION staff_buildings() RETURNS TABLE (code text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
    SELECT s.code, s.name FROM scopes s
     WHERE s.kind = 'building' AND staff_covers(calling_staff(), s.id)
     ORDER BY s.code
$$;

-- Every kiosk in the caller's scope with its last heartbeat (Unix seconds, 0: never).
CREATE FUNCTION staff_kiosks()
RETURNS TABLE (name text, building text, seen_at bigint, version text, queue bigint,
               free_disk bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
    SELECT k.name, b.code, coalesce(extract(epoch FROM h.at)::bigint, 0),
           coalesce(h.version, ''), coalesce(h.queue, 0), coalesce(h.free_disk, 0)
      FROM kiosks k JOIN scopes b ON b.id = k.building_id
      LEFT JOIN heartbeats h ON h.kiosk_id = k.id
     WHERE staff_covers(calling_staff(), k.building_id)
     ORDER BY b.code, k.name
$$;

-- What waits for a person in the caller's scope; silent: kiosks without a heartbeat for
-- p_silent_s seconds (by the hub's clock).
CREATE FUNCTION staff_todo(p_silent_s bigint DEFAULT 900)
RETURNS TABLE (wishes_review bigint, suggestions_open bigint, questions_open bigint,
               kiosks_silent bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    WITH mine AS (SELECT s.kind, v.state, v.answer
                    FROM submissions s JOIN kiosks k ON k.id = s.kiosk_id
                    LEFT JOIN verdicts v ON v.uuid = s.uuid
                   WHERE s.kind IN ('wish', 'suggestion', 'question')
                     AND staff_covers(m, k.building_id))
    SELECT (SELECT count(*) FROM mine WHERE kind = 'wish' AND coalesce(state, 'review') = 'review'),
           (SELECT count(*) FROM mine WHERE kind = 'suggestion'
                                         AND coalesce(state, 'new') <> 'replied'),
           (SELECT count(*) FROM mine WHERE kind = 'question' AND coalesce(answer, '') = ''),
           (SELECT count(*) FROM kiosks k LEFT JOIN heartbeats h ON h.kiosk_id = k.id
             WHERE staff_covers(m, k.building_id)
               AND (h.at IS NULL OR h.at < hub_now() - make_interval(secs => p_silent_s)));
END $$;

-- Publishes a notice to one building in the caller's scope; returns its hub id. The
-- kiosks of that building get it by their next pull.
CREATE FUNCTION staff_publish_notice(p_building text, p_title text, p_body text,
                                     p_category text DEFAULT '通知', p_pinned int DEFAULT 0,
                                     p_expires_at bigint DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; h bigint;
BEGIN
    SELECT * INTO b FROM scopes WHERE code = p_building AND kind = 'building';
    IF NOT FOUND OR NOT staff_covers(m, b.id) THEN
        -- the same words for "no such building" and "not yours": scope is not probed
        RAISE EXCEPTION '不能发布到楼栋 % (not a building in %''s scope)', p_building, m.login
            USING ERRCODE = '42501';
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('notice', b.code, jsonb_build_object(
        'title', checked_text(p_title, 80, true, 'title'),
        'body', checked_text(p_body, 20000, true, 'body'),
        'category', coalesce(nullif(btrim(p_category), ''), '通知'),
        'author', CASE m.role WHEN 'lead' THEN '楼组长' ELSE '居委会' END,
        'pinned', coalesce(p_pinned, 0), 'publish_at', hub_now_s(),
        'expires_at', p_expires_at));
    PERFORM staff_log(m, 'notice.publish', format('notice %s building %s', h, b.code), '',
                      p_title);
    RETURN h;
END $$;

-- The hub's owner adds a member: a login role with the password (SCRAM), in
-- yanxia_staff, at most 5 connections. p_scope: a building for a lead, an area for
-- committee, NULL for admin. Needs CREATEROLE.
CREATE FUNCTION hub_add_staff(p_login text, p_password text, p_role text, p_scope text)
RETURNS text
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE sid int; r text := 'yanxia_staff_' || lower(regexp_replace(p_login, '[^A-Za-z0-9_]', '_', 'g'));
BEGIN
    IF p_role IN ('lead', 'committee') THEN
        SELECT id INTO sid FROM scopes
         WHERE code = p_scope AND kind = CASE p_role WHEN 'lead' THEN 'building' ELSE 'area' END;
        IF sid IS NULL THEN
            RAISE EXCEPTION 'a % needs an existing % scope, not "%"', p_role,
                CASE p_role WHEN 'lead' THEN 'building' ELSE 'area' END, p_scope
                USING ERRCODE = '22023';
        END IF;
    ELSIF p_role <> 'admin' OR p_scope IS NOT NULL THEN
        RAISE EXCEPTION 'role must be lead, committee or admin (admin without a scope)'
            USING ERRCODE = '22023';
    END IF;
    IF length(coalesce(p_password, '')) < 8 THEN
        RAISE EXCEPTION '密码至少要8个字符' USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
        RAISE EXCEPTION 'role % exists already', r USING ERRCODE = '42710';
    END IF;
    INSERT INTO staff_members (role_name, login, role, scope_id) VALUES (r, p_login, p_role, sid);
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE yanxia_staff CONNECTION LIMIT 5',
                   r, p_password);
    EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', r, '30s');
    INSERT INTO staff_audit (login, action, target, after)
    VALUES ('hub owner ' || session_user, 'staff.add', p_login,
            p_role || ' ' || coalesce(p_scope, ''));
    RETURN r;
END $$;

REVOKE ALL ON TABLE staff_members, staff_audit FROM PUBLIC;
REVOKE ALL ON FUNCTION calling_staff(), staff_covers(staff_members, int),
    staff_log(staff_members, text, text, text, text), staff_audit_frozen(),
    hub_add_staff(text, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION staff_me(), staff_buildings(), staff_kiosks(), staff_todo(bigint),
    staff_publish_notice(text, text, text, text, int, bigint) FROM PUBLIC;
GRANT USAGE ON SCHEMA yanxia_hub TO yanxia_staff;
GRANT EXECUTE ON FUNCTION staff_me(), staff_buildings(), staff_kiosks(), staff_todo(bigint),
    staff_publish_notice(text, text, text, text, int, bigint) TO yanxia_staff;

-- Residents' wishes, suggestions or questions from the kiosks of the caller's scope,
-- newest first, with the state staff decided (or the first state when undecided).
CREATE FUNCTION staff_submissions(p_subject text, p_open_only boolean DEFAULT false,
                                  p_limit int DEFAULT 30, p_offset int DEFAULT 0)
RETURNS TABLE (uuid uuid, receipt text, kiosk text, building text, body text, room text,
               state text, reply text, created_at bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT s.uuid, coalesce(s.payload ->> 'receipt', ''), k.name, b.code,
           coalesce(s.payload ->> 'text', ''), coalesce(s.payload ->> 'room', ''),
           coalesce(v.state, CASE p_subject WHEN 'wish' THEN 'review'
                                            WHEN 'suggestion' THEN 'new' ELSE 'unanswered' END),
           coalesce(nullif(v.reply, ''), v.answer, ''),
           coalesce(json_bigint(s.payload ->> 'created_at'), 0)
      FROM submissions s JOIN kiosks k ON k.id = s.kiosk_id JOIN scopes b ON b.id = k.building_id
      LEFT JOIN verdicts v ON v.uuid = s.uuid
     WHERE s.kind = p_subject AND staff_covers(m, k.building_id)
       AND NOT coalesce(v.withdrawn, false)
       AND (NOT p_open_only OR coalesce(v.state, 'waiting')
                               IN ('waiting', 'review', 'claimed', 'new', 'seen'))
     ORDER BY s.hub_order DESC
     LIMIT least(greatest(p_limit, 1), 200) OFFSET greatest(p_offset, 0);
END $$;

-- One moderation step (hub_moderate) on a submission from the caller's scope, named by
-- its uuid; audited. A submission outside the scope is refused in the same words as a
-- missing one.
CREATE FUNCTION staff_moderate(p_uuid uuid, p_subject text, p_action text, p_text text DEFAULT NULL,
                               p_by text DEFAULT NULL, p_public boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); s submissions; bid int; st text;
BEGIN
    SELECT x.* INTO s FROM submissions x WHERE x.uuid = p_uuid AND x.kind = p_subject;
    SELECT k.building_id INTO bid FROM kiosks k WHERE k.id = s.kiosk_id;
    IF s.uuid IS NULL OR NOT staff_covers(m, bid) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no % % in %''s scope)', p_subject, p_uuid,
            m.login USING ERRCODE = 'P0002';
    END IF;
    st := hub_moderate(p_uuid::text, p_subject, p_action, p_text, p_by, p_public);
    PERFORM staff_log(m, p_subject || '.' || lower(p_action),
                      format('%s %s (%s)', p_subject, s.payload ->> 'receipt', p_uuid), '',
                      st || coalesce(': ' || left(p_text, 200), ''));
    RETURN st;
END $$;

REVOKE ALL ON FUNCTION staff_submissions(text, boolean, int, int),
    staff_moderate(uuid, text, text, text, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_submissions(text, boolean, int, int),
    staff_moderate(uuid, text, text, text, text, boolean) TO yanxia_staff;

-- The live notices of the buildings (and areas) in the caller's scope, newest first.
CREATE FUNCTION staff_notices(p_limit int DEFAULT 30, p_offset int DEFAULT 0)
RETURNS TABLE (hub_id bigint, scope_code text, scope_name text, category text, title text,
               body text, pinned int, publish_at bigint, expires_at bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT n.hub_id, s.code, s.name, n.category, n.title, n.body, n.pinned, n.publish_at,
           coalesce(n.expires_at, 0)
      FROM notices n JOIN scopes s ON s.id = n.scope_id
     WHERE NOT n.deleted AND staff_covers(m, n.scope_id)
     ORDER BY n.publish_at DESC, n.hub_id DESC
     LIMIT least(greatest(p_limit, 1), 200) OFFSET greatest(p_offset, 0);
END $$;

-- Takes a notice of the caller's scope off its kiosks (they drop it at their next pull).
CREATE FUNCTION staff_withdraw_notice(p_hub_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); n notices;
BEGIN
    SELECT * INTO n FROM notices WHERE hub_id = p_hub_id AND NOT deleted;
    IF NOT FOUND OR NOT staff_covers(m, n.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no notice % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    PERFORM hub_unpublish('notice', p_hub_id);
    PERFORM staff_log(m, 'notice.withdraw', format('notice %s', p_hub_id), n.title, '');
END $$;

REVOKE ALL ON FUNCTION staff_notices(int, int), staff_withdraw_notice(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_notices(int, int), staff_withdraw_notice(bigint) TO yanxia_staff;

-- Accounts for an administrator on the hub (the console's 账号 page over the hub): the
-- hub's staff members, adding one, disabling one and setting a new password, each in
-- the audit log under the administrator's login, in the same transaction. Anyone else
-- is refused. A member is a PostgreSQL login role (008's hub_add_staff makes the same);
-- the password reaches the hub only as a SCRAM-SHA-256 verifier, computed by the
-- console (libpq's PQencryptPasswordConn) after it checked the password by the staff
-- library's rules: the clear text never crosses to the server or into its logs.
-- Creating roles needs the hub owner's CREATEROLE, as hub_add_staff does.
SET search_path = yanxia_hub, pg_temp;

-- The calling member if an administrator, else an error.
CREATE FUNCTION calling_admin() RETURNS staff_members
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    IF m.role <> 'admin' THEN
        RAISE EXCEPTION '只有管理员可以管理账号 (% is not an administrator)', m.login
            USING ERRCODE = '42501';
    END IF;
    RETURN m;
END $$;

CREATE FUNCTION checked_verifier(p text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
BEGIN
    IF coalesce(p, '') !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION '密码没有按要求加密，没有保存 (not a SCRAM-SHA-256 verifier)'
            USING ERRCODE = '22023';
    END IF;
    RETURN p;
END $$;

-- Every staff member of the hub, by login.
CREATE FUNCTION staff_accounts()
RETURNS TABLE (login text, role text, scope_code text, scope_name text, disabled boolean,
               created_at bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_admin();
BEGIN
    RETURN QUERY
    SELECT x.login, x.role, coalesce(s.code, ''), coalesce(s.name, ''), x.disabled,
           extract(epoch FROM x.created_at)::bigint
      FROM staff_members x LEFT JOIN scopes s ON s.id = x.scope_id
     ORDER BY lower(x.login);
END $$;

-- Adds a member with a password verifier: a lead needs a building, a committee worker
-- an area, an administrator no scope. Returns the member's role name.
CREATE FUNCTION staff_add_account(p_login text, p_verifier text, p_role text, p_scope text)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_admin(); sid int; v text := checked_verifier(p_verifier);
        r text := 'yanxia_staff_' || lower(regexp_replace(coalesce(p_login, ''), '[^A-Za-z0-9_]', '_', 'g'));
BEGIN
    IF coalesce(p_login, '') !~ '^[A-Za-z0-9._-]{2,32}$' THEN
        RAISE EXCEPTION '账号名要2到32个字母、数字或 . _ - (login "%")', p_login
            USING ERRCODE = '22023';
    END IF;
    IF p_role IN ('lead', 'committee') THEN
        SELECT id INTO sid FROM scopes
         WHERE code = btrim(p_scope) AND kind = CASE p_role WHEN 'lead' THEN 'building' ELSE 'area' END;
        IF sid IS NULL THEN
            RAISE EXCEPTION '%要填一个已有的%代码 (a % needs an existing % scope, not "%")',
                CASE p_role WHEN 'lead' THEN '楼组长' ELSE '居委会工作人员' END,
                CASE p_role WHEN 'lead' THEN '楼栋' ELSE '片区' END, p_role,
                CASE p_role WHEN 'lead' THEN 'building' ELSE 'area' END, p_scope
                USING ERRCODE = '22023';
        END IF;
    ELSIF p_role IS DISTINCT FROM 'admin' THEN
        RAISE EXCEPTION '角色只能是楼组长、居委会或管理员 (role "%")', p_role USING ERRCODE = '22023';
    ELSIF coalesce(btrim(p_scope), '') <> '' THEN
        RAISE EXCEPTION '管理员不分范围，请把范围留空 (admin with scope "%")', p_scope
            USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM staff_members WHERE lower(login) = lower(p_login) OR role_name = r)
       OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
        RAISE EXCEPTION '账号 % 已经有了 (role % exists already)', p_login, r
            USING ERRCODE = '42710';
    END IF;
    INSERT INTO staff_members (role_name, login, role, scope_id) VALUES (r, p_login, p_role, sid);
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE yanxia_staff CONNECTION LIMIT 5',
                   r, v);
    EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', r, '30s');
    PERFORM staff_log(m, 'staff.add', p_login, '',
                      p_role || coalesce(' ' || nullif(btrim(p_scope), ''), ''));
    RETURN r;
END $$;

-- The member named p_login, or "没有这个账号" (42704).
CREATE FUNCTION staff_member_named(p_login text) RETURNS staff_members
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE x staff_members;
BEGIN
    SELECT * INTO x FROM staff_members WHERE lower(login) = lower(p_login);
    IF NOT FOUND THEN
        RAISE EXCEPTION '没有这个账号 (no staff member "%")', p_login USING ERRCODE = '42704';
    END IF;
    RETURN x;
END $$;

-- Disables a member: their role may no longer log in, and every staff function refuses
-- a connection they still hold (calling_staff). Not oneself.
CREATE FUNCTION staff_disable_account(p_login text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_admin(); x staff_members := staff_member_named(p_login);
BEGIN
    IF x.role_name = m.role_name THEN
        RAISE EXCEPTION '不能停用自己的账号 (% disabling themselves)', m.login
            USING ERRCODE = '42501';
    END IF;
    IF x.disabled THEN
        RAISE EXCEPTION '这个账号已经停用了 (% is disabled already)', x.login
            USING ERRCODE = '55000';
    END IF;
    UPDATE staff_members SET disabled = true WHERE role_name = x.role_name;
    EXECUTE format('ALTER ROLE %I NOLOGIN', x.role_name);
    PERFORM staff_log(m, 'staff.disable', x.login, 'enabled', 'disabled');
END $$;

-- Sets a member's password (a verifier, as above); the audit line has no password.
CREATE FUNCTION staff_set_password(p_login text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_admin(); x staff_members := staff_member_named(p_login);
        v text := checked_verifier(p_verifier);
BEGIN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', x.role_name, v);
    PERFORM staff_log(m, 'staff.passwd', x.login, '', 'password set');
END $$;

REVOKE ALL ON FUNCTION calling_admin(), checked_verifier(text), staff_member_named(text),
    staff_accounts(), staff_add_account(text, text, text, text), staff_disable_account(text),
    staff_set_password(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_accounts(), staff_add_account(text, text, text, text),
    staff_disable_account(text), staff_set_password(text, text) TO yanxia_staff;

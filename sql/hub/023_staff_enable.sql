-- A disabled staff member enabled again by an administrator: their role may log in
-- with the password it had, and the staff functions take their connection again.
SET search_path = yanxia_hub, pg_temp;

CREATE FUNCTION staff_enable_account(p_login text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_admin(); x staff_members := staff_member_named(p_login);
BEGIN
    IF NOT x.disabled THEN
        RAISE EXCEPTION '这个账号没有停用 (% is not disabled)', x.login USING ERRCODE = '55000';
    END IF;
    UPDATE staff_members SET disabled = false WHERE role_name = x.role_name;
    EXECUTE format('ALTER ROLE %I LOGIN', x.role_name);
    PERFORM staff_log(m, 'staff.enable', x.login, 'disabled', 'enabled');
END $$;

REVOKE ALL ON FUNCTION staff_enable_account(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_enable_account(text) TO yanxia_staff;

-- The staff audit log for staff on the hub (the console's 操作日志 page). An
-- administrator reads every line; a committee worker or a 楼组长 the lines of the members
-- whose scope lies within their own (their own included). Read only: the log has no
-- function that changes it, and 008_staff.sql's triggers refuse UPDATE and DELETE.
SET search_path = yanxia_hub, pg_temp;

CREATE FUNCTION staff_audit_list(p_limit int DEFAULT 200, p_offset int DEFAULT 0)
RETURNS TABLE (id bigint, at bigint, login text, action text, target text, before text,
               after text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff();
BEGIN
    RETURN QUERY
    SELECT a.id, extract(epoch FROM a.at)::bigint, a.login, a.action, a.target, a.before,
           a.after
      FROM staff_audit a LEFT JOIN staff_members w ON w.login = a.login
     WHERE m.role = 'admin' OR a.login = m.login
        OR (w.scope_id IS NOT NULL AND staff_covers(m, w.scope_id))
     ORDER BY a.id DESC
     LIMIT least(greatest(p_limit, 1), 500) OFFSET greatest(p_offset, 0);
END $$;

REVOKE ALL ON FUNCTION staff_audit_list(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_audit_list(int, int) TO yanxia_staff;

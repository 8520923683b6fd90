-- A kiosk session held to its role's bounds even when it sets them away. The bounds of
-- 007_kiosk_trust.sql (a minute per statement, thirty seconds idle in a transaction) are
-- the role's defaults, and statement_timeout and idle_in_transaction_session_timeout
-- are settings any session may change (PostgreSQL has no per-role lock on them): a
-- stranger with a kiosk's credential could `SET statement_timeout = 0` and run a query
-- for hours on one of its three connections. hub_guard() ends every kiosk backend past
-- the bounds; `yanxiactl hub guard --every 10` (the yanxia-hub-guard service) runs it.
-- A kiosk role also loses TEMP: a temporary table is disk the hub never meant to lend.
SET search_path = yanxia_hub, pg_temp;

-- Ends the kiosk backends whose statement has run longer than p_statement_s seconds, or
-- that have sat idle in a transaction longer than p_idle_s, and says which. Ending
-- another role's backend takes pg_signal_backend (or a superuser): `hub init` grants it
-- to the hub's owner where it can.
CREATE FUNCTION hub_guard(p_statement_s int DEFAULT 60, p_idle_s int DEFAULT 30)
RETURNS TABLE (kiosk text, pid int, state text, seconds bigint, ended boolean)
LANGUAGE sql VOLATILE SET search_path = yanxia_hub, pg_temp AS $$
    SELECT k.name, a.pid, a.state, x.seconds, pg_terminate_backend(a.pid)
      FROM pg_stat_activity a
      JOIN kiosks k ON k.role_name = a.usename
     CROSS JOIN LATERAL (SELECT extract(epoch FROM clock_timestamp()
               - CASE WHEN a.state = 'active' THEN a.query_start ELSE a.state_change END)::bigint
               AS seconds) x
     WHERE a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'
       AND ((a.state = 'active' AND x.seconds > greatest(p_statement_s, 1))
            OR (a.state LIKE 'idle in transaction%' AND x.seconds > greatest(p_idle_s, 1)))
$$;

REVOKE ALL ON FUNCTION hub_guard(int, int) FROM PUBLIC;

DO $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), current_user);
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'only the database''s owner can take TEMP from kiosk roles: run hub init as its owner';
END $$;

DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'pg_signal_backend', 'USAGE') THEN
        EXECUTE format('GRANT pg_signal_backend TO %I', current_user);
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'hub_guard cannot end kiosk sessions: GRANT pg_signal_backend TO %', current_user;
END $$;

-- A consultation withdrawn by staff on the hub (the console's 撤下 on a poll, `yanxiactl
-- rm poll --as`): a poll of the caller's scope called off or put wrongly is tombstoned
-- like the owner's `rm poll`, so it goes down the change log and leaves the kiosks at
-- their next pull; its votes stay on the hub for the export. Audited in the same
-- transaction. A poll outside the scope (one of another building, or of a whole area
-- for a building's lead) reads as missing (P0002), as everywhere.
SET search_path = yanxia_hub, pg_temp;

CREATE FUNCTION staff_withdraw_poll(p_hub_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); p polls;
BEGIN
    PERFORM lock_changes(); -- the hub's one lock order: the counter before the poll
    SELECT * INTO p FROM polls x WHERE x.hub_id = p_hub_id AND NOT x.deleted FOR UPDATE;
    IF NOT FOUND OR NOT staff_covers(m, p.scope_id) THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no poll % in %''s scope)', p_hub_id,
            m.login USING ERRCODE = 'P0002';
    END IF;
    PERFORM hub_unpublish('poll', p_hub_id);
    PERFORM staff_log(m, 'poll.withdraw',
                      format('poll %s building %s', p_hub_id,
                             (SELECT s.code FROM scopes s WHERE s.id = p.scope_id)),
                      p.question, '');
END $$;

REVOKE ALL ON FUNCTION staff_withdraw_poll(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_withdraw_poll(bigint) TO yanxia_staff;

-- Yanxia hub, migration 9: fleet status. A kiosk's heartbeat also carries how long the
-- kiosk has run (uptime_s), how often it restarted since the machine booted, its
-- resident memory (rss), whether its screen sleeps (night) and its last error line (a
-- log line: never a resident's phone number or text; the hub keeps at most 200
-- characters of it, and masks a phone number that slipped in, as the kiosk does). The hub keeps the last heartbeat_history heartbeats of every kiosk
-- (fleet_settings, default 100) besides the current row, older ones pruned as new ones
-- come.
-- Heartbeat times now follow hub_now() (006_clock.sql): whether a kiosk is silent is
-- judged on the hub's clock (staff_todo, `yanxiactl hub status`), so the time it last
-- spoke must be on the same clock; unpinned, hub_now() is now().
SET search_path = yanxia_hub, pg_temp;

ALTER TABLE heartbeats
    ADD COLUMN uptime_s   bigint,  -- NULL: not reported (an older kiosk, or yanxiactl sync)
    ADD COLUMN restarts   int,
    ADD COLUMN rss        bigint,  -- bytes
    ADD COLUMN night      boolean,
    ADD COLUMN last_error text;

CREATE TABLE heartbeat_history (
    id         bigserial PRIMARY KEY,
    kiosk_id   int NOT NULL REFERENCES kiosks(id),
    at         timestamptz NOT NULL,
    version    text NOT NULL DEFAULT '',
    last_sync  bigint NOT NULL DEFAULT 0,
    queue      bigint NOT NULL DEFAULT 0,
    free_disk  bigint NOT NULL DEFAULT 0,
    cursor     bigint NOT NULL DEFAULT 0,
    uptime_s   bigint,
    restarts   int,
    rss        bigint,
    night      boolean,
    last_error text
);
CREATE INDEX heartbeat_history_kiosk ON heartbeat_history (kiosk_id, id);

-- The hub's owner may change a setting with UPDATE; kiosks and staff cannot read it.
CREATE TABLE fleet_settings (
    name  text PRIMARY KEY,
    value int NOT NULL CHECK (value > 0)
);
INSERT INTO fleet_settings (name, value) VALUES
    ('heartbeat_history', 100); -- heartbeats kept per kiosk in heartbeat_history

-- Drops all but the newest p_keep (default: the setting) history rows of kiosk p_kiosk.
-- Returns how many went. Run by every heartbeat; the owner may call it directly.
CREATE FUNCTION heartbeat_prune(p_kiosk int, p_keep int DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    keep int := coalesce(p_keep, (SELECT value FROM fleet_settings
                                   WHERE name = 'heartbeat_history'), 100);
    cut bigint;
    n bigint;
BEGIN
    SELECT id INTO cut FROM heartbeat_history WHERE kiosk_id = p_kiosk
     ORDER BY id DESC OFFSET greatest(keep, 1) LIMIT 1;
    IF cut IS NULL THEN
        RETURN 0;
    END IF;
    DELETE FROM heartbeat_history WHERE kiosk_id = p_kiosk AND id <= cut;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;

-- The heartbeat, old and new: an older kiosk's five arguments still work (the fleet
-- facts are then NULL, "not reported"). Nothing is taken on the kiosk's word: negative
-- figures become NULL, the error line loses its control characters and its runs of 7 or
-- more digits (single spaces or hyphens between them allowed: 138 1234 5678) become one
-- '#', as core/log.c does on the kiosk, and is cut to 200 characters; the version is cut
-- to 40.
DROP FUNCTION kiosk_heartbeat(text, bigint, bigint, bigint, bigint);
CREATE FUNCTION kiosk_heartbeat(p_version text, p_last_sync bigint, p_queue bigint,
                                p_free_disk bigint, p_cursor bigint,
                                p_uptime_s bigint DEFAULT NULL, p_restarts int DEFAULT NULL,
                                p_rss bigint DEFAULT NULL, p_night boolean DEFAULT NULL,
                                p_last_error text DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    k kiosks := calling_kiosk();
    t timestamptz := hub_now();
    v text := left(coalesce(p_version, ''), 40);
    up bigint := CASE WHEN p_uptime_s >= 0 THEN p_uptime_s END;
    rs int := CASE WHEN p_restarts >= 0 THEN p_restarts END;
    mem bigint := CASE WHEN p_rss >= 0 THEN p_rss END;
    e text := left(regexp_replace(regexp_replace(p_last_error, '[[:cntrl:]]+', ' ', 'g'),
                                  '[0-9]([ -]?[0-9]){6,}', '#', 'g'), 200);
BEGIN
    INSERT INTO heartbeats (kiosk_id, at, version, last_sync, queue, free_disk, cursor,
                            uptime_s, restarts, rss, night, last_error)
    VALUES (k.id, t, v, p_last_sync, p_queue, p_free_disk, p_cursor, up, rs, mem, p_night, e)
    ON CONFLICT (kiosk_id) DO UPDATE SET at = excluded.at, version = excluded.version,
        last_sync = excluded.last_sync, queue = excluded.queue,
        free_disk = excluded.free_disk, cursor = excluded.cursor,
        uptime_s = excluded.uptime_s, restarts = excluded.restarts, rss = excluded.rss,
        night = excluded.night, last_error = excluded.last_error;
    INSERT INTO heartbeat_history (kiosk_id, at, version, last_sync, queue, free_disk, cursor,
                                   uptime_s, restarts, rss, night, last_error)
    VALUES (k.id, t, v, coalesce(p_last_sync, 0), coalesce(p_queue, 0),
            coalesce(p_free_disk, 0), coalesce(p_cursor, 0), up, rs, mem, p_night, e);
    PERFORM heartbeat_prune(k.id);
END $$;

-- staff_kiosks() with the fleet facts and whether the kiosk is silent: no heartbeat for
-- more than p_silent_s seconds by the hub's clock, or never (the rule of staff_todo, so
-- the console's 待办 tile and its kiosks page agree). New columns at the end; the scope
-- check as in 008_staff.sql. Its arguments and result change, so it is dropped and made
-- again.
DROP FUNCTION staff_kiosks();
CREATE FUNCTION staff_kiosks(p_silent_s bigint DEFAULT 900)
RETURNS TABLE (name text, building text, seen_at bigint, version text, queue bigint,
               free_disk bigint, uptime_s bigint, restarts int, rss bigint, night boolean,
               last_error text, silent boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
    SELECT k.name, b.code, coalesce(extract(epoch FROM h.at)::bigint, 0),
           coalesce(h.version, ''), coalesce(h.queue, 0), coalesce(h.free_disk, 0),
           h.uptime_s, h.restarts, h.rss, h.night, coalesce(h.last_error, ''),
           h.at IS NULL OR h.at < hub_now() - make_interval(secs => p_silent_s)
      FROM kiosks k JOIN scopes b ON b.id = k.building_id
      LEFT JOIN heartbeats h ON h.kiosk_id = k.id
     WHERE staff_covers(calling_staff(), k.building_id)
     ORDER BY b.code, k.name
$$;

REVOKE ALL ON TABLE heartbeat_history, fleet_settings FROM PUBLIC;
REVOKE ALL ON SEQUENCE heartbeat_history_id_seq FROM PUBLIC;
REVOKE ALL ON FUNCTION heartbeat_prune(int, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION kiosk_heartbeat(text, bigint, bigint, bigint, bigint, bigint, int, bigint,
                                       boolean, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION staff_kiosks(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kiosk_heartbeat(text, bigint, bigint, bigint, bigint, bigint, int,
                                          bigint, boolean, text) TO yanxia_kiosk;
GRANT EXECUTE ON FUNCTION staff_kiosks(bigint) TO yanxia_staff;

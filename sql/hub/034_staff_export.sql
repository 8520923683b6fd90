-- Residents' submissions exported by a staff member, each export audited in the same
-- transaction: sign-up lists and suggestions hold residents' rooms and phones, and the
-- votes of a consultation say how each household voted, so the log says who took which
-- rows out, when, and how many. staff_export is `yanxiactl export KIND --csv --hub --as
-- LOGIN`: the rows the owner's export reads (src/sync/hub_admin.c's
-- hub_admin_submissions), but only from the kiosks of the caller's scope. The console's
-- downloads of one activity's sign-up list (CSV, .xlsx) and of one poll's votes read
-- staff_export_signups and staff_export_poll_votes: the rows its pages show (014, 017,
-- 012), with the audit line the pages (phones masked, no download) do not write.
SET search_path = yanxia_hub, pg_temp;

-- The submissions of p_kind (signup, vote, suggestion, wish, question) pushed by the
-- kiosks of the caller's scope, or of p_scope within it (a building, or an area: its
-- buildings; NULL: the whole scope), in the hub's order of arrival. Each row: kiosk,
-- building code, received_at (Unix seconds), the hub's decision (as the owner's export:
-- a sign-up's place or the kiosk's status; a wish's, suggestion's or question's
-- moderation state, withdrawn, or the first state before any; votes: null) and the whole
-- payload. A scope that does not exist and one outside the caller's are refused in the
-- same words (42501), so scope is not probed; nothing is audited then. An export of no
-- rows is audited too (someone looked).
CREATE FUNCTION staff_export(p_kind text, p_scope text DEFAULT NULL)
RETURNS TABLE (kiosk text, building text, received_at bigint, decision text, payload jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); sc scopes; mine text; n bigint;
BEGIN
    IF p_kind IS NULL OR p_kind NOT IN ('signup', 'vote', 'suggestion', 'wish', 'question') THEN
        RAISE EXCEPTION '不能导出这种记录 (kind %)', p_kind USING ERRCODE = '22023';
    END IF;
    IF p_scope IS NOT NULL THEN
        SELECT * INTO sc FROM scopes WHERE code = p_scope;
        IF NOT FOUND OR NOT staff_covers(m, sc.id) THEN
            RAISE EXCEPTION '不能导出 % 的记录，它不在你的管理范围里 (not a scope within %''s)',
                p_scope, m.login USING ERRCODE = '42501';
        END IF;
    END IF;
    RETURN QUERY
    SELECT k.name, b.code, extract(epoch FROM s.received_at)::bigint,
           CASE WHEN s.kind = 'signup' THEN coalesce(d.status, s.payload ->> 'kiosk_status')
                WHEN s.kind IN ('wish', 'suggestion', 'question') THEN
                    CASE WHEN v.withdrawn THEN 'withdrawn'
                         ELSE coalesce(v.state, CASE s.kind WHEN 'wish' THEN 'review'
                                                            WHEN 'suggestion' THEN 'new'
                                                            ELSE 'unanswered' END) END END,
           s.payload
      FROM submissions s JOIN kiosks k ON k.id = s.kiosk_id
      JOIN scopes b ON b.id = k.building_id
      LEFT JOIN signup_decisions d ON d.signup_uuid = s.uuid
      LEFT JOIN verdicts v ON v.uuid = s.uuid
     WHERE s.kind = p_kind AND staff_covers(m, k.building_id)
       AND (sc.id IS NULL OR sc.id = ANY (scope_chain(k.building_id)))
     ORDER BY s.hub_order;
    GET DIAGNOSTICS n = ROW_COUNT;
    SELECT code INTO mine FROM scopes WHERE id = m.scope_id;
    PERFORM staff_log(m, p_kind || '.export',
                      format('%s of %s', p_kind, coalesce(sc.code, mine, 'every building')), '',
                      format('%s rows', n));
END $$;

-- staff_signups (017) of activity p_activity of the caller's scope, for a download, with
-- the line "signup.export activity N: R rows" in the audit log. An activity outside the
-- scope reads as missing (P0002), unaudited.
CREATE FUNCTION staff_export_signups(p_activity bigint)
RETURNS TABLE (title text, building text, kiosk text, room text, name text, phone text,
               party_size int, status text, receipt text, created_at bigint, uuid uuid)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); n bigint;
BEGIN
    RETURN QUERY SELECT * FROM staff_signups(p_activity);
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM staff_log(m, 'signup.export', format('activity %s', p_activity), '',
                      format('%s rows', n));
END $$;

-- staff_poll_votes (012) of poll p_hub_id of the caller's scope, for a download, with the
-- line "vote.export poll N: R rows" in the audit log; a poll outside the scope reads as
-- missing (P0002), unaudited.
CREATE FUNCTION staff_export_poll_votes(p_hub_id bigint)
RETURNS TABLE (question text, building text, room text, option_label text, receipt text,
               kiosk text, created_at bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); n bigint;
BEGIN
    RETURN QUERY SELECT * FROM staff_poll_votes(p_hub_id);
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM staff_log(m, 'vote.export', format('poll %s', p_hub_id), '', format('%s rows', n));
END $$;

-- True when the hub holds file p_sha256 whole (every chunk, the sizes adding up), so a
-- staff member's batch (`yanxiactl import --as`) need not send it again: the files go up
-- first, each in its own transaction, and the batch that publishes them holds the hub's
-- publishing lock (the change counter) only for its statements, not for the uploads, as
-- the owner's import does. staff_publish_photo still checks the file's SHA-256.
CREATE FUNCTION staff_photo_whole(p_sha256 text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); bl photo_blobs; n bigint; sum bigint;
BEGIN
    SELECT * INTO bl FROM photo_blobs WHERE sha256 = p_sha256;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    SELECT count(*), coalesce(sum(length(data)), 0) INTO n, sum
      FROM photo_chunks WHERE sha256 = p_sha256;
    RETURN sum = bl.bytes AND n = (bl.bytes + 262143) / 262144;
END $$;

-- A content folder a member published to building p_building (`yanxiactl import --as`):
-- the audit line "folder.import" with the folder's fingerprint (the SHA-256 of its files)
-- and how many items it held, written inside the import's own transaction, so the line is
-- there exactly when the folder's items are. The staff functions that publish the items
-- know no file paths; this line is how the same folder imported again is recognised.
CREATE FUNCTION staff_folder_imported(p_building text, p_fingerprint text, p_items int)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes := staff_building(m, p_building);
BEGIN
    IF coalesce(p_fingerprint, '') !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION '文件夹的指纹不对 (fingerprint %)', p_fingerprint USING ERRCODE = '22023';
    END IF;
    PERFORM staff_log(m, 'folder.import', format('folder %s building %s', p_fingerprint, b.code),
                      '', format('%s items', coalesce(p_items, 0)));
END $$;

CREATE INDEX staff_audit_folder ON staff_audit (target) WHERE action = 'folder.import';

-- Who last published folder p_fingerprint to building p_building of the caller's scope,
-- and when (Unix seconds); no row when nobody has.
CREATE FUNCTION staff_folder_import_seen(p_building text, p_fingerprint text)
RETURNS TABLE (login text, at bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes := staff_building(m, p_building);
BEGIN
    RETURN QUERY
    SELECT a.login, extract(epoch FROM a.at)::bigint FROM staff_audit a
     WHERE a.action = 'folder.import'
       AND a.target = format('folder %s building %s', p_fingerprint, b.code)
     ORDER BY a.id DESC LIMIT 1;
END $$;

REVOKE ALL ON FUNCTION staff_export(text, text), staff_export_signups(bigint),
    staff_export_poll_votes(bigint), staff_photo_whole(text),
    staff_folder_imported(text, text, int), staff_folder_import_seen(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_export(text, text), staff_export_signups(bigint),
    staff_export_poll_votes(bigint), staff_photo_whole(text),
    staff_folder_imported(text, text, int), staff_folder_import_seen(text, text) TO yanxia_staff;

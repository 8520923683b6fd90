-- Yanxia hub, migration 6: the hub's clock. Every time the hub gives a row as a fact for
-- residents (a notice's publish time, a poll's opening, when staff answered, when a
-- wish was claimed) comes from hub_now(): the transaction's now(), unless the hub's
-- owner pinned the clock with hub_pin_clock(), as YANXIA_NOW pins a kiosk's. Tests pin
-- both to one instant, so a test that passes today passes next year; demos pin them to
-- show a chosen day. Bookkeeping times (updated_at, committed_at, heartbeats) stay on
-- the real clock. Kiosk roles can neither read nor move the pin.
SET search_path = yanxia_hub, pg_temp;

CREATE TABLE clock_pin (
    one boolean PRIMARY KEY DEFAULT true CHECK (one), -- at most one row
    at  timestamptz NOT NULL
);

CREATE FUNCTION hub_now() RETURNS timestamptz
LANGUAGE sql STABLE SET search_path = yanxia_hub, pg_temp AS $$
    SELECT coalesce((SELECT at FROM clock_pin), now())
$$;

CREATE FUNCTION hub_now_s() RETURNS bigint
LANGUAGE sql STABLE SET search_path = yanxia_hub, pg_temp AS $$
    SELECT extract(epoch FROM hub_now())::bigint
$$;

-- Pins the hub's clock at p_at; NULL lets it run again. Staff only.
CREATE FUNCTION hub_pin_clock(p_at timestamptz) RETURNS void
LANGUAGE sql SET search_path = yanxia_hub, pg_temp AS $$
    DELETE FROM clock_pin;
    INSERT INTO clock_pin (at) SELECT p_at WHERE p_at IS NOT NULL;
$$;

ALTER TABLE notices ALTER COLUMN publish_at SET DEFAULT hub_now_s();
ALTER TABLE polls ALTER COLUMN opens_at SET DEFAULT hub_now_s();

-- The functions of migrations 4 and 5 that stamped residents' facts with now(), as they
-- were, reading hub_now_s() instead.

-- Staff moderation, with the kiosk store's state machine (src/store/wish.h,
-- suggestion.h, question.h):
--   wish: approve (review -> open), decline [p_text: note] (review -> declined),
--         fulfil (claimed -> fulfilled); open -> claimed only by a neighbour's claim;
--   suggestion: seen (new -> seen; seen again changes nothing), reply p_text (any ->
--         replied; a new reply replaces the old);
--   question: answer p_text [p_by] [p_public] (re-answering replaces);
--   any: withdraw (a public item leaves the other kiosks; final).
-- Returns the new state ('withdrawn' for withdraw). Errors: P0002 no such submission,
-- 21000 ambiguous receipt, 22023 unknown subject/action or empty text, 22001 text too
-- long, 55000 not allowed in the current state.
CREATE OR REPLACE FUNCTION hub_moderate(p_ref text, p_subject text, p_action text, p_text text DEFAULT NULL,
                             p_by text DEFAULT NULL, p_public boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    s submissions;
    v verdicts;
    cur text;
    want text; -- the state the action needs (NULL: any)
    ref text;
    now_s bigint := hub_now_s();
    act text := lower(btrim(coalesce(p_action, '')));
BEGIN
    IF p_subject IS NULL OR p_subject NOT IN ('wish', 'suggestion', 'question') THEN
        RAISE EXCEPTION '填写的内容不符合要求 (cannot moderate "%": wish, suggestion or question)',
            p_subject USING ERRCODE = '22023';
    END IF;
    PERFORM lock_changes(); -- before the submission's row: the hub's one lock order
    s := find_submission(p_ref, p_subject);
    ref := coalesce(s.payload ->> 'receipt', s.uuid::text);
    -- one decision at a time per submission (staff and the claims of kiosk_submit)
    PERFORM 1 FROM submissions WHERE uuid = s.uuid FOR NO KEY UPDATE;
    SELECT * INTO v FROM verdicts WHERE uuid = s.uuid;
    cur := coalesce(v.state, CASE p_subject WHEN 'wish' THEN 'review'
                                            WHEN 'suggestion' THEN 'new' ELSE 'unanswered' END);
    IF v.withdrawn THEN
        RAISE EXCEPTION '当前状态下不能这样操作 (% % was withdrawn)', p_subject, ref
            USING ERRCODE = '55000';
    END IF;
    IF act = 'withdraw' THEN
        IF v.hub_id IS NULL OR NOT verdict_is_public(v) THEN
            RAISE EXCEPTION '当前状态下不能这样操作 (% % is %, not public: nothing to withdraw)',
                p_subject, ref, cur USING ERRCODE = '55000';
        END IF;
        UPDATE verdicts SET withdrawn = true, updated_at = now() WHERE hub_id = v.hub_id
        RETURNING * INTO v;
        PERFORM publish_verdict(v);
        RETURN 'withdrawn';
    END IF;
    v.uuid := s.uuid;
    v.subject := p_subject;
    IF p_subject = 'wish' AND act = 'approve' THEN
        want := 'review'; v.state := 'open'; v.decided_at := now_s;
    ELSIF p_subject = 'wish' AND act = 'decline' THEN
        want := 'review'; v.state := 'declined'; v.decided_at := now_s;
        v.note := checked_text(p_text, 120, false, 'note');
    ELSIF p_subject = 'wish' AND act IN ('fulfil', 'fulfill') THEN
        want := 'claimed'; v.state := 'fulfilled';
    ELSIF p_subject = 'wish' AND act = 'claim' THEN
        RAISE EXCEPTION '当前状态下不能这样操作 (a wish is claimed by a neighbour at a kiosk,'
            ' not by staff)' USING ERRCODE = '55000';
    ELSIF p_subject = 'suggestion' AND act = 'seen' THEN
        IF cur = 'seen' THEN
            RETURN 'seen'; -- marking seen twice changes nothing
        END IF;
        want := 'new'; v.state := 'seen'; v.decided_at := now_s;
    ELSIF p_subject = 'suggestion' AND act = 'reply' THEN
        v.reply := checked_text(p_text, 2000, true, 'reply');
        v.state := 'replied'; v.replied_at := now_s; v.decided_at := now_s;
    ELSIF p_subject = 'question' AND act = 'answer' THEN
        v.answer := checked_text(p_text, 2000, true, 'answer');
        v.answered_by := checked_text(p_by, 20, false, 'answered_by');
        v.public := coalesce(p_public, false);
        v.state := 'answered'; v.answered_at := now_s; v.decided_at := now_s;
    ELSE
        RAISE EXCEPTION '填写的内容不符合要求 (a % is moderated with %, not "%")', p_subject,
            CASE p_subject WHEN 'wish' THEN 'approve, decline, fulfil or withdraw'
                           WHEN 'suggestion' THEN 'seen, reply or withdraw'
                           ELSE 'answer or withdraw' END, p_action USING ERRCODE = '22023';
    END IF;
    IF want IS NOT NULL AND cur <> want THEN
        RAISE EXCEPTION '当前状态下不能这样操作 (% % is %, not %)', p_subject, ref, cur, want
            USING ERRCODE = '55000';
    END IF;
    INSERT INTO verdicts AS x (uuid, subject, state, note, reply, replied_at, answer, answered_by,
                               answered_at, public, decided_at)
    VALUES (v.uuid, v.subject, v.state, coalesce(v.note, ''), coalesce(v.reply, ''), v.replied_at,
            coalesce(v.answer, ''), coalesce(v.answered_by, ''), v.answered_at,
            coalesce(v.public, false), v.decided_at)
    ON CONFLICT (uuid) DO UPDATE SET state = excluded.state, note = excluded.note,
        reply = excluded.reply, replied_at = excluded.replied_at, answer = excluded.answer,
        answered_by = excluded.answered_by, answered_at = excluded.answered_at,
        public = excluded.public, decided_at = excluded.decided_at, updated_at = now()
    RETURNING * INTO v;
    PERFORM publish_verdict(v);
    RETURN v.state;
END $$;

-- The first claim of an open wish that reaches the hub wins: the wish becomes claimed
-- (published to its building); any other claim gets a `decision` refused (published to
-- the claiming kiosk's building). A wish the hub never moderated was moderated on its
-- kiosk alone: that kiosk's own decision stands.
CREATE OR REPLACE FUNCTION decide_claim(s submissions) RETURNS void
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE wu uuid; v verdicts; d claim_decisions; b int;
BEGIN
    wu := json_uuid(s.payload ->> 'wish_uuid');
    IF wu IS NULL THEN
        RETURN; -- malformed: stored, not decided
    END IF;
    PERFORM lock_changes(); -- kiosk_submit holds it already; before the wish's row
    PERFORM 1 FROM submissions WHERE uuid = wu AND kind = 'wish' FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT * INTO v FROM verdicts WHERE uuid = wu;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF v.state = 'open' AND NOT v.withdrawn THEN
        UPDATE verdicts SET state = 'claimed', claim_uuid = s.uuid, updated_at = now(),
               claimed_at = coalesce(json_bigint(s.payload ->> 'created_at'),
                                     hub_now_s())
         WHERE hub_id = v.hub_id RETURNING * INTO v;
        PERFORM publish_verdict(v);
        RETURN;
    END IF;
    INSERT INTO claim_decisions (claim_uuid, wish_uuid, status) VALUES (s.uuid, wu, 'refused')
    ON CONFLICT (claim_uuid) DO NOTHING RETURNING * INTO d;
    IF d.hub_id IS NULL THEN
        RETURN;
    END IF;
    SELECT building_id INTO b FROM kiosks WHERE id = s.kiosk_id;
    PERFORM append_change(next_change_seq(), b, 'decision', d.hub_id, 'upsert',
        jsonb_build_object('uuid', s.uuid, 'subject', 'wish_claim', 'state', 'refused'));
END $$;

-- Publishes one imported row: the row of p_kind in scope p_scope whose source key is
-- p_key gets p_payload's fields (a new row when there is none; a tombstone comes back).
-- When the row is live and p_payload would change nothing, nothing is written and
-- nothing logged (o_changed false). An album of the same name published without a key
-- (`photo add --hub`) is taken over rather than doubled: kiosks keep album names
-- unique. Imports are serialised (a second waits for the first's commit), and so are
-- they with every other publisher: the change counter is taken first.
CREATE OR REPLACE FUNCTION hub_import_row(p_kind text, p_scope text, p_key text, p_payload jsonb)
RETURNS TABLE (o_hub_id bigint, o_changed boolean)
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    t text := content_table(p_kind);
    sid int;
    h bigint;
    dead boolean;
    same boolean;
    pl jsonb := p_payload || jsonb_build_object('source_key', p_key);
BEGIN
    SELECT id INTO sid FROM scopes WHERE code = p_scope;
    IF sid IS NULL THEN
        RAISE EXCEPTION 'unknown scope "%"', p_scope USING ERRCODE = '22023';
    END IF;
    IF p_key IS NULL OR p_key = '' THEN
        RAISE EXCEPTION 'an imported % needs its source key', p_kind USING ERRCODE = '22023';
    END IF;
    -- the hub's one lock order (004, lock_changes): the counter before any row; an
    -- import holds it to its end anyway once it has published a row
    PERFORM lock_changes();
    PERFORM pg_advisory_xact_lock(7269717, sid);
    EXECUTE format('SELECT hub_id, deleted FROM %I WHERE scope_id = $1 AND source_key = $2'
                   ' FOR UPDATE', t) INTO h, dead USING sid, p_key;
    IF h IS NULL AND p_kind = 'album' THEN
        SELECT a.hub_id, a.deleted INTO h, dead FROM albums a
         WHERE a.scope_id = sid AND a.name = p_payload ->> 'name' AND a.source_key IS NULL
           AND NOT a.deleted ORDER BY a.hub_id LIMIT 1 FOR UPDATE;
    END IF;
    -- said in words before the table's CHECK says it in SQL
    IF p_kind = 'poll' AND (p_payload ->> 'closes_at')::bigint <= coalesce(
           (p_payload ->> 'opens_at')::bigint, (SELECT opens_at FROM polls WHERE hub_id = h),
           hub_now_s()) THEN
        RAISE EXCEPTION 'poll closes before it opens' USING ERRCODE = '22023';
    END IF;
    IF h IS NOT NULL AND NOT dead THEN
        -- the row as it would be after the update, compared with the row as it is
        EXECUTE format('SELECT to_jsonb(jsonb_populate_record(x, $2)) = to_jsonb(x)'
                       ' FROM %I x WHERE hub_id = $1', t) INTO same USING h, pl;
        IF same AND p_kind = 'poll' AND p_payload ? 'options' THEN
            same := (SELECT coalesce(jsonb_agg(label ORDER BY sort), '[]'::jsonb)
                       FROM poll_options WHERE poll_hub_id = h) = p_payload -> 'options';
        END IF;
        IF same THEN
            RETURN QUERY SELECT h, false;
            RETURN;
        END IF;
    END IF;
    RETURN QUERY
        SELECT p.o_hub_id, true
          FROM hub_publish(p_kind, p_scope, pl, h) p;
END $$;

REVOKE ALL ON TABLE clock_pin FROM PUBLIC;
REVOKE ALL ON FUNCTION hub_now(), hub_now_s(), hub_pin_clock(timestamptz) FROM PUBLIC;

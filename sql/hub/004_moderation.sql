-- Yanxia hub, migration 4: the hub decides moderation (wishes, suggestions, questions)
-- and wish claims, and publishes what residents may see to every kiosk of the
-- submitting kiosk's building (.notes/verdicts.md is the contract). Every sign-up
-- decision now also publishes the activity's tally.
SET search_path = yanxia_hub, pg_temp;

-- One row per moderated submission (created by the first staff decision). Private
-- columns (note, a non-public answer, the claimer's name in the claim's payload) never
-- leave the hub; publish_verdict picks the public ones.
CREATE TABLE verdicts (
    hub_id      bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    uuid        uuid NOT NULL UNIQUE REFERENCES submissions(uuid),
    subject     text NOT NULL CHECK (subject IN ('wish', 'suggestion', 'question')),
    state       text NOT NULL,
    note        text NOT NULL DEFAULT '', -- why a wish was declined (staff only)
    reply       text NOT NULL DEFAULT '',
    replied_at  bigint,
    answer      text NOT NULL DEFAULT '',
    answered_by text NOT NULL DEFAULT '',
    answered_at bigint,
    public      boolean NOT NULL DEFAULT false,
    claim_uuid  uuid REFERENCES submissions(uuid),
    claimed_at  bigint,
    decided_at  bigint, -- Unix seconds of the last staff decision (wish: approve/decline)
    withdrawn   boolean NOT NULL DEFAULT false, -- taken off the kiosks by staff
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((subject = 'wish' AND state IN ('review', 'open', 'claimed', 'fulfilled', 'declined'))
        OR (subject = 'suggestion' AND state IN ('new', 'seen', 'replied'))
        OR (subject = 'question' AND state = 'answered'))
);

-- Claims that lost: another neighbour's claim reached the hub first (or the wish was no
-- longer open). The winner is verdicts.claim_uuid.
CREATE TABLE claim_decisions (
    hub_id     bigint PRIMARY KEY DEFAULT nextval('content_hub_id_seq'),
    claim_uuid uuid NOT NULL UNIQUE REFERENCES submissions(uuid),
    wish_uuid  uuid NOT NULL,
    status     text NOT NULL CHECK (status IN ('refused')),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Staff name a submission by its receipt code.
CREATE INDEX submissions_receipt ON submissions ((payload ->> 'receipt'));

-- Values from a kiosk's JSON, or NULL when they are not well formed: a cast that
-- raised would fail the kiosk's whole batch on every retry, and one bad row would
-- block its uploads for good. (plpgsql, so the cast is never folded at plan time.)
CREATE FUNCTION json_uuid(p text) RETURNS uuid
LANGUAGE plpgsql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
BEGIN
    IF p ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
        RETURN p::uuid;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION json_bigint(p text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
BEGIN
    IF p ~ '^-?[0-9]{1,18}$' THEN
        RETURN p::bigint;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION json_int(p text) RETURNS int
LANGUAGE plpgsql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
BEGIN
    IF p ~ '^-?[0-9]{1,9}$' THEN
        RETURN p::int;
    END IF;
    RETURN NULL;
END $$;

-- The one lock order of the hub: whatever publishes takes the change_counter row
-- FIRST, before any row it will decide on (an activity, a wish's submission, an
-- imported row). Publishers serialise on the counter anyway (next_change_seq); taking
-- it late, after another row lock, let two of them wait on each other (a deadlock).
-- Held until the caller's transaction ends; taking it again is free.
CREATE FUNCTION lock_changes() RETURNS void
LANGUAGE sql SET search_path = yanxia_hub, pg_temp AS $$
    SELECT 1 FROM change_counter WHERE id = 1 FOR UPDATE;
$$;

CREATE FUNCTION subject_label(p_subject text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
    SELECT CASE p_subject WHEN 'wish' THEN '微心愿' WHEN 'suggestion' THEN '意见建议'
                          WHEN 'question' THEN '健康问题' ELSE p_subject END
$$;

-- The submission of kind p_subject that p_ref names: its uuid, or its receipt code
-- (unique per kiosk only, so two kiosks' codes can collide: then the uuid is needed).
CREATE FUNCTION find_submission(p_ref text, p_subject text) RETURNS submissions
LANGUAGE plpgsql STABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE s submissions; n int; r text := upper(btrim(coalesce(p_ref, '')));
BEGIN
    IF r ~ '^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$' THEN
        SELECT * INTO s FROM submissions WHERE uuid = r::uuid AND kind = p_subject;
        IF NOT FOUND THEN
            RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no % % on the hub)', p_subject, r
                USING ERRCODE = 'P0002';
        END IF;
        RETURN s;
    END IF;
    SELECT count(*) INTO n FROM submissions WHERE payload ->> 'receipt' = r AND kind = p_subject;
    IF n = 0 THEN
        RAISE EXCEPTION '没有找到这一项，可能已被撤下 (no % with receipt "%" on the hub)',
            p_subject, r USING ERRCODE = 'P0002';
    ELSIF n > 1 THEN
        RAISE EXCEPTION '回执码 % 对应 % 条%，请改用 UUID (receipt % came from % kiosks: give'
            ' the uuid, listed by `yanxiactl export % --csv --hub`)', r, n,
            subject_label(p_subject), r, n,
            CASE p_subject WHEN 'wish' THEN 'wishes' ELSE p_subject || 's' END USING ERRCODE = '21000';
    END IF;
    SELECT * INTO s FROM submissions WHERE payload ->> 'receipt' = r AND kind = p_subject;
    RETURN s;
END $$;

-- p trimmed, checked like the kiosk store's store_check_text (length in characters).
CREATE FUNCTION checked_text(p text, p_max int, p_required boolean, p_field text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
DECLARE t text := regexp_replace(coalesce(p, ''), '^[\s\u3000]+|[\s\u3000]+$', '', 'g');
BEGIN
    IF t = '' AND p_required THEN
        RAISE EXCEPTION '内容还是空的，请写几句再提交 (%: empty)', p_field USING ERRCODE = '22023';
    END IF;
    IF char_length(t) > p_max THEN
        RAISE EXCEPTION '内容太长了，请删减一些再提交 (%: % characters, at most %)', p_field,
            char_length(t), p_max USING ERRCODE = '22001';
    END IF;
    RETURN t;
END $$;

-- True when kiosks show v publicly (withdrawing it is then meaningful).
CREATE FUNCTION verdict_is_public(v verdicts) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = yanxia_hub, pg_temp AS $$
    SELECT NOT v.withdrawn AND CASE v.subject
        WHEN 'wish' THEN v.state IN ('open', 'claimed', 'fulfilled')
        WHEN 'suggestion' THEN v.state = 'replied'
        ELSE v.public END
$$;

-- Logs v as a `verdict` change for the building of the kiosk that took the submission
-- in, with only the public fields (contract: .notes/verdicts.md); a withdrawn verdict
-- goes out as op delete with the bare fields.
CREATE FUNCTION publish_verdict(v verdicts) RETURNS void
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE s submissions; b int; p jsonb; c jsonb;
BEGIN
    SELECT * INTO s FROM submissions WHERE uuid = v.uuid;
    SELECT building_id INTO b FROM kiosks WHERE id = s.kiosk_id;
    p := jsonb_build_object('uuid', v.uuid, 'subject', v.subject, 'state', v.state,
                            'decided_at', v.decided_at, 'receipt', s.payload ->> 'receipt',
                            'created_at', json_bigint(s.payload ->> 'created_at'));
    IF v.withdrawn THEN
        PERFORM append_change(next_change_seq(), b, 'verdict', v.hub_id, 'delete', p);
        RETURN;
    END IF;
    IF v.subject = 'wish' AND v.state IN ('open', 'claimed', 'fulfilled') THEN
        p := p || jsonb_build_object('text', s.payload ->> 'text', 'room', s.payload ->> 'room');
        IF v.claim_uuid IS NOT NULL THEN
            SELECT payload INTO c FROM submissions WHERE uuid = v.claim_uuid;
            p := p || jsonb_build_object('claim_uuid', v.claim_uuid, 'claim_room',
                                         c ->> 'room', 'claimed_at', v.claimed_at);
        END IF;
    ELSIF v.subject = 'suggestion' AND v.state = 'replied' THEN
        p := p || jsonb_build_object('category', s.payload ->> 'category', 'text',
                                     s.payload ->> 'text', 'reply', v.reply,
                                     'replied_at', v.replied_at);
    ELSIF v.subject = 'question' THEN
        p := p || jsonb_build_object('public', v.public::int);
        IF v.public THEN
            p := p || jsonb_build_object('text', s.payload ->> 'text', 'answer', v.answer,
                                         'answered_by', v.answered_by,
                                         'answered_at', v.answered_at);
        END IF;
    END IF;
    PERFORM append_change(next_change_seq(), b, 'verdict', v.hub_id, 'upsert', p);
END $$;

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
CREATE FUNCTION hub_moderate(p_ref text, p_subject text, p_action text, p_text text DEFAULT NULL,
                             p_by text DEFAULT NULL, p_public boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    s submissions;
    v verdicts;
    cur text;
    want text; -- the state the action needs (NULL: any)
    ref text;
    now_s bigint := extract(epoch FROM now())::bigint;
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

-- --- claims and tallies, decided as kiosks submit ----------------------------------

-- The first claim of an open wish that reaches the hub wins: the wish becomes claimed
-- (published to its building); any other claim gets a `decision` refused (published to
-- the claiming kiosk's building). A wish the hub never moderated was moderated on its
-- kiosk alone: that kiosk's own decision stands.
CREATE FUNCTION decide_claim(s submissions) RETURNS void
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
                                     extract(epoch FROM now())::bigint)
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

-- The activity's places as the hub counts them, logged under the activity's hub_id
-- (each tally supersedes the last).
CREATE FUNCTION publish_tally(p_activity bigint, p_scope int) RETURNS void
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE p jsonb;
BEGIN
    SELECT jsonb_build_object('activity_hub_id', p_activity,
               'confirmed_people', coalesce(sum(party_size) FILTER (WHERE status = 'confirmed'), 0),
               'confirmed_signups', count(*) FILTER (WHERE status = 'confirmed'),
               'waiting_signups', count(*) FILTER (WHERE status = 'waitlisted'),
               'waiting_people', coalesce(sum(party_size) FILTER (WHERE status = 'waitlisted'), 0))
      INTO p FROM signup_decisions WHERE activity_id = p_activity;
    PERFORM append_change(next_change_seq(), p_scope, 'tally', p_activity, 'upsert', p);
END $$;

-- Confirms the waiting sign-ups of activity a, strictly in order, while places last
-- (capacity 0: no limit), publishing each decision. The caller holds the change
-- counter and a's row. Returns how many moved up (the caller then publishes a tally).
CREATE FUNCTION promote_waiting(a activities) RETURNS int
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE d signup_decisions; used bigint; n int := 0;
BEGIN
    SELECT coalesce(sum(party_size), 0) INTO used FROM signup_decisions
     WHERE activity_id = a.hub_id AND status = 'confirmed';
    FOR d IN SELECT * FROM signup_decisions WHERE activity_id = a.hub_id AND status = 'waitlisted'
              ORDER BY decided_order LOOP
        EXIT WHEN a.capacity > 0 AND used + d.party_size > a.capacity;
        UPDATE signup_decisions SET status = 'confirmed', updated_at = now()
         WHERE hub_id = d.hub_id RETURNING * INTO d;
        used := used + d.party_size;
        n := n + 1;
        PERFORM publish_decision(d, a.scope_id);
    END LOOP;
    RETURN n;
END $$;

-- As in 002, plus: wish claims are decided here, every sign-up decision publishes the
-- activity's tally, and what a kiosk sends is checked, not trusted:
--   a sign-up is decided only for a live activity of the kiosk's own scope chain (else
--   no decision: the kiosk cannot see that activity, so any verdict would be made up,
--   and it would go to kiosks that never took the sign-up); a party above the
--   activity's max_party is refused ('full': not signed up; counting fewer people than
--   come would overbook, and the kiosk refuses such a party itself, so only stale or
--   forged data gets here);
--   a cancellation applies only to a sign-up the same kiosk submitted (sign-up uuids
--   travel in decision payloads to every kiosk of the scope);
--   a malformed value (activity id, party size, uuid) is stored but not decided.
CREATE OR REPLACE FUNCTION decide_submission(s submissions) RETURNS void
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    a activities;
    d signup_decisions;
    aid bigint;
    su uuid;
    used bigint;
    waiting boolean;
    party int := 1;
    st text;
BEGIN
    IF s.kind = 'wish_claim' THEN
        PERFORM decide_claim(s);
        RETURN;
    END IF;
    IF s.kind = 'signup' THEN
        IF s.payload ->> 'activity_hub_id' IS NULL THEN
            RETURN; -- a kiosk-local activity: the kiosk's own decision stands
        END IF;
        aid := json_bigint(s.payload ->> 'activity_hub_id');
        IF s.payload ->> 'party_size' IS NOT NULL THEN
            party := json_int(s.payload ->> 'party_size');
        END IF;
        IF aid IS NULL OR party IS NULL THEN
            RETURN; -- malformed: stored, not decided
        END IF;
    ELSIF s.kind = 'signup_cancel' THEN
        su := json_uuid(s.payload ->> 'signup_uuid');
        SELECT d0.activity_id INTO aid FROM signup_decisions d0
          JOIN submissions o ON o.uuid = d0.signup_uuid
         WHERE d0.signup_uuid = su AND o.kiosk_id = s.kiosk_id;
    END IF;
    IF aid IS NULL THEN
        RETURN; -- kiosk-local, malformed, or not this kiosk's sign-up
    END IF;
    PERFORM lock_changes(); -- kiosk_submit holds it already; before the activity's row
    SELECT * INTO a FROM activities WHERE hub_id = aid FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF s.kind = 'signup' THEN
        IF a.deleted OR NOT (a.scope_id = ANY (scope_chain(
               (SELECT building_id FROM kiosks WHERE id = s.kiosk_id)))) THEN
            RETURN; -- not an activity this kiosk shows: no decision (see above)
        END IF;
        SELECT coalesce(sum(party_size) FILTER (WHERE status = 'confirmed'), 0),
               coalesce(bool_or(status = 'waitlisted'), false)
          INTO used, waiting FROM signup_decisions WHERE activity_id = aid;
        party := greatest(1, party);
        IF party > a.max_party THEN
            st := 'full';
        ELSIF a.capacity = 0 OR (NOT waiting AND used + party <= a.capacity) THEN
            st := 'confirmed';
        ELSIF a.waitlist <> 0 THEN
            st := 'waitlisted';
        ELSE
            st := 'full';
        END IF;
        INSERT INTO signup_decisions (signup_uuid, activity_id, party_size, status)
        VALUES (s.uuid, aid, party, st) ON CONFLICT (signup_uuid) DO NOTHING RETURNING * INTO d;
        IF d.hub_id IS NOT NULL THEN
            PERFORM publish_decision(d, a.scope_id);
            PERFORM publish_tally(aid, a.scope_id);
        END IF;
        RETURN;
    END IF;
    UPDATE signup_decisions SET status = 'cancelled', updated_at = now()
     WHERE signup_uuid = su AND status <> 'cancelled'
    RETURNING * INTO d;
    IF d.hub_id IS NULL THEN
        RETURN;
    END IF;
    PERFORM publish_decision(d, a.scope_id);
    PERFORM promote_waiting(a); -- the place freed (if any) goes to the waiting
    PERFORM publish_tally(aid, a.scope_id);
END $$;

-- As in 002, with wish claims decided along with sign-ups, in the hub's order. A batch
-- holding decidable kinds takes the change counter before anything else (the hub's
-- one lock order, see lock_changes). An element without a well-formed uuid, seq and
-- kind cannot be stored and is skipped (not acknowledged); the rest still commits.
CREATE OR REPLACE FUNCTION kiosk_submit(p_batch jsonb)
RETURNS TABLE (o_uuid text, o_contiguous bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE k kiosks := calling_kiosk(); c bigint; fresh uuid[]; s submissions;
BEGIN
    IF jsonb_typeof(p_batch) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'batch must be a JSON array' USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_batch) e
                WHERE e ->> 'kind' IN ('signup', 'signup_cancel', 'wish_claim')) THEN
        PERFORM lock_changes();
    END IF;
    WITH ins AS (
        INSERT INTO submissions (uuid, kiosk_id, kiosk_seq, kind, payload)
        SELECT json_uuid(e ->> 'uuid'), k.id, json_bigint(e ->> 'seq'), e ->> 'kind',
               coalesce(e -> 'payload', 'null'::jsonb)
          FROM jsonb_array_elements(p_batch) e
         WHERE json_uuid(e ->> 'uuid') IS NOT NULL AND json_bigint(e ->> 'seq') IS NOT NULL
           AND e ->> 'kind' IS NOT NULL
         ORDER BY json_bigint(e ->> 'seq')
        ON CONFLICT (uuid) DO NOTHING RETURNING uuid)
    SELECT array_agg(uuid) INTO fresh FROM ins;
    FOR s IN SELECT * FROM submissions WHERE uuid = ANY (fresh)
              AND kind IN ('signup', 'signup_cancel', 'wish_claim') ORDER BY hub_order LOOP
        PERFORM decide_submission(s);
    END LOOP;
    SELECT contiguous_seq INTO c FROM kiosks WHERE id = k.id FOR UPDATE;
    LOOP
        EXIT WHEN NOT EXISTS (SELECT 1 FROM submissions x
                               WHERE x.kiosk_id = k.id AND x.kiosk_seq = c + 1);
        c := c + 1;
    END LOOP;
    UPDATE kiosks SET contiguous_seq = c WHERE id = k.id;
    RETURN QUERY
        SELECT x.uuid::text, c FROM submissions x
         WHERE x.kiosk_id = k.id
           AND x.uuid IN (SELECT json_uuid(e ->> 'uuid') FROM jsonb_array_elements(p_batch) e);
END $$;

-- As in 002, plus: an activity published again (capacity raised, waiting list turned
-- on) confirms its waiting sign-ups that now fit, as a cancellation does. The counter
-- is taken first (next_change_seq), before the row.
CREATE OR REPLACE FUNCTION hub_publish(p_kind text, p_scope text, p_payload jsonb,
                                       p_hub_id bigint DEFAULT NULL)
RETURNS TABLE (o_hub_id bigint, o_rev bigint)
LANGUAGE plpgsql SET search_path = yanxia_hub, pg_temp AS $$
DECLARE
    t text := content_table(p_kind);
    sid int;
    cols text;
    sets text;
    v bigint;
    h bigint;
    pl jsonb;
    a activities;
BEGIN
    IF p_scope IS NOT NULL THEN
        SELECT id INTO sid FROM scopes WHERE code = p_scope;
        IF sid IS NULL THEN
            RAISE EXCEPTION 'unknown scope "%"', p_scope USING ERRCODE = '22023';
        END IF;
    END IF;
    SELECT string_agg(quote_ident(x.attname), ', '),
           string_agg(format('%1$I = r.%1$I', x.attname), ', ')
      INTO cols, sets
      FROM pg_attribute x
     WHERE x.attrelid = format('yanxia_hub.%I', t)::regclass AND x.attnum > 0
       AND NOT x.attisdropped
       AND x.attname NOT IN ('hub_id', 'scope_id', 'rev', 'deleted', 'updated_at')
       AND p_payload ? x.attname;
    v := next_change_seq();
    IF p_hub_id IS NULL THEN
        IF sid IS NULL THEN
            RAISE EXCEPTION 'a new % needs a scope', p_kind USING ERRCODE = '22023';
        END IF;
        EXECUTE format('INSERT INTO %I (scope_id, rev%s) SELECT $1, $2%s'
                       ' FROM jsonb_populate_record(NULL::%I, $3) RETURNING hub_id',
                       t, coalesce(', ' || cols, ''), coalesce(', ' || cols, ''), t)
           INTO h USING sid, v, p_payload;
    ELSE
        EXECUTE format('UPDATE %I x SET rev = $1, deleted = false, updated_at = now(),'
                       ' scope_id = coalesce($2, x.scope_id)%s'
                       ' FROM jsonb_populate_record(NULL::%I, $4) r'
                       ' WHERE x.hub_id = $3 RETURNING x.hub_id, x.scope_id',
                       t, coalesce(', ' || sets, ''), t)
           INTO h, sid USING v, sid, p_hub_id, p_payload;
        IF h IS NULL THEN
            RAISE EXCEPTION 'no % with hub id %', p_kind, p_hub_id USING ERRCODE = 'P0002';
        END IF;
    END IF;
    IF p_kind = 'poll' AND p_payload ? 'options' THEN
        DELETE FROM poll_options WHERE poll_hub_id = h;
        INSERT INTO poll_options (poll_hub_id, sort, label)
        SELECT h, o.n, o.label
          FROM jsonb_array_elements_text(p_payload -> 'options') WITH ORDINALITY o(label, n);
    END IF;
    EXECUTE format('SELECT to_jsonb(x) - ''scope_id'' - ''deleted'' - ''updated_at'' - ''rev'''
                   ' FROM %I x WHERE hub_id = $1', t) INTO pl USING h;
    IF p_kind = 'poll' THEN
        pl := pl || jsonb_build_object('options', coalesce((SELECT jsonb_agg(label ORDER BY sort)
                  FROM poll_options WHERE poll_hub_id = h), '[]'::jsonb));
    END IF;
    PERFORM append_change(v, sid, p_kind, h, 'upsert', pl);
    IF p_kind = 'activity' AND p_hub_id IS NOT NULL THEN
        SELECT * INTO a FROM activities WHERE hub_id = h; -- locked by the UPDATE
        IF promote_waiting(a) > 0 THEN
            PERFORM publish_tally(h, a.scope_id);
        END IF;
    END IF;
    RETURN QUERY SELECT h, v;
END $$;

-- --- privileges ---------------------------------------------------------------------
-- Kiosks keep EXECUTE on kiosk_* only (kiosk_submit keeps its grant through CREATE OR
-- REPLACE); everything new is the staff's, whatever the default privileges say.
REVOKE ALL ON TABLE verdicts, claim_decisions FROM PUBLIC;
REVOKE ALL ON FUNCTION subject_label(text), find_submission(text, text),
    checked_text(text, int, boolean, text), verdict_is_public(verdicts),
    publish_verdict(verdicts), hub_moderate(text, text, text, text, text, boolean),
    decide_claim(submissions), publish_tally(bigint, int), json_uuid(text), json_bigint(text),
    json_int(text), lock_changes(), promote_waiting(activities), hub_publish(text, text, jsonb, bigint)
    FROM PUBLIC;

"""The staff console over a standalone building's store, driven over raw HTTP: logging
in and out, the throttle, CSRF, every staff action reaching the store and the audit
log, residents' text escaped, oversized and malformed posts refused with nothing
written, the sign-up export, a notice published here shown by the kiosk itself, and
its preview drawn while other staff are served, and a browser gone silent found dead by
TCP keepalive within 17 s."""
import ctypes
import csv
import errno
import http.client
import io
import json
import os
import re
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from lib import DESTRUCTIVE, Client, Console, ctl, demo_store, form_fields, guarded_forms  # noqa: E402
from lib import rows, xlsx_strings  # noqa: E402

ADMIN = ("zhangmin", "admin", "lobby-admin-2026")
LEAD = ("wangli", "lead", "lead-pass-2026")
VICTIM = ("chenjie", "lead", "victim-pass-2026")


def count(db, table, where="1", *args):
    return rows(db, f"SELECT count(*) FROM {table} WHERE {where}", *args)[0][0]


def kiosk_script(db, script):
    """Runs the kiosk headless on db with script; fails the test if the script fails."""
    kiosk = os.environ["YANXIA"]
    with tempfile.NamedTemporaryFile("w", suffix=".script", delete=False) as f:
        f.write(script)
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
    r = subprocess.run([kiosk, "--headless", "--size", "1080x1920", "--db", db, "--script", f.name],
                       env=env, capture_output=True, text=True)
    os.unlink(f.name)
    assert r.returncode == 0, f"kiosk script failed:\n{script}\n{r.stdout}{r.stderr}"


def check_edit_overtaken(con, db):
    """Two staff members open the same notice (then activity) to edit it; the first saves;
    the second's save is refused with 409, its draft kept in the form beside what the
    first saved, nothing written or audited; saved again from that page, it goes through
    (the form now carries the revision it showed)."""
    nid = rows(db, "SELECT id FROM notices WHERE deleted = 0 ORDER BY id LIMIT 1")[0][0]
    for what, path, table, action, first, second in (
            ("notice", f"/notices/{nid}/edit", "notices", "notice.edit",
             {"title": "先保存的标题", "category": "通知", "action": "publish"},
             {"title": "后保存的标题", "body": "后来者写的正文。", "category": "通知",
              "action": "publish"}),
            ("activity", None, "activities", "activity.update",
             {"title": "先保存的活动", "capacity": "7"},
             {"title": "后保存的活动", "place": "后来者写的地点", "capacity": "9"})):
        if path is None:
            aid = rows(db, "SELECT id FROM activities WHERE deleted = 0 AND kind = 'event' "
                           "ORDER BY id LIMIT 1")[0][0]
            path = f"/activities/{aid}/edit"
        key = nid if what == "notice" else aid
        a, b = admin(con), admin(con)
        sa, _, page_a = a.get(path)
        sb, _, page_b = b.get(path)
        assert sa == sb == 200, (sa, sb)
        form_a, form_b = form_fields(page_a), form_fields(page_b)
        assert form_a["rev"] == form_b["rev"] and int(form_a["rev"]) > 0, (form_a, form_b)
        s, h, _ = a.post(path, dict(form_a, **first))
        assert s == 303, (what, s)
        audited = count(db, "staff_audit", "action = ?", action)
        s, _, body = b.post(path, dict(form_b, **second))
        assert s == 409 and "刚被别人改过" in body, (what, s, body[-800:])
        now, draft = body.split('id="current"', 1)[1].split("您填写的内容", 1)
        assert "先保存的" in now and "后保存的" not in now, now
        assert 'value="后保存的' in draft and "后来者写的" in draft, draft[-800:]
        assert rows(db, f"SELECT title FROM {table} WHERE id = ?", key)[0][0].startswith("先保存的")
        assert count(db, "staff_audit", "action = ?", action) == audited, "an overtaken edit audited"
        again = form_fields(body)
        assert again["rev"] != form_b["rev"] and again["title"].startswith("后保存的"), again
        s, h, _ = b.post(path, dict(again, **{k: v for k, v in second.items()
                                               if k == "action"}))
        assert s == 303, (what, s)
        assert rows(db, f"SELECT title FROM {table} WHERE id = ?", key)[0][0].startswith("后保存的")
        assert count(db, "staff_audit", "action = ?", action) == audited + 1
    # an album the same way: its form carries the revision it was read at too
    ctl(db, "add", "album", "--name", "端午包粽子")
    alid = rows(db, "SELECT id FROM albums WHERE name = '端午包粽子' AND deleted = 0")[0][0]
    path = f"/albums/{alid}/edit"
    a, b = admin(con), admin(con)
    form_a, form_b = form_fields(a.get(path)[2]), form_fields(b.get(path)[2])
    assert form_a["rev"] == form_b["rev"] and int(form_a["rev"]) > 0, (form_a, form_b)
    s, _, _ = a.post(path, dict(form_a, kind="event", description="先保存的说明"))
    assert s == 303, s
    audited = count(db, "staff_audit", "action = 'album.update'")
    s, _, body = b.post(path, dict(form_b, kind="event", name="后保存的相册", sort="3"))
    assert s == 409 and "刚被别人改过" in body, (s, body[-800:])
    now, draft = body.split('id="current"', 1)[1].split("您填写的内容", 1)
    assert "先保存的说明" in now and "后保存的" not in now, now
    assert 'value="后保存的相册"' in draft and 'name="sort" value="3"' in draft, draft[-800:]
    assert rows(db, "SELECT name, description, sort FROM albums WHERE id = ?", alid) == \
        [("端午包粽子", "先保存的说明", 0)]
    assert count(db, "staff_audit", "action = 'album.update'") == audited, "an overtaken edit audited"
    again = form_fields(body)
    assert again["rev"] != form_b["rev"] and again["name"] == "后保存的相册", again
    s, h, _ = b.post(path, dict(again, kind="event"))
    assert s == 303, s
    # what the second member did not touch (the description) stays the first one's
    assert rows(db, "SELECT name, description, sort FROM albums WHERE id = ?", alid) == \
        [("后保存的相册", "先保存的说明", 3)]
    assert rows(db, "SELECT before, after FROM staff_audit WHERE action = 'album.update' "
                    "ORDER BY id DESC LIMIT 1") == \
        [('{"name": "端午包粽子", "sort": 0}', '{"name": "后保存的相册", "sort": 3}')]
    print("ok: an edit overtaken by someone else's save: 409 with the draft and the current "
          "notice, activity or album, nothing written; saved again from that page it goes through")


def check_consultation(con, db):
    c = admin(con)
    pid = rows(db, "SELECT id FROM polls WHERE deleted = 0 ORDER BY id LIMIT 1")[0][0]
    s, _, body = c.get("/polls")
    assert "门槛还没有全部达到" in body
    voted = {r for (r,) in rows(db, "SELECT DISTINCT room FROM votes WHERE poll_id = ?", pid)}
    households = rows(db, "SELECT households FROM kiosk")[0][0]
    need = -(-2 * households // 3) - len(voted)  # to two thirds, rounding up
    free = [f"{f}{u:02d}" for f in range(1, 7) for u in range(1, 7) if f"{f}{u:02d}" not in voted]
    for room in free[:need]:
        ctl(db, "add", "vote", "--poll", str(pid), "--option", "1", "--room", room)
    s, _, body = c.get("/polls")
    assert "两项门槛都已达到" in body, body[body.find("poll-"):][:1500]
    print(f"ok: a consultation passes both thresholds after {need} more households agree")


def check_login_and_sessions(con, db):
    anon = Client(con.port)
    s, h, _ = anon.get("/")
    assert s == 303 and h["location"] == "/login", (s, h)
    s, h, _ = anon.get("/notices")
    assert s == 303 and h["location"] == "/login"
    # a login post without the login page's token is refused
    s, _, _ = anon.post("/login", {"login": ADMIN[0], "password": ADMIN[2]})
    assert s == 403, s
    s, _, body = anon.login(ADMIN[0], "wrong password")
    assert s == 401 and "账号或密码不对" in body, s
    s, h, _ = anon.login(ADMIN[0], ADMIN[2])
    assert s == 303 and h["location"] == "/", (s, h)
    cookie = [c for c in h["set-cookie"].split("\n") if c.startswith("yx_session=")][0]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie, cookie
    assert re.match(r"yx_session=[0-9a-f]{64};", cookie), cookie
    s, h, body = anon.get("/")
    assert s == 200 and "待办" in body
    assert "default-src 'none'" in h["content-security-policy"]
    assert h["x-frame-options"] == "DENY"
    # after logout the same cookie opens nothing
    stolen = dict(anon.cookies)
    token = anon.csrf("/")
    s, h, _ = anon.post("/logout", {"csrf": token})
    assert s == 303 and h["location"] == "/login"
    replay = Client(con.port)
    replay.cookies = stolen
    s, h, _ = replay.get("/")
    assert s == 303 and h["location"] == "/login", "a session survived logout"
    before = count(db, "notices")
    s, _, _ = replay.post("/notices/new", {"csrf": token, "title": "不该发布", "body": "x",
                                           "category": "通知"})
    assert s == 403 and count(db, "notices") == before
    print("ok: login, logout, session replay refused")


def check_throttle(con):
    c = Client(con.port)
    for i in range(5):
        s, _, _ = c.login(VICTIM[0], f"guess-{i}")
        assert s == 401, (i, s)
    s, _, body = c.login(VICTIM[0], "guess-5")
    assert s == 429 and "之后再试" in body, s
    # locked even with the right password, until the window passes
    s, _, _ = c.login(VICTIM[0], VICTIM[2])
    assert s == 429, s
    # other accounts from the same address still log in
    s, _, _ = Client(con.port).login(LEAD[0], LEAD[2])
    assert s == 303, s
    print("ok: 5 failed logins lock the account (429), others unaffected")


def admin(con):
    c = Client(con.port)
    s, _, _ = c.login(ADMIN[0], ADMIN[2])
    assert s == 303
    return c


def check_csrf_and_notice(con, db, tmp):
    c = admin(con)
    before = count(db, "notices")
    fields = {"title": "本周六上午电梯年检，请走楼梯", "body": "12月12日（周六）9:00至11:30电梯年检，"
              "期间停运。行动不便的邻居请提前联系楼组长。", "category": "通知", "pinned": "1"}
    s, _, _ = c.post("/notices/new", fields)
    assert s == 403, f"a post without csrf answered {s}"
    s, _, _ = c.post("/notices/new", dict(fields, csrf="0" * 64))
    assert s == 403
    assert count(db, "notices") == before, "a refused post wrote a notice"
    s, h, _ = c.post("/notices/new", dict(fields, csrf=c.csrf("/notices/new")))
    assert s == 303 and h["location"].startswith("/notices?ok=published"), (s, h)
    got = rows(db, "SELECT title, pinned, author FROM notices WHERE title = ?", fields["title"])
    assert got == [(fields["title"], 1, "居委会")], got
    audit = rows(db, "SELECT login, action, after FROM staff_audit WHERE action='notice.publish'")
    assert audit == [(ADMIN[0], "notice.publish", fields["title"])], audit
    s, _, body = c.get("/notices?ok=published")
    assert "通知已发布" in body and fields["title"] in body

    # an expiry in the past and bytes that are not UTF-8 are refused, nothing written
    s, _, body = c.post("/notices/new", dict(fields, csrf=c.csrf("/notices/new"),
                                             title="过期的", expires="2026-11-01"))
    assert s == 422 and "已经过去" in body, s
    raw = ("csrf=" + c.csrf("/notices/new") + "&title=%FF%FE&body=x&category=%E9%80%9A%E7%9F%A5")
    s, _, _ = c.request("POST", "/notices/new", body=raw.encode(),
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert s == 422, s
    assert count(db, "notices") == before + 1

    # a preview drawn by the kiosk itself, in four variants, writes nothing to the store
    audit_before, notices_before = count(db, "staff_audit"), count(db, "notices")
    s, _, body = c.post("/notices/new", dict(fields, csrf=c.csrf("/notices/new"),
                                             action="preview", title="预览：" + fields["title"]))
    assert s == 200, (s, body[:300])
    srcs = re.findall(r'<img src="(/notices/preview/[1-4]\.png)\?v=[0-9a-f]+"', body)
    assert srcs == [f"/notices/preview/{i}.png" for i in range(1, 5)], srcs
    for i, (w, h) in enumerate([(1080, 1920)] * 2 + [(1920, 1080)] * 2, start=1):
        s, hd, png = c.request("GET", f"/notices/preview/{i}.png")
        assert s == 200 and hd["content-type"] == "image/png" and png[:8] == b"\x89PNG\r\n\x1a\n"
        size = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))
        assert size == (w, h), (i, size)
    assert count(db, "notices") == notices_before
    assert count(db, "staff_audit") == audit_before
    other = admin(con)
    s, _, _ = other.request("GET", "/notices/preview/1.png")
    assert s == 404, "another session saw this session's preview"

    # the kiosk itself shows it
    kiosk_script(db, 'goto notices\nexpect "本周六上午电梯年检"\n')

    # withdrawing
    nid = rows(db, "SELECT id FROM notices WHERE title = ?", fields["title"])[0][0]
    s, h, _ = c.post(f"/notices/{nid}/withdraw", {"csrf": c.csrf("/notices")})
    assert s == 303
    assert rows(db, "SELECT deleted FROM notices WHERE id = ?", nid) == [(1,)]
    print("ok: CSRF refused; notice published, audited, shown on the kiosk, withdrawn")


def check_moderation(con, db):
    xss = '<script>alert("x")</script><a href="javascript:alert(1)">点我</a>'
    ctl(db, "add", "suggestion", "--text", xss, "--room", "402")
    ctl(db, "add", "wish", "--text", "想请邻居帮忙教我用手机挂号", "--room", "301")
    ctl(db, "add", "question", "--text", "冬天血压偏高，早上锻炼要注意什么？", "--room", "502")
    c = admin(con)
    s, _, body = c.get("/")
    review = count(db, "wishes", "state = 'review'")
    assert review >= 1 and f"<b>{review}</b>个心愿等审核" in body, body
    s, _, body = c.get("/suggestions?state=open")
    assert "<script>" not in body and 'href="javascript:' not in body, "resident text not escaped"
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    sid = rows(db, "SELECT id FROM suggestions WHERE text = ?", xss)[0][0]
    s, _, _ = c.post(f"/suggestions/{sid}/reply",
                     {"csrf": c.csrf("/suggestions"), "reply": "已转物业，本周内答复。"})
    assert s == 303
    assert rows(db, "SELECT reply FROM suggestions WHERE id = ?", sid) == [("已转物业，本周内答复。",)]

    wid = rows(db, "SELECT id FROM wishes WHERE room = '301'")[0][0]
    board = 'goto wishes\n{} "想请邻居帮忙教我"\n'
    kiosk_script(db, board.format("expect-not"))  # waiting for approval: not on the board
    s, _, _ = c.post(f"/wishes/{wid}/approve", {"csrf": c.csrf("/wishes")})
    assert s == 303
    assert rows(db, "SELECT state FROM wishes WHERE id = ?", wid) == [("open",)]
    kiosk_script(db, board.format("expect"))  # approved here: on the lobby's board
    # a second approval is a refused step, with a reason, and changes nothing
    s, _, body = c.post(f"/wishes/{wid}/approve", {"csrf": c.csrf("/wishes")})
    assert s == 422 and "没有改动" in body, s

    qid = rows(db, "SELECT id FROM questions WHERE room = '502'")[0][0]
    s, _, _ = c.post(f"/questions/{qid}/answer",
                     {"csrf": c.csrf("/questions"), "answer": "等太阳出来再锻炼，先热身。",
                      "answered_by": "社区医生 李医生", "public": "1"})
    assert s == 303
    got = rows(db, "SELECT answer, answered_by, public FROM questions WHERE id = ?", qid)
    assert got == [("等太阳出来再锻炼，先热身。", "社区医生 李医生", 1)], got
    actions = [a for (a,) in rows(db, "SELECT action FROM staff_audit ORDER BY id")]
    for want in ("suggestion.reply", "wish.approve", "question.answer"):
        assert want in actions, (want, actions)
    s, _, body = c.get("/audit")
    assert "wish.approve" in body and ADMIN[0] in body
    assert "通过心愿" in body and "解答健康问题" in body, "audit actions not in staff's words"
    print("ok: suggestion replied (text escaped), wish approved, question answered, audited")


def check_roles_and_limits(con, db):
    lead = Client(con.port)
    assert lead.login(LEAD[0], LEAD[2])[0] == 303
    s, _, _ = lead.get("/staff")
    assert s == 403
    before = count(db, "staff_accounts")
    s, _, _ = lead.post("/staff/new", {"csrf": lead.csrf("/"), "login": "intruder",
                                       "role": "admin", "password": "intruder-pass"})
    assert s == 403 and count(db, "staff_accounts") == before, "a lead added an account"

    c = admin(con)
    s, _, _ = c.post("/staff/new", {"csrf": c.csrf("/staff"), "login": "liuyang",
                                    "role": "committee", "scope": "康乐片区",
                                    "password": "short"})
    assert s == 422 and count(db, "staff_accounts") == before
    s, _, _ = c.post("/staff/new", {"csrf": c.csrf("/staff"), "login": "liuyang",
                                    "role": "committee", "scope": "康乐片区",
                                    "password": "committee-2026"})
    assert s == 303 and count(db, "staff_accounts") == before + 1
    hash_ = rows(db, "SELECT pwhash FROM staff_accounts WHERE login = 'liuyang'")[0][0]
    assert hash_.startswith("$argon2id$") and "committee-2026" not in hash_
    # disabling ends the account's sessions at once
    s, _, _ = c.post(f"/staff/{LEAD[0]}/disable", {"csrf": c.csrf("/staff")})
    assert s == 303
    s, h, _ = lead.get("/")
    assert s == 303 and h["location"] == "/login"
    s, _, body = Client(con.port).login(LEAD[0], LEAD[2])
    assert s == 401 and "停用" in body
    # enabled again, the account logs in with its old password (and it is audited)
    s, _, body = c.get("/staff")
    assert f'action="/staff/{LEAD[0]}/enable"' in body
    s, _, _ = c.post(f"/staff/{LEAD[0]}/enable", {})
    assert s == 403
    s, h, _ = c.post(f"/staff/{LEAD[0]}/enable", {"csrf": c.csrf("/staff")})
    assert s == 303 and "ok=staff_enabled" in h["location"], (s, h)
    s, _, _ = Client(con.port).login(LEAD[0], LEAD[2])
    assert s == 303, s
    assert count(db, "staff_audit", "action = 'staff.enable'") == 1

    # a post larger than 256 KB is refused whole
    before = count(db, "notices")
    token = c.csrf("/notices/new")
    s, _, body = c.post("/notices/new", {"csrf": token, "title": "大", "category": "通知",
                                         "body": "长" * 100000})
    assert s == 413 and "太大" in body, s
    assert count(db, "notices") == before
    print("ok: roles enforced, weak password refused, disable ends sessions, 413 for big posts")


def check_exports(con, db):
    c = admin(con)
    aid = rows(db, "SELECT id FROM activities WHERE deleted = 0 ORDER BY id LIMIT 1")[0][0]
    ctl(db, "add", "signup", "--activity", str(aid), "--room", "601", "--name", "=1+2",
        "--phone", "13912345678")
    s, h, body = c.get(f"/activities/{aid}")
    assert s == 200 and "139****5678" in body and "13912345678" not in body
    s, h, data = c.request("GET", f"/activities/{aid}/signups.csv")
    assert s == 200 and h["content-type"].startswith("text/csv")
    assert "attachment" in h["content-disposition"]
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would misread the Chinese"
    text = data.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:2] == ["活动", "房号"], table[0]
    mine = [row for row in table if row[1] == "601"]
    assert mine and mine[0][2] == "'=1+2" and mine[0][3] == "13912345678", mine
    # the state in the residents' words, as yanxiactl's export says it for the same row
    out = list(csv.reader(io.StringIO(ctl(db, "export", "signups", "--csv").lstrip("\ufeff"))))
    state = out[0].index("状态")
    theirs = [r[state] for r in out[1:] if r[out[0].index("回执码")] == mine[0][6]]
    assert mine[0][5] == "已报名" and theirs == ["已报名"], (mine, theirs)
    s, h, data = c.request("GET", f"/activities/{aid}/signups.xlsx")
    assert s == 200 and "spreadsheetml" in h["content-type"] and data[:2] == b"PK"
    strings, formulas = xlsx_strings(data)
    assert "房号" in strings and "601" in strings and "=1+2" in strings and not formulas
    s, _, body = c.get("/polls")
    assert s == 200 and "三分之二" in body and "四分之三" in body
    print("ok: sign-up list masked on the page; CSV with BOM and neutralised formulas; .xlsx")


def check_pages(con, db):
    ctl(db, "seed", "--submissions", "300")
    c = admin(con)
    total = count(db, "suggestions", "state != 'replied' AND NOT from_hub")
    seen, page = set(), 1
    while True:
        s, _, body = c.get(f"/suggestions?state=open&page={page}")
        assert s == 200
        ids = re.findall(r'id="suggestion-(\d+)"', body)
        assert len(ids) <= 30 and not seen.intersection(ids), (page, len(ids))
        seen.update(ids)
        if "下一页" not in body:
            break
        page += 1
    assert len(seen) == total, (len(seen), total)
    s, _, body = c.get("/")
    assert f"<b>{total}</b>条建议未回复" in body
    print(f"ok: {total} open suggestions over {page} pages of at most 30, none twice")


def check_photos(con, db, tmp, uploads_tmp):
    c = admin(con)
    album = rows(db, "SELECT id FROM albums WHERE name = '笑脸墙'")[0][0]
    pics = []
    for size in ("800x1000", "640x480"):
        path = os.path.join(tmp, f"p{size}.png")
        ctl(db, "photo", "sample", path, "--size", size)
        with open(path, "rb") as f:
            pics.append(f.read())
    before = count(db, "photos")
    audit = count(db, "staff_audit", "action = 'photo.add'")
    fields = {"csrf": c.csrf("/photos"), "album": album, "person": "周阿姨", "floor": "3",
              "consent": "1"}
    # nobody logged in: refused before a byte is kept
    s, _, _ = Client(con.port).upload("/photos/upload", fields, [("files", "a.png", pics[0])])
    assert s == 403
    # a wrong floor, no album, no file: refused with why, nothing kept
    for extra, sent, words in (({"floor": "楼上"}, [("files", "a.png", pics[0])], "楼层要写"),
                               ({"album": "0"}, [("files", "a.png", pics[0])], "请选一个相册"),
                               ({}, [], "没有选照片")):
        s, _, body = c.upload("/photos/upload", dict(fields, **extra), sent)
        assert s == 422 and words in body, (s, extra, body[-400:])
        assert count(db, "photos") == before
    # one bad file refuses the whole upload, by name
    for bad, words in ((pics[1][:-20], "不是完整的照片"),
                       (b"\0\0\0\x18ftypheic" + b"\0" * 100, "HEIC")):
        s, _, body = c.upload("/photos/upload", fields,
                              [("files", "good.png", pics[0]), ("files", "坏的.png", bad)])
        assert s == 422 and "坏的.png" in body and words in body, (s, body[-400:])
        assert count(db, "photos") == before
    # an iPhone's HEIC (made here by libheif's heif-enc) is kept as a JPEG of the same size
    heic = os.path.join(tmp, "iphone.heic")
    subprocess.run(["heif-enc", "-q", "80", os.path.join(tmp, "p640x480.png"), "-o", heic],
                   check=True, capture_output=True)
    with open(heic, "rb") as f:
        s, h, body = c.upload("/photos/upload", dict(fields, person="郑师傅"),
                              [("files", "IMG_0427.HEIC", f.read())])
    assert s == 303 and "ok=uploaded" in h["location"], (s, body[-400:])
    got = rows(db, "SELECT id, width, height FROM photos WHERE person_name = '郑师傅'")
    assert [g[1:] for g in got] == [(640, 480)], got
    s, h, data = c.request("GET", f"/photos/{got[0][0]}/file")
    assert s == 200 and h["content-type"] == "image/jpeg" and data[:2] == b"\xff\xd8", (s, h)
    before = count(db, "photos")
    audit = count(db, "staff_audit", "action = 'photo.add'")
    s, _, body = c.upload("/photos/upload", fields, [("files", "big.jpg", b"\xff" * (26 << 20))])
    assert s == 413, s
    assert count(db, "photos") == before
    s, h, _ = c.upload("/photos/upload", fields,
                       [("files", "zhou1.png", pics[0]), ("files", "zhou2.png", pics[1])])
    assert s == 303 and "ok=uploaded" in h["location"], (s, h)
    got = rows(db, "SELECT id, width, height, person_name, floor, consent FROM photos"
                   " WHERE person_name = '周阿姨' ORDER BY id")
    assert [g[1:] for g in got] == [(800, 1000, "周阿姨", 3, 1), (640, 480, "周阿姨", 3, 1)], got
    assert count(db, "staff_audit", "action = 'photo.add'") == audit + 2
    s, h, data = c.request("GET", f"/photos/{got[0][0]}/file")
    assert s == 200 and h["content-type"] == "image/png" and data == pics[0]
    s, _, body = c.get(f"/photos?album={album}")
    assert f'id="photo-{got[0][0]}"' in body or "下一页" in body
    # a resident asks: off every screen at once
    s, h, _ = c.post(f"/photos/{got[0][0]}/remove", {"csrf": c.csrf("/photos")})
    assert s == 303
    assert rows(db, "SELECT deleted FROM photos WHERE id = ?", got[0][0]) == [(1,)]
    left = [n for n in os.listdir(uploads_tmp) if n.startswith("yanxia-upload-")]
    assert left == [], left  # every request's files go with it
    print("ok: photos uploaded with consent, HEIC kept as JPEG, bad/broken HEIC/oversized refused"
          " whole, removed at once")


def jpeg_with_exif(jpg, orientation, extra):
    """jpg with an APP1 segment: EXIF IFD0 holding only Orientation, then extra bytes (what
    a phone would put there: a GPS position, the camera)."""
    tiff = (b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01"
            + bytes([0, orientation, 0, 0]) + b"\0\0\0\0" + extra)
    seg = b"Exif\0\0" + tiff
    return jpg[:2] + b"\xff\xe1" + (len(seg) + 2).to_bytes(2, "big") + seg + jpg[2:]


def check_tip_photo(con, db, tmp):
    """A tip may be a photo of the doctor's handwritten page: kept upright, without its
    EXIF (no GPS reaches a kiosk), listed with a thumbnail; neither body nor photo, or a
    broken photo, is refused in Chinese with nothing written."""
    c = admin(con)
    path = os.path.join(tmp, "page.jpg")
    ctl(db, "photo", "sample", path, "--size", "640x480")
    with open(path, "rb") as f:
        phone = jpeg_with_exif(f.read(), 6, b"GPS 31.2304N 121.4737E iPhone 15")
    tips = count(db, "health_tips")
    audit = count(db, "staff_audit", "action = 'tip.publish'")
    fields = {"csrf": c.csrf("/health"), "month": "2026-12", "title": "冬季血压要勤量"}
    s, _, body = c.upload("/health/new", dict(fields, body="  　"), [])
    assert s == 422 and "至少要有一样" in body, (s, body[-400:])
    s, _, body = c.upload("/health/new", fields, [("photo", "坏的.jpg", phone[:-300])])
    assert s == 422 and "坏的.jpg" in body and "没有发布" in body, (s, body[-400:])
    s, _, body = c.upload("/health/new", fields, [("photo", "huge.jpg", b"\xff" * (26 << 20))])
    assert s == 413, s
    assert count(db, "health_tips") == tips
    assert count(db, "staff_audit", "action = 'tip.publish'") == audit
    s, h, body = c.upload("/health/new", dict(fields, author="社区医生 王医生"),
                          [("photo", "IMG_2031.JPG", phone)])
    assert s == 303 and "ok=published" in h["location"], (s, body[-400:])
    got = rows(db, "SELECT id, body, photo_sha256, photo_width, photo_height, photo_bytes"
                   " FROM health_tips WHERE title = '冬季血压要勤量'")
    assert len(got) == 1 and got[0][1] == "" and got[0][3:5] == (480, 640), got
    tid, sha = got[0][0], got[0][2]
    stored = os.path.join(os.path.dirname(db), "photos", sha[:2], sha)
    with open(stored, "rb") as f:
        data = f.read()
    assert data[:2] == b"\xff\xd8" and len(data) == got[0][5]
    assert b"GPS" not in data and b"Exif" not in data and b"iPhone" not in data
    assert count(db, "staff_audit", "action = 'tip.publish'") == audit + 1
    s, _, body = c.get("/health")
    assert f'src="/health/{tid}/photo"' in body and "手写稿照片 480×640" in body, body[-800:]
    s, h, served = c.request("GET", f"/health/{tid}/photo")
    assert s == 200 and h["content-type"] == "image/jpeg" and served == data
    # a PNG keeps its picture chunks only: a text chunk with a position goes
    png_path = os.path.join(tmp, "page.png")
    ctl(db, "photo", "sample", png_path, "--size", "300x200")
    with open(png_path, "rb") as f:
        png = f.read()
    text = b"tEXtComment\0GPS 31.2304N 121.4737E"
    chunk = (len(text) - 4).to_bytes(4, "big") + text + zlib.crc32(text).to_bytes(4, "big")
    png = png[:33] + chunk + png[33:]  # after the signature and IHDR
    s, h, body = c.upload("/health/new", dict(fields, title="手写稿PNG"),
                          [("photo", "scan.png", png)])
    assert s == 303, (s, body[-400:])
    (sha, w, hgt), = rows(db, "SELECT photo_sha256, photo_width, photo_height FROM health_tips"
                              " WHERE title = '手写稿PNG'")
    with open(os.path.join(os.path.dirname(db), "photos", sha[:2], sha), "rb") as f:
        data = f.read()
    assert (w, hgt) == (300, 200) and data[:8] == png[:8] and b"tEXt" not in data
    assert len(data) == len(png) - len(chunk)
    # an iPhone's HEIC becomes a JPEG
    heic = os.path.join(tmp, "page.heic")
    subprocess.run(["heif-enc", "-q", "80", png_path, "-o", heic], check=True,
                   capture_output=True)
    with open(heic, "rb") as f:
        s, h, body = c.upload("/health/new", dict(fields, title="手写稿HEIC"),
                              [("photo", "IMG_0001.HEIC", f.read())])
    assert s == 303, (s, body[-400:])
    (sha, w, hgt), = rows(db, "SELECT photo_sha256, photo_width, photo_height FROM health_tips"
                              " WHERE title = '手写稿HEIC'")
    with open(os.path.join(os.path.dirname(db), "photos", sha[:2], sha), "rb") as f:
        assert f.read(2) == b"\xff\xd8" and (w, hgt) == (300, 200)
    # typed text still works with the form's empty file field
    s, h, _ = c.upload("/health/new", dict(fields, title="多喝温水", body="早起一杯温水。"),
                       [("photo", "", b"")])
    assert s == 303, s
    assert rows(db, "SELECT photo_sha256 FROM health_tips WHERE title = '多喝温水'") == [(None,)]
    s, h, _ = c.post(f"/health/{tid}/remove", {"csrf": c.csrf("/health")})
    assert s == 303
    s, _, _ = c.request("GET", f"/health/{tid}/photo")
    assert s == 404
    print("ok: a tip as a photo of the handwritten page (JPEG upright without EXIF/GPS, PNG"
          " without text chunks, HEIC as JPEG), thumbnail; empty or broken refused, nothing written")


def check_plans(con, db):
    c = admin(con)
    s, _, body = c.post("/health/new", {"csrf": c.csrf("/health"), "month": "2026-13",
                                        "title": "冬季防跌倒", "body": "x"})
    assert s == 422 and "年-月" in body
    s, h, _ = c.post("/health/new", {"csrf": c.csrf("/health"), "month": "2026-12",
                                     "title": "冬季防跌倒", "body": "雨雪天出门穿防滑鞋，楼道湿滑处慢行。",
                                     "author": "社区医生 李医生"})
    assert s == 303
    assert rows(db, "SELECT month, author FROM health_tips WHERE title = '冬季防跌倒'") == [
        ("2026-12", "社区医生 李医生")]

    s, _, body = c.post("/activities/new", {"csrf": c.csrf("/activities/new"), "kind": "event",
                                            "title": "包饺子过冬至", "capacity": "两个"})
    assert s == 422 and "名额" in body
    s, h, _ = c.post("/activities/new", {"csrf": c.csrf("/activities/new"), "kind": "event",
                                         "title": "包饺子过冬至", "place": "一楼活动室",
                                         "starts": "2026-12-21T09:30", "capacity": "2"})
    assert s == 303, s
    aid = int(h["location"].rsplit("/", 1)[1])
    receipts = {}
    for room in ("101", "102", "103"):
        out = ctl(db, "add", "signup", "--activity", str(aid), "--room", room, "--party", "1")
        receipts[room] = re.search(r"\b([A-Z0-9]{6})\b", out).group(1)

    def status(room):
        got = json.loads(ctl(db, "list", "signups", "--activity", str(aid), "--json"))
        return [g["status"] for g in got if g["room"] == room][0]
    assert status("103") == "waitlisted"
    s, _, _ = c.post(f"/activities/{aid}/cancel", {"csrf": c.csrf(f"/activities/{aid}"),
                                                  "room": "101", "receipt": "ZZZZZZ"})
    assert s == 422 and status("101") == "confirmed"
    s, h, _ = c.post(f"/activities/{aid}/cancel", {"csrf": c.csrf(f"/activities/{aid}"),
                                                  "room": "101", "receipt": receipts["101"]})
    assert s == 303, s
    assert status("103") == "confirmed", "the first waiting household did not move up"
    # the activity edited: its form filled from the store, then a place more and a new room
    ctl(db, "add", "signup", "--activity", str(aid), "--room", "104", "--party", "1")
    assert status("104") == "waitlisted"
    s, _, body = c.get(f"/activities/{aid}/edit")
    assert s == 200 and 'value="包饺子过冬至"' in body and 'value="2026-12-21T09:30"' in body, s
    assert 'value="2"' in body and 'name="kind" value="event"' in body
    edit = {"csrf": c.csrf(f"/activities/{aid}/edit"), "kind": "event", "title": "包饺子过冬至",
            "place": "二楼会议室", "starts": "2026-12-21T09:30", "capacity": "3"}
    s, _, body = c.post(f"/activities/{aid}/edit", dict(edit, capacity="三个"))
    assert s == 422 and "名额" in body and 'value="二楼会议室"' in body, s
    s, _, _ = c.post("/activities/999999/edit", edit)
    assert s == 404, s
    s, h, _ = c.post(f"/activities/{aid}/edit", edit)
    assert s == 303 and "ok=saved" in h["location"], (s, h)
    assert rows(db, "SELECT place, capacity FROM activities WHERE id = ?", aid) == [("二楼会议室", 3)]
    assert status("104") == "confirmed", "a place more did not move the waiting household up"
    assert rows(db, "SELECT before, after FROM staff_audit WHERE action = 'activity.update'") == [
        ("包饺子过冬至; capacity 2; ends 0; max party 4",
         "包饺子过冬至; capacity 3; ends 0; max party 4")]  # sql/hub/038's shape
    # its end and party size: offered with their values as read, saved when changed
    s, _, body = c.get(f"/activities/{aid}/edit")
    assert 'name="ends"' in body and 'name="max_party"' in body \
        and 'name="was_max_party" value="4"' in body and 'name="was_ends" value=""' in body, s
    more = dict(edit, ends="2026-12-21T11:30", max_party="2", was_ends="", was_max_party="4")
    for bad, why in ((dict(more, max_party="30"), "每户最多"), (dict(more, ends="2026-12-21T08:00"),
                                                              "结束时间不能早于开始时间")):
        s, _, body = c.post(f"/activities/{aid}/edit", bad)
        assert s == 422 and why in body, (s, why)
    assert rows(db, "SELECT coalesce(ends_at, 0), max_party FROM activities WHERE id = ?", aid) == \
        [(0, 4)]
    s, h, _ = c.post(f"/activities/{aid}/edit", more)
    assert s == 303 and "ok=saved" in h["location"], (s, h)
    assert rows(db, "SELECT datetime(ends_at, 'unixepoch', '+8 hours'), max_party FROM activities"
                    " WHERE id = ?", aid) == [("2026-12-21 11:30:00", 2)]
    s, _, body = c.get(f"/activities/{aid}/edit")
    assert 'name="was_max_party" value="2"' in body and 'value="2026-12-21T11:30"' in body

    pid = rows(db, "SELECT id FROM polls WHERE deleted = 0 LIMIT 1")[0][0]
    s, h, data = c.request("GET", f"/polls/{pid}/votes.csv")
    assert s == 200 and data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").strip().split("\r\n")
    assert len(lines) - 1 == count(db, "votes", "poll_id = ?", pid), len(lines)
    # editing a notice keeps its id and logs before and after
    nid = rows(db, "SELECT id FROM notices WHERE deleted = 0 ORDER BY id LIMIT 1")[0][0]
    s, _, body = c.get(f"/notices/{nid}/edit")
    old, by, at = rows(db, "SELECT title, author, publish_at FROM notices WHERE id = ?", nid)[0]
    assert s == 200 and old.replace('"', "&quot;") in body
    s, h, _ = c.post(f"/notices/{nid}/edit", {"csrf": c.csrf("/notices"), "title": "改过的标题",
                                              "body": "改过的正文。", "category": "通知",
                                              "action": "publish"})
    assert s == 303 and "ok=saved" in h["location"], (s, h)
    assert rows(db, "SELECT title FROM notices WHERE id = ?", nid) == [("改过的标题",)]
    assert rows(db, "SELECT before, after FROM staff_audit WHERE action = 'notice.edit'") == [
        (f"{old}; by {by}; from {at}", f"改过的标题; by {by}; from {at}")]  # as 038's
    # its author and publish time: offered as read, saved when changed, kept when not
    s, _, body = c.get(f"/notices/{nid}/edit")
    author = rows(db, "SELECT author FROM notices WHERE id = ?", nid)[0][0]
    assert 'name="author"' in body and 'name="publish"' in body \
        and f'name="was_author" value="{author}"' in body, s
    shown = re.search(r'name="was_publish" value="([^"]*)"', body).group(1)
    form = {"csrf": c.csrf("/notices"), "title": "改过的标题", "body": "改过的正文。",
            "category": "通知", "action": "publish", "author": "康乐物业", "was_author": author,
            "publish": "2026-11-30T08:00", "was_publish": shown}
    s, _, body = c.post(f"/notices/{nid}/edit", dict(form, publish="11月30日"))
    assert s == 422 and "发布时间要写成" in body, s
    s, h, _ = c.post(f"/notices/{nid}/edit", form)
    assert s == 303 and "ok=saved" in h["location"], (s, h)
    assert rows(db, "SELECT author, datetime(publish_at, 'unixepoch', '+8 hours') FROM notices"
                    " WHERE id = ?", nid) == [("康乐物业", "2026-11-30 08:00:00")]
    s, h, _ = c.post(f"/notices/{nid}/edit", dict(form, title="又改的标题", was_author="康乐物业",
                                                  publish=shown, was_publish=shown))
    assert s == 303 and rows(db, "SELECT title, author, datetime(publish_at, 'unixepoch',"
                                 " '+8 hours') FROM notices WHERE id = ?", nid) == \
        [("又改的标题", "康乐物业", "2026-11-30 08:00:00")], "an unchanged publish time was sent"
    # the form says how a time is typed, and what emptying 署名 and 发布时间 does
    s, _, body = c.get(f"/notices/{nid}/edit")
    assert '<html lang="zh-CN">' in body and "清空：改为现在" in body and "不填：楼组长或居委会" in body
    for field in ("expires", "publish"):
        assert f'aria-describedby="{field}-format"' in body and f'id="{field}-format"' in body, field
    assert "格式：年-月-日 时:分" in body and "格式：年-月-日，" in body
    # 署名 emptied: the member's role signs it (the admin's: 居委会), as when publishing
    s, h, _ = c.post(f"/notices/{nid}/edit", dict(form, title="又改的标题", author="",
                                                  was_author="康乐物业", publish=shown,
                                                  was_publish=shown))
    assert s == 303 and rows(db, "SELECT author FROM notices WHERE id = ?", nid) == [("居委会",)]
    # /audit says these lines in words: the facts under the title, a changed one bold
    s, _, body = c.get("/audit")
    assert s == 200 and "; by " not in body and "max party" not in body and " places" not in body
    assert "<b>署名 康乐物业</b>；<b class=\"fact\">发布 2026-11-30 08:00</b>" in body, body[body.find("修改通知"):][:900]
    assert "<b>又改的标题</b><span" in body
    assert "<b>署名 居委会</b>；<span class=\"fact\">发布 2026-11-30 08:00</span>" in body
    assert "包饺子过冬至<span class=\"meta audit-facts\"><b class=\"fact\">名额 3</b>；<span class=\"fact\">结束 未定</span>；" in body
    assert "<b class=\"fact\">结束 2026-12-21 11:30</b>；<b class=\"fact\">每户最多 2 人</b>" in body
    # the hub's shapes (sql/hub/017 and 038, the same table and page over the hub), a
    # title holding "; by " itself, and a line of neither shape, shown as it is
    q = sqlite3.connect(db)
    with q:
        q.executemany("INSERT INTO staff_audit(at, login, action, target, before, after)"
                      " VALUES (1795399200, 'hubtest', ?, ?, ?, ?)", [
                          ("activity.create", "activity 9 building kangle-12", "",
                           "读书会; capacity 12, waitlist"),
                          ("notice.update", "notice 9", "停水; by 物业; from 1795399200",
                           "停水; by 物业; from 1795399200; by 楼组长; from 1795399200"),
                          ("activity.update", "activity 9", "读书会; capacity 十", "")])
    q.close()
    s, _, body = c.get("/audit")
    assert "读书会<span class=\"meta audit-facts\"><span class=\"fact\">名额 12</span>；" \
        "<span class=\"fact\">满了可以候补</span>" in body, body[body.find("hubtest"):][:1500]
    assert "<b>停水; by 物业; from 1795399200</b><span class=\"meta audit-facts\"><b>署名 楼组长" in body
    assert "<span>读书会; capacity 十</span>" in body
    assert '<span>楼 <span class="meta">building' not in body  # its first word is activity
    assert '<span>活动 <span class="meta">activity 9 building kangle-12</span>' in body
    # and what was changed, in words too (its code beside, quietly)
    assert f'<span>通知 <span class="meta">notice {nid}</span>' in body
    assert f'<span>活动 <span class="meta">activity {aid}</span>' in body

    # the roster refuses a room this building does not have, with the reason
    s, _, body = c.post("/roster/new", {"csrf": c.csrf("/roster"), "day": "2026-11-24",
                                        "slot": "上午 8:00-12:00", "person": "张阿姨", "room": "999"})
    assert s == 422 and "房号" in body, s
    s, _, _ = c.post("/roster/new", {"csrf": c.csrf("/roster"), "day": "2026-11-24",
                                     "slot": "上午 8:00-12:00", "person": "张阿姨", "room": "301"})
    assert s == 303
    s, _, body = c.get("/roster")
    assert "张阿姨" in body
    s, _, _ = c.post("/contacts/new", {"csrf": c.csrf("/roster"), "kind": "property",
                                       "name": "物业夜间值班", "phone": "021-5555 0199"})
    assert s == 303
    cid = rows(db, "SELECT id FROM contacts WHERE name = '物业夜间值班'")[0][0]
    s, _, _ = c.post(f"/contacts/{cid}/remove", {"csrf": c.csrf("/roster")})
    assert s == 303 and rows(db, "SELECT deleted FROM contacts WHERE id = ?", cid) == [(1,)]

    actions = [a for (a,) in rows(db, "SELECT action FROM staff_audit")]
    for want in ("tip.publish", "activity.create", "signup.cancel", "roster.add", "contact.add",
                 "contact.remove"):
        assert want in actions, want
    print("ok: health tip, activity created, sign-up cancelled on behalf (waitlist moves up),"
          " votes CSV, notice edited, roster and contacts")


def check_poll_and_withdraw(con, db):
    """A 楼组长 starts a consultation from the console (the kiosk lets households vote in
    it) and withdraws a cancelled activity (gone from the kiosk, sign-ups kept); refused
    input writes nothing."""
    c = Client(con.port)
    s, _, _ = c.login(LEAD[0], LEAD[2])
    assert s == 303
    s, _, body = c.get("/polls")
    assert s == 200 and 'href="/polls/new"' in body
    s, _, body = c.get("/polls/new")
    assert s == 200 and 'name="csrf"' in body and 'name="options"' in body, s
    question = "是否同意加装电梯（12号楼）"
    good = {"question": question, "description": "费用按楼层分摊，详见公告栏。",
            "options": "同意\r\n不同意\r\n  \r\n弃权 ", "closes": "2026-11-26T18:00"}
    polls, audits = count(db, "polls"), count(db, "staff_audit")
    s, _, _ = c.post("/polls/new", good)
    assert s == 403, f"a poll without csrf answered {s}"
    for bad, words in (({"options": "同意"}, "2到10个"),
                       ({"options": "\n".join(f"选项{i}" for i in range(11))}, "2到10个"),
                       ({"options": "同意\n同意"}, "一样"),
                       ({"question": "  "}, "征询事项"),
                       ({"closes": ""}, "截止时间"),
                       ({"closes": "2026-11-20T18:00"}, "晚于"),
                       ({"opens": "2026-11-27T08:00"}, "晚于"),
                       ({"closes": "下周五"}, "年-月-日"),
                       ({"question": "问" * 81}, "没有发起")):
        s, _, body = c.post("/polls/new", dict(good, csrf=c.csrf("/polls/new"), **bad))
        assert s == 422 and words in body, (bad, s, body[body.find("<main"):][:400])
        assert 'name="options"' in body  # the form again, refilled
    assert (count(db, "polls"), count(db, "staff_audit")) == (polls, audits), "a refusal wrote"
    s, h, _ = c.post("/polls/new", dict(good, csrf=c.csrf("/polls/new")))
    assert s == 303 and h["location"].startswith("/polls?ok=poll#poll-"), (s, h)
    pid = int(h["location"].rsplit("-", 1)[1])
    got = rows(db, "SELECT question, description, closes_at - opens_at FROM polls WHERE id = ?", pid)
    assert got == [(question, good["description"], 3 * 86400 + 8 * 3600)], got  # opens: now
    assert rows(db, "SELECT label FROM poll_options WHERE poll_id = ? ORDER BY sort", pid) == [
        ("同意",), ("不同意",), ("弃权",)]
    assert rows(db, "SELECT login, target, after FROM staff_audit WHERE action = 'poll.create'") == [
        (LEAD[0], f"poll {pid}", f"{question}; 同意 / 不同意 / 弃权")]
    s, _, body = c.get("/polls?ok=poll")
    assert "征询已发起" in body and question in body
    kiosk_script(db, f'goto polls\nexpect "{question}"\n')

    # an activity withdrawn (the event is cancelled): off the kiosk, its sign-ups kept
    s, h, _ = c.post("/activities/new", {"csrf": c.csrf("/activities/new"), "kind": "event",
                                         "title": "消防演练", "place": "小区广场",
                                         "starts": "2026-11-24T09:30", "capacity": "20"})
    assert s == 303, s
    aid = int(h["location"].rsplit("/", 1)[1])
    ctl(db, "add", "signup", "--activity", str(aid), "--room", "201", "--party", "1")
    kiosk_script(db, 'goto activities\nexpect "消防演练"\n')
    s, _, body = c.get(f"/activities/{aid}")
    assert f'action="/activities/{aid}/withdraw"' in body
    s, _, _ = c.post(f"/activities/{aid}/withdraw", {"csrf": "0" * 64})
    assert s == 403 and rows(db, "SELECT deleted FROM activities WHERE id = ?", aid) == [(0,)]
    s, h, _ = c.post(f"/activities/{aid}/withdraw", {"csrf": c.csrf(f"/activities/{aid}")})
    assert s == 303 and h["location"] == "/activities?ok=activity_withdrawn", (s, h)
    assert rows(db, "SELECT deleted FROM activities WHERE id = ?", aid) == [(1,)]
    listed = json.loads(ctl(db, "list", "activities", "--json"))
    assert not [a for a in listed if a["title"] == "消防演练"], listed
    assert count(db, "signups", "activity_id = ?", aid) == 1, "the sign-ups went with it"
    assert rows(db, "SELECT login, target, before FROM staff_audit "
                    "WHERE action = 'activity.withdraw'") == [(LEAD[0], f"activity {aid}", "消防演练")]
    kiosk_script(db, 'goto activities\nexpect-not "消防演练"\n')
    s, _, body = c.post(f"/activities/{aid}/withdraw", {"csrf": c.csrf("/activities")})
    assert s == 404 and "没有撤下" in body, s
    assert count(db, "staff_audit", "action = 'activity.withdraw'") == 1
    # the consultation withdrawn (put wrongly): off /polls and the kiosk, audited once
    s, _, body = c.get("/polls")
    assert f'action="/polls/{pid}/withdraw"' in body
    s, _, _ = c.post(f"/polls/{pid}/withdraw", {"csrf": "0" * 64})
    assert s == 403 and rows(db, "SELECT deleted FROM polls WHERE id = ?", pid) == [(0,)]
    s, h, _ = c.post(f"/polls/{pid}/withdraw", {"csrf": c.csrf("/polls")})
    assert s == 303 and h["location"] == "/polls?ok=poll_withdrawn", (s, h)
    assert rows(db, "SELECT deleted FROM polls WHERE id = ?", pid) == [(1,)]
    s, _, body = c.get(h["location"])
    assert "征询已撤下" in body and question not in body
    assert rows(db, "SELECT login, target, before FROM staff_audit "
                    "WHERE action = 'poll.withdraw'") == [(LEAD[0], f"poll {pid}", question)]
    kiosk_script(db, f'goto polls\nexpect-not "{question}"\n')
    s, _, body = c.post(f"/polls/{pid}/withdraw", {"csrf": c.csrf("/polls")})
    assert s == 404 and "没有撤下" in body, s
    assert count(db, "staff_audit", "action = 'poll.withdraw'") == 1
    s, _, body = admin(con).get("/audit")
    assert "发起征询" in body and "撤下活动" in body and "撤下征询" in body
    print("ok: a consultation started from the console (on the kiosk, audited; bad input"
          " refused, nothing written) and withdrawn, an activity withdrawn (off the kiosk,"
          " audited)")


def write(db, sql, *args):
    """One statement on db, committed (a stand-in for what staff did another way)."""
    with sqlite3.connect(db) as con:
        con.execute(sql, args)
    con.close()


def check_confirmations(con, db):
    """Every form that posts to a .../withdraw, /remove, /cancel or /disable address sits
    in a <details class="confirm"> (one more tap, no script); the album's says how many
    photos go with it, the poll's that the votes stay."""
    c = admin(con)
    aid = rows(db, "SELECT a.id FROM activities a JOIN signups s ON s.activity_id = a.id "
                   "WHERE a.deleted = 0 LIMIT 1")[0][0]
    # a portrait still waiting for its consent: on no screen, so 撤下 does not count it
    # among those that go from the screens (and says it goes too)
    with tempfile.TemporaryDirectory() as d:
        ctl(db, "photo", "sample", os.path.join(d, "waiting.png"), "--size", "333x444")
        ctl(db, "photo", "add", os.path.join(d, "waiting.png"), "--album", "笑脸墙",
            "--name", "还没同意的邻居")
    album, photos = rows(db, "SELECT a.id, count(p.id) FROM albums a JOIN photos p ON "
                             "p.album_id = a.id AND p.deleted = 0 AND p.consent = 1 "
                             "WHERE a.name = '笑脸墙'")[0]
    waiting = rows(db, "SELECT count(*) FROM photos WHERE album_id = ? AND deleted = 0 "
                       "AND consent = 0", album)[0][0]
    assert photos and waiting >= 1, (photos, waiting)
    kinds = set()
    for path in ("/notices", "/health", f"/photos?album={album}", "/polls",
                 f"/activities/{aid}", "/phrases", "/roster", "/staff"):
        s, _, body = c.get(path)
        assert s == 200, (path, s)
        forms = guarded_forms(body)
        assert forms, f"{path}: no destructive form found"
        bare = [a for a, ok, _ in forms if not ok]
        assert not bare, f"{path}: posted in one tap: {bare}"
        kinds.update(DESTRUCTIVE.search(a).group(1) for a, _, _ in forms)
        for action, _, text in forms:
            if action == f"/albums/{album}/withdraw":
                assert (f"相册里在屏上显示的{photos}张照片会和相册一起，从楼道屏上消失；"
                        f"另有{waiting}张没有同意展示") in text, text
            if action.startswith("/polls/"):
                assert "票不删" in text, text
    assert kinds == {"withdraw", "remove", "cancel", "disable"}, kinds
    assert any(a == f"/albums/{album}/withdraw" for a, _, _ in
               guarded_forms(c.get(f"/photos?album={album}")[2]))
    # the same album with every photo shown: no word of the others
    write(db, "UPDATE photos SET consent = 1 WHERE album_id = ? AND consent = 0", album)
    text = [t for a, _, t in guarded_forms(c.get(f"/photos?album={album}")[2])
            if a == f"/albums/{album}/withdraw"]
    assert len(text) == 1 and f"相册里的{photos + waiting}张照片会和相册一起，从楼道屏上消失。" \
        in text[0] and "另有" not in text[0], text
    write(db, "UPDATE photos SET consent = 0 WHERE person_name = '还没同意的邻居'")
    print("ok: every withdraw, remove, cancel and disable form is behind a <details"
          f" class=\"confirm\"> (the 笑脸墙's says its {photos} photos shown go from the"
          f" screens, and the {waiting} without consent with it)")


def server_socket(pid, peer):
    """The console's own socket of the connection from peer (our end's address), taken
    with pidfd_getfd(2), or None where the kernel does not allow that."""
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if not os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:"):
                    continue
            except FileNotFoundError:
                continue
            got = libc.syscall(438, pidfd, int(fd), 0)  # SYS_pidfd_getfd
            if got < 0:
                if ctypes.get_errno() in (errno.EPERM, errno.ENOSYS):
                    return None
                continue
            s = socket.socket(fileno=got)
            try:
                if s.type == socket.SOCK_STREAM and s.getpeername() == peer:
                    return s
            except OSError:  # the listening socket: no peer
                pass
            s.close()
    finally:
        os.close(pidfd)
    raise AssertionError(f"no console socket with the peer {peer}")


def check_preview_folder_links(con, tmp, previews):
    """A preview's folder goes whole at logout, and what a link in it points to stays: the
    links are removed, never followed (a folder and a file outside, linked from the
    folder and from a variant's folder inside it)."""
    c = admin(con)
    before = set(os.listdir(previews))
    s, _, _ = c.post("/notices/new", {"csrf": c.csrf("/notices/new"), "title": "链接不跟随",
                                      "body": "预览的文件夹删掉时，链接指向的东西要留着。",
                                      "category": "通知", "action": "preview"})
    assert s == 200, s
    new = [f for f in set(os.listdir(previews)) - before if f.startswith("yanxia-preview-")]
    assert len(new) == 1, new
    folder = os.path.join(previews, new[0])
    outside = os.path.join(tmp, "outside-the-preview")
    os.makedirs(os.path.join(outside, "inner"))
    for name in ("precious.txt", os.path.join("inner", "also.txt")):
        with open(os.path.join(outside, name), "w") as f:
            f.write("留着")
    variant = next(e.path for e in os.scandir(folder) if e.is_dir(follow_symlinks=False))
    os.symlink(outside, os.path.join(folder, "to-folder"))
    os.symlink(os.path.join(outside, "precious.txt"), os.path.join(folder, "to-file"))
    os.symlink(outside, os.path.join(variant, "deeper-link"))
    os.makedirs(os.path.join(variant, "a", "b"))
    os.symlink(os.path.join(outside, "inner"), os.path.join(variant, "a", "b", "link"))
    s, _, _ = c.post("/logout", {"csrf": c.csrf("/")})
    assert s == 303, s
    assert not os.path.lexists(folder), os.listdir(folder)
    kept = sorted(os.path.relpath(os.path.join(d, f), outside)
                  for d, _, files in os.walk(outside) for f in files)
    assert kept == ["inner/also.txt", "precious.txt"], kept
    shutil.rmtree(outside)
    print("ok: a preview's folder removed whole at logout, the links in it not followed")


def check_keepalive(con):
    """Every connection the console accepts has TCP keepalive with short timers (5 s
    idle, then 4 probes 3 s apart: a phone gone from the Wi-Fi is found dead in 17 s,
    which the preview waiter sees as a hang-up), seen from outside (ss: the keepalive
    timer runs, due within 5 s, not the kernel's 2 hours) and on the socket itself."""
    with socket.create_connection(("127.0.0.1", con.port)) as sock:
        sock.sendall(b"GET /login HTTP/1.1\r\n")  # half a request: the console waits
        port = sock.getsockname()[1]
        until("the console's side of the connection", lambda: subprocess.run(
            ["ss", "-tnoH", "state", "established", f"( sport = :{con.port} and dport = :{port} )"],
            capture_output=True, text=True).stdout.strip())
        line = subprocess.run(["ss", "-tnoH", "state", "established",
                               f"( sport = :{con.port} and dport = :{port} )"],
                              capture_output=True, text=True, check=True).stdout
        m = re.search(r"timer:\(keepalive,(?:(\d+)min)?([\d.]+)(m?s)(?:ec)?,0\)", line)
        assert m, f"no keepalive timer on the console's side: {line!r}"
        due = int(m.group(1) or 0) * 60 + float(m.group(2)) / (1000 if m.group(3) == "ms" else 1)
        assert due <= 5, f"the first keepalive probe is {due} s away: {line!r}"
        server = server_socket(con.proc.pid, sock.getsockname())
        if server is None:
            print("ok: keepalive on the console's connections, first probe within 5 s (ss); "
                  "pidfd_getfd not allowed here, the intervals not read")
            return
        with server:
            got = [server.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)] + [
                server.getsockopt(socket.IPPROTO_TCP, o)
                for o in (socket.TCP_KEEPIDLE, socket.TCP_KEEPINTVL, socket.TCP_KEEPCNT)]
        assert got == [1, 5, 3, 4], got
    print("ok: keepalive on the console's connections: 5 s idle, 4 probes 3 s apart (17 s)")


def check_https(db, tmp):
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-days", "30", "-subj", "/CN=127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    con = Console(db, "--cert", cert, "--key", key)
    try:
        assert con.scheme == "https"
        c = Client(con.port, tls=True)
        s, h, _ = c.login(ADMIN[0], ADMIN[2])
        assert s == 303
        cookie = [x for x in h["set-cookie"].split("\n") if x.startswith("yx_session=")][0]
        assert "; Secure" in cookie, cookie
        assert c.get("/")[0] == 200
        try:
            Client(con.port).get("/login")  # plain HTTP to the HTTPS port
        except Exception:
            pass
        else:
            raise AssertionError("plain HTTP was answered on the HTTPS port")
    finally:
        con.stop()
    r = subprocess.run([os.environ["YANXIA_CONSOLE"], "--db", db, "--cert", cert],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "go together" in r.stderr
    print("ok: HTTPS with a certificate; Secure cookies; plain HTTP not answered")


def check_preview_failure(db, tmp):
    """No kiosk program to draw with: the staff member reads why, keeps the draft, and no
    scratch folder or kiosk process is left behind."""
    scratch = os.path.join(tmp, "preview-fail")
    os.mkdir(scratch)
    con = Console(db, env=dict(os.environ, TMPDIR=scratch, YANXIA=os.path.join(tmp, "no-kiosk")))
    try:
        c = admin(con)
        fields = {"csrf": c.csrf("/notices/new"), "title": "画不出来的通知", "body": "正文还在。",
                  "category": "通知", "action": "preview"}
        s, _, body = c.post("/notices/new", fields)
        assert s == 422 and "预览没有做出来" in body and "找不到楼道屏程序" in body, (s, body[-800:])
        assert 'value="画不出来的通知"' in body and "正文还在。" in body  # the draft is kept
        assert os.listdir(scratch) == [], os.listdir(scratch)
        children = subprocess.run(["pgrep", "-P", str(con.proc.pid)], capture_output=True,
                                  text=True).stdout.split()
        assert children == [], children  # every kiosk started was waited for
    finally:
        con.stop()


def slow_kiosk(tmp):
    """A kiosk program that waits for one line at a FIFO the test writes to, then is the
    real kiosk: a preview whose kiosks the test holds. Its path is the marker pgrep looks
    for (read is a shell builtin: a killed wrapper leaves no child behind)."""
    d = tempfile.mkdtemp(prefix="slow-kiosk-", dir=tmp)
    fifo = os.path.join(d, "go")
    os.mkfifo(fifo)
    wrapper = os.path.join(d, "yanxia-held")
    with open(wrapper, "w") as f:
        f.write(f'#!/bin/sh\nread -r _ < "{fifo}"\nexec "{os.environ["YANXIA"]}" "$@"\n')
    os.chmod(wrapper, 0o755)
    return wrapper, fifo


def held_kiosks(wrapper):
    """The pids of the kiosks still waiting at the FIFO."""
    return subprocess.run(["pgrep", "-f", wrapper], capture_output=True, text=True).stdout.split()


def until(what, pred):
    """Waits for pred() to hold: a bound for a broken build, not a timing assertion."""
    for _ in range(12000):
        if pred():
            return
        time.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


def preview_in_background(c, title):
    """Posts a preview from c on a thread; returns the thread and where its answer goes."""
    answer = {}
    fields = {"csrf": c.csrf("/notices/new"), "title": title, "body": "预览时别人照常用后台。",
              "category": "通知", "action": "preview"}

    def run():
        try:
            answer["got"] = c.post("/notices/new", fields)
        except OSError as e:  # the console closed the connection (it is stopping)
            answer["error"] = e

    t = threading.Thread(target=run)
    t.start()
    return t, answer


def release(fifo, kiosks=4):
    """Lets that many held kiosks go: one line each. The FIFO stays open for writing (the
    fd returned) so a kiosk that opens it later still finds its line."""
    fd = os.open(fifo, os.O_RDWR)
    os.write(fd, b"go\n" * kiosks)
    return fd


def check_preview_async(db, tmp):
    """A preview's kiosks draw while other staff are served: with the kiosks held at a
    FIFO, another session's page and roster post are answered and the previews are not,
    and a fourth preview at once is refused (503); let go, they answer with their four
    pictures. A session that logs out meanwhile has its kiosks killed at once, gets no
    pictures and leaves no folder; a kiosk that hangs is killed at the timeout while
    others are served; SIGTERM meanwhile kills the kiosks, and the console exits 0 with
    nothing left behind."""
    wrapper, fifo = slow_kiosk(tmp)
    scratch = os.path.join(tmp, "preview-async")
    os.mkdir(scratch)
    env = dict(os.environ, TMPDIR=scratch, YANXIA=wrapper)
    con = Console(db, env=env)
    try:
        c = admin(con)
        t, answer = preview_in_background(c, "电梯年检期间请走楼梯")
        more = [preview_in_background(admin(con), f"同时的预览{i}") for i in (2, 3)]
        until("three previews' kiosks held", lambda: len(held_kiosks(wrapper)) == 12)
        fourth = admin(con)
        s, _, body = fourth.post("/notices/new", {
            "csrf": fourth.csrf("/notices/new"), "title": "第四个预览", "body": "x",
            "category": "通知", "action": "preview"})
        assert s == 503 and "预览太多" in body and 'value="第四个预览"' in body, s
        other = admin(con)
        s, _, body = other.get("/")
        assert s == 200 and "待办" in body, s
        s, _, _ = other.post("/roster/new", {"csrf": other.csrf("/roster"), "day": "2026-11-25",
                                             "slot": "下午 13:00-17:00", "person": "预览时值班",
                                             "room": "302"})
        assert s == 303, s
        assert count(db, "roster", "person = ?", "预览时值班") == 1
        assert t.is_alive() and not answer, "the preview answered before its kiosks drew"
        fd = release(fifo, 12)
        for t2, answer2 in more:
            t2.join(120)
            assert answer2["got"][0] == 200 and answer2["got"][2].count(
                'src="/notices/preview/') == 4, answer2
        t.join(120)
        os.close(fd)
        assert not t.is_alive() and "got" in answer, answer
        s, _, body = answer["got"]
        assert s == 200, (s, body[-600:])
        srcs = re.findall(r'<img src="(/notices/preview/[1-4]\.png)\?v=[0-9a-f]+"', body)
        assert srcs == [f"/notices/preview/{i}.png" for i in range(1, 5)], srcs
        for i, (w, h) in enumerate([(1080, 1920)] * 2 + [(1920, 1080)] * 2, start=1):
            s, hd, png = c.request("GET", f"/notices/preview/{i}.png")
            assert s == 200 and png[:8] == b"\x89PNG\r\n\x1a\n", (i, s)
            size = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))
            assert size == (w, h), (i, size)
        print("ok: a preview's kiosks draw while another session's page and post are answered")

        # logged out while the kiosks draw: they are killed at once (never let go here),
        # no pictures for anybody, no folder left (the two other sessions keep their
        # pictures; this one's earlier go with the logout)
        others = set(os.listdir(scratch))
        assert len(others) == 3, others
        t, answer = preview_in_background(c, "退出登录时的预览")
        until("four preview kiosks held", lambda: len(held_kiosks(wrapper)) == 4)
        kiosks = set(held_kiosks(wrapper))
        same = Client(con.port)
        same.cookies = dict(c.cookies)
        s, _, _ = same.post("/logout", {"csrf": same.csrf("/")})
        assert s == 303, s
        until("the logged-out session's kiosks reaped", lambda: gone(kiosks))
        t.join(120)
        s, _, body = answer["got"]
        assert s == 403 and "请先登录" in body, (s, body[-600:])
        until("the session's preview folders removed",
              lambda: len(os.listdir(scratch)) == 2 and set(os.listdir(scratch)) < others)
        print("ok: a session that logs out while its preview draws: kiosks killed at once, "
              "403, no pictures, no folder")

        # one kiosk hangs: killed at the timeout, others served meanwhile, the draft kept
        c = admin(con)
        t, answer = preview_in_background(c, "有一台画不完")
        until("four preview kiosks held", lambda: len(held_kiosks(wrapper)) == 4)
        fd = release(fifo, 3)
        until("three kiosks let go", lambda: len(held_kiosks(wrapper)) == 1)
        s, _, _ = other.get("/notices")
        assert s == 200 and t.is_alive(), s
        t.join(120)
        os.close(fd)
        s, _, body = answer["got"]
        assert s == 422 and "没有画完" in body and 'value="有一台画不完"' in body, (s, body[-600:])
        assert held_kiosks(wrapper) == [], held_kiosks(wrapper)
        s, _, _ = c.request("GET", "/notices/preview/1.png")
        assert s == 404, s
        print("ok: a kiosk that hangs is killed at the timeout while others are served")
    finally:
        con.stop()

    # SIGTERM while the kiosks draw
    con = Console(db, env=env)
    c = admin(con)
    t, answer = preview_in_background(c, "停止时的预览")
    until("four preview kiosks held", lambda: len(held_kiosks(wrapper)) == 4)
    held = held_kiosks(wrapper)
    con.stop()  # exit code 0 asserted there
    t.join(120)
    assert not t.is_alive()
    assert "error" in answer or (answer["got"][0] == 422 and "后台正在停止" in answer["got"][2]), \
        answer
    assert held_kiosks(wrapper) == [], held_kiosks(wrapper)
    for pid in held:  # killed and reaped, not left as orphans or zombies
        assert not os.path.exists(f"/proc/{pid}"), pid
    assert os.listdir(scratch) == [], os.listdir(scratch)
    print("ok: SIGTERM while a preview draws: kiosks killed, console exits 0, nothing left")


def check_albums(con, db, tmp):
    """An album renamed, edited (kind, description, date, sort; the name alone a rename)
    and withdrawn with its photos from /photos, each audited; a name taken, a bad date,
    sort or kind, a bad token, an album withdrawn already: refused, nothing written."""
    c = admin(con)
    ctl(db, "add", "album", "--name", "春节联欢", "--description", "年夜饭")
    aid = rows(db, "SELECT id FROM albums WHERE name = '春节联欢'")[0][0]
    path = os.path.join(tmp, "spring.png")
    ctl(db, "photo", "sample", path, "--size", "320x240")
    ctl(db, "photo", "add", path, "--album", "春节联欢", "--consent")
    s, _, body = c.get(f"/photos?album={aid}")
    assert f'href="/albums/{aid}/edit"' in body and f'action="/albums/{aid}/withdraw"' in body
    s, _, _ = c.post(f"/albums/{aid}/rename", {"csrf": "0" * 64, "name": "越权"})
    assert s == 403
    s, _, body = c.post(f"/albums/{aid}/rename", {"csrf": c.csrf("/photos"), "name": "笑脸墙"})
    assert s == 422 and "相册没有改名" in body, s
    s, h, _ = c.post(f"/albums/{aid}/rename", {"csrf": c.csrf("/photos"), "name": "春节游园"})
    assert s == 303 and h["location"] == f"/photos?album={aid}&ok=album_renamed", (s, h)
    assert rows(db, "SELECT name, description FROM albums WHERE id = ?", aid) == [("春节游园", "年夜饭")]
    # the album's edit form: kind, description, date and sort too, only what changed saved
    s, _, body = c.get(f"/albums/{aid}/edit")
    assert s == 200 and f'action="/albums/{aid}/edit"' in body and 'value="春节游园"' in body \
        and "年夜饭</textarea>" in body and 'name="was_description" value="年夜饭"' in body, s
    form = {"csrf": c.csrf(f"/albums/{aid}/edit"), "name": "春节游园", "kind": "portraits",
            "description": "年夜饭和<舞龙>", "date": "2027-02-06", "sort": "5",
            "was_kind": "event", "was_description": "年夜饭", "was_date": "", "was_sort": "0"}
    before = rows(db, "SELECT name, kind, description, event_at, sort FROM albums WHERE id = ?", aid)
    for bad, why in ((dict(form, date="2027年2月6日"), "年-月-日"), (dict(form, sort="五"), "排序要写"),
                     (dict(form, kind="风景"), "没有保存"), (dict(form, name="笑脸墙"), "没有保存")):
        s, _, body = c.post(f"/albums/{aid}/edit", bad)
        assert s == 422 and why in body and "&lt;舞龙&gt;" in body, (s, why)
    assert rows(db, "SELECT name, kind, description, event_at, sort FROM albums WHERE id = ?",
                aid) == before
    s, h, _ = c.post(f"/albums/{aid}/edit", form)
    assert s == 303 and h["location"] == f"/photos?album={aid}&ok=album_saved", (s, h)
    s, _, body = c.get(h["location"])
    assert "相册已修改" in body
    day = rows(db, "SELECT strftime('%Y-%m-%d', event_at, 'unixepoch', '+8 hours') FROM albums"
                   " WHERE id = ?", aid)[0][0]
    assert rows(db, "SELECT name, kind, description, sort FROM albums WHERE id = ?", aid) == \
        [("春节游园", "portraits", "年夜饭和<舞龙>", 5)] and day == "2027-02-06", day
    # the name alone changed: a rename, the rest as it is
    s, _, body = c.get(f"/albums/{aid}/edit")
    assert 'name="was_sort" value="5"' in body and 'name="was_date" value="2027-02-06"' in body
    s, h, _ = c.post(f"/albums/{aid}/edit", dict(form, name="春节晚会", description="年夜饭和<舞龙>",
                                                  was_kind="portraits", was_description="年夜饭和<舞龙>",
                                                  was_date="2027-02-06", was_sort="5"))
    assert s == 303 and h["location"] == f"/photos?album={aid}&ok=album_renamed", (s, h)
    assert rows(db, "SELECT name, kind, sort FROM albums WHERE id = ?", aid) == \
        [("春节晚会", "portraits", 5)]
    s, _, _ = c.post("/albums/999999/edit", form)
    assert s == 404, s
    s, _, _ = c.get("/albums/999999/edit")
    assert s == 404, s
    day_at = rows(db, "SELECT event_at FROM albums WHERE id = ?", aid)[0][0]
    s, h, _ = c.post(f"/albums/{aid}/withdraw", {"csrf": c.csrf("/photos")})
    assert s == 303 and h["location"] == "/photos?ok=album_withdrawn", (s, h)
    s, _, body = c.get(h["location"])
    assert "相册和其中的照片已撤下" in body and "春节晚会" not in body
    assert rows(db, "SELECT deleted FROM albums WHERE id = ?", aid) == [(1,)]
    assert count(db, "photos", "album_id = ? AND deleted = 0", aid) == 0
    s, _, body = c.post(f"/albums/{aid}/withdraw", {"csrf": c.csrf("/photos")})
    assert s == 404 and "相册没有撤下" in body, s
    assert rows(db, "SELECT action, before, after FROM staff_audit WHERE target = ? ORDER BY id",
                f"album {aid}") == [("album.rename", "春节联欢", "春节游园"),
                                    ("album.update",
                                     '{"kind": "event", "sort": 0, "event_at": null, '
                                     '"description": "年夜饭"}',
                                     f'{{"kind": "portraits", "sort": 5, "event_at": {day_at}, '
                                     '"description": "年夜饭和<舞龙>"}'),
                                    ("album.rename", "春节游园", "春节晚会"),
                                    ("album.withdraw", "春节晚会 (1 photos)", "")]
    s, _, body = c.get("/audit")
    assert "相册改名" in body and "撤下相册" in body and "修改相册" in body
    print("ok: an album renamed, edited and withdrawn with its photos from /photos (audited;"
          " a taken name, a bad date, sort or kind, a bad token and an album gone refused)")


def audit_row(body, target):
    """The /audit row of the newest line whose target is target (its HTML)."""
    found = [r for r in body.split("<tr>") if f">{target}</span>" in r]
    assert found, target
    return found[0]  # the newest


def check_audit_view(con, db):
    """/audit shows an in-place edit's JSON of the changed fields as a list of them in
    Chinese: an album edit's 排序 1 → 2 and its date as a date, a notice's pinning as 是/否,
    its expiry as a time, a long body folded, a title's <script> escaped; a key it does not
    know shown as it is; JSON that is broken, not an object or followed by more shown as
    stored. The stored lines stay as they were written."""
    c = admin(con)
    ctl(db, "add", "album", "--name", "重阳登高")
    aid = rows(db, "SELECT id FROM albums WHERE name = '重阳登高' AND deleted = 0")[0][0]
    for sort, date in (("1", ""), ("2", "2026-10-29")):
        form = form_fields(c.get(f"/albums/{aid}/edit")[2])
        s, _, _ = c.post(f"/albums/{aid}/edit", dict(form, kind="event", sort=sort, date=date))
        assert s == 303, s
    day_at = rows(db, "SELECT event_at FROM albums WHERE id = ?", aid)[0][0]
    assert rows(db, "SELECT before, after FROM staff_audit WHERE target = ? ORDER BY id DESC"
                    " LIMIT 1", f"album {aid}") == \
        [('{"sort": 1, "event_at": null}', f'{{"sort": 2, "event_at": {day_at}}}')]
    # lines as the hub's and the other in-place edits write them, and lines that only
    # look like JSON (stand-ins: the log takes no edits, only new lines)
    body_was = "各位居民：" + "本周六上午九点在小区广场集合。" * 6
    lines = (("notice.update", "notice 9001",
              '{"title": "旧标题", "body": %s, "pinned": 0, "expires_at": null, "colour": "red"}'
              % json.dumps(body_was, ensure_ascii=False),
              '{"title": "<script>alert(1)</script>新标题", "body": "短的正文", "pinned": 1, '
              '"expires_at": 1764547200, "colour": "blue"}'),
             ("activity.update", "activity 9002", '{"kind": "event", "waitlist": 1}',
              '{"kind": "team", "waitlist": 0, "starts_at": 1764547200}'),
             ("notice.update", "notice 9007", json.dumps({"body": body_was}, ensure_ascii=False),
              json.dumps({"body": body_was[:-12] + "下午两点在小区广场集合。"}, ensure_ascii=False)),
             ("album.update", "album 9003", '{"sort": 1', '{"sort": 2}'),
             ("album.update", "album 9004", '{"sort": 1} {"sort": 3}', '{"sort": 2}'),
             ("album.update", "album 9005", '[1]', '{"sort": 2}'),
             ("album.update", "album 9006", '{"name": "x"}', '{"name": "\\ud800"}'),
             # not JSON as RFC 8259 has it, or nested beyond what an edit writes: as stored
             ("album.update", "album 9008", b'{"name": "\xff"}', '{"sort": 2}'),
             ("album.update", "album 9009", '{"a": [[[[[[[[[[1]]]]]]]]]]}', '{"sort": 2}'),
             ("album.update", "album 9010", '{"sort": NaN}', '{"sort": 2}'),
             ("album.update", "album 9011", "{'sort': 1}", '{"sort": 2}'),
             ("album.update", "album 9012", '{"sort": 1,}', '{"sort": 2}'),
             ("album.update", "album 9013", '{"sort": 1 /* was */}', '{"sort": 2}'),
             ("album.update", "album 9014", '"{}"', '{"sort": 2}'),
             ("album.update", "album 9015", '{"sort": 1.}', '{"sort": 2}'),
             ("album.update", "album 9016", '{"sort": 1e999}', '{"sort": 2}'),
             ("album.update", "album 9017", '{"name": "a\tb"}', '{"sort": 2}'),
             ("album.update", "album 9018", '{"sort": 99999999999999999999}', '{"sort": 2}'),
             # what is JSON shows field by field: nesting, escapes, exponents, true
             ("album.update", "album 9019", '{"options": ["同意", "不同意"], "sort": -1.5e1}',
              '{"options": ["同意", "反对", "\\"弃权\\""], "sort": 2, "pinned": true}'))
    for action, target, before, after in lines:
        write(db, "INSERT INTO staff_audit(at, login, action, target, before, after) "
                  "VALUES (1764547200, 'zhangmin', ?, ?, ?, ?)", action, target, before, after)
    stored = rows(db, "SELECT before, after FROM staff_audit ORDER BY id")
    s, _, body = c.get("/audit")
    assert s == 200, s
    row = audit_row(body, f"album {aid}")
    assert '<td data-label="改动" class="changes" colspan="2">' in row, row
    assert '<span class="field">排序</span><span class="was">1</span> → ' \
        '<span class="now">2</span>' in row, row
    assert '<span class="field">日期</span><span class="was"><span class="meta">（无）</span>' \
        '</span> → <span class="now">2026-10-29</span>' in row, row
    row = audit_row(body, "notice 9001")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;新标题" in row and "<script>" not in row, row
    assert '<span class="field">标题</span><span class="was">旧标题</span>' in row, row
    assert '<span class="field">置顶</span><span class="was">否</span> → ' \
        '<span class="now">是</span>' in row, row
    # 2025-12-01 00:00 UTC is 08:00 in Beijing, the kiosk's zone
    assert '<span class="now">2025-12-01 08:00</span>' in row, row
    assert '<span class="field">正文</span><div class="was"><span class="meta">原来：</span>' \
        '<details class="long">' in row and '<span class="more">' in row and "短的正文" in row, row
    assert '<span class="field">colour</span><span class="was">red</span> → ' \
        '<span class="now">blue</span>' in row, row
    # an edit deep in a long body: both excerpts start a little before it, not at the top
    excerpts = re.findall(r'<span class="excerpt">([^<]*)</span>', audit_row(body, "notice 9007"))
    assert len(excerpts) == 2 and all(e.startswith("…") for e in excerpts) and \
        "上午九点在小区广场集合。" in excerpts[0] and excerpts[1].endswith("下午两点在小区广场集合。"), \
        excerpts
    row = audit_row(body, "activity 9002")
    assert '<span class="field">类型</span><span class="was">活动</span> → ' \
        '<span class="now">长期团队</span>' in row, row
    assert '<span class="field">候补</span><span class="was">是</span> → ' \
        '<span class="now">否</span>' in row, row
    assert '<span class="field">开始时间</span><span class="was"><span class="meta">（未记）' \
        '</span></span> → <span class="now">2025-12-01 08:00</span>' in row, row
    for target, raw in (("album 9003", "{&quot;sort&quot;: 1</span>"),
                        ("album 9004", "{&quot;sort&quot;: 1} {&quot;sort&quot;: 3}</span>"),
                        ("album 9005", "<span>[1]</span>"),
                        ("album 9008", "<span>{&quot;name&quot;: &quot;\ufffd&quot;}</span>"),
                        ("album 9009", "[[[[[[[[[[1]]]]]]]]]]"), ("album 9010", "NaN"),
                        ("album 9011", "{&#39;sort&#39;: 1}"), ("album 9012", "1,}"),
                        ("album 9013", "/* was */"), ("album 9014", "&quot;{}&quot;"),
                        ("album 9015", "1.}"), ("album 9016", "1e999"), ("album 9017", "a\tb"),
                        ("album 9018", "99999999999999999999")):
        row = audit_row(body, target)
        assert "changes" not in row and raw in row and \
            '<td data-label="之后" class="text"><span>{&quot;sort&quot;: 2}</span>' in row, row
    row = audit_row(body, "album 9019")
    assert '<span class="field">选项</span><span class="was">同意、不同意</span> → ' \
        '<span class="now">同意、反对、&quot;弃权&quot;</span>' in row and \
        '<span class="was">-1.5e1</span>' in row and \
        '<span class="field">置顶</span><span class="was"><span class="meta">（未记）</span>' \
        '</span> → <span class="now">是</span>' in row, row
    # a lone surrogate escaped in the JSON: the replacement character, still valid UTF-8
    assert '<span class="was">x</span> → <span class="now">\ufffd</span>' in \
        audit_row(body, "album 9006")
    assert rows(db, "SELECT before, after FROM staff_audit ORDER BY id") == stored
    print("ok: /audit shows an in-place edit's changed fields in Chinese (排序 1 → 2, a date,"
          " 是/否, a long body folded, <script> escaped); broken or other JSON as stored")


def thread_wakeups(pid):
    """Each thread's context switches so far, by thread id: how often it has woken."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                status = f.read()
        except FileNotFoundError:  # the thread ended meanwhile
            continue
        out[tid] = sum(int(n) for n in re.findall(r"voluntary_ctxt_switches:\s+(\d+)", status))
    return out


def preview_then_hang_up(c, title):
    """Posts a preview from c on a connection of its own and returns the connection with
    the answer unread: closing it is a browser that goes away while the kiosks draw."""
    fields = {"csrf": c.csrf("/notices/new"), "title": title, "body": "还没画完就关了页面。",
              "category": "通知", "action": "preview"}
    conn = http.client.HTTPConnection("127.0.0.1", c.port, timeout=60)
    conn.request("POST", "/notices/new", body=urllib.parse.urlencode(fields).encode(), headers={
        "Cookie": "; ".join(f"{k}={v}" for k, v in c.cookies.items()),
        "Content-Type": "application/x-www-form-urlencoded"})
    return conn


def gone(pids):
    """Every process of pids has ended and been waited for (no zombie left either)."""
    return all(not os.path.exists(f"/proc/{pid}") for pid in pids)


def check_preview_events(db, tmp):
    """The waiter sleeps while kiosks draw (it wakes for an event, not every few ms); a
    browser that goes away while its preview draws has its kiosks killed and its slot
    freed at once, while the previews started before it draw on; the same session asking
    for a second preview supersedes the first (its kiosks killed, its page answered 409
    with the draft), and the second's pictures are the session's; a session logging out
    while its preview draws has its kiosks killed and its slot freed at once."""
    wrapper, fifo = slow_kiosk(tmp)
    scratch = os.path.join(tmp, "preview-events")
    os.mkdir(scratch)
    # nothing here waits for the kiosks' timeout: it is long, so that kiosks held at the
    # FIFO are still held when a loaded machine gets to them
    con = Console(db, env=dict(os.environ, TMPDIR=scratch, YANXIA=wrapper,
                               YANXIA_PREVIEW_TIMEOUT_MS="600000"))
    try:
        # two previews held at the FIFO; nothing wakes meanwhile (the waiter polled every
        # 10 ms before: some 100 wakeups a second; ThreadSanitizer's own thread wakes 10)
        b, c2 = admin(con), admin(con)
        tb, answer_b = preview_in_background(b, "先开始的预览")
        until("four preview kiosks held", lambda: len(held_kiosks(wrapper)) == 4)
        kiosks_b = set(held_kiosks(wrapper))
        tc, answer_c = preview_in_background(c2, "第二个预览")
        until("eight preview kiosks held", lambda: len(held_kiosks(wrapper)) == 8)
        kiosks_c = set(held_kiosks(wrapper)) - kiosks_b
        before, t0 = thread_wakeups(con.proc.pid), time.monotonic()
        time.sleep(1)  # a window to count wakeups in, not a wait for anything
        after, elapsed = thread_wakeups(con.proc.pid), time.monotonic() - t0
        busiest = max(after[t] - before[t] for t in after if t in before)
        assert busiest <= 30 * elapsed, f"a console thread woke {busiest} times in {elapsed:.1f} s"
        print(f"ok: while kiosks draw, the console's busiest thread woke {busiest} times "
              f"in {elapsed:.1f} s")

        # a third preview whose browser hangs up: killed and reaped at once, B and C
        # (whose deadlines come first) still held, its folder gone, its slot free
        a = admin(con)
        folders = set(os.listdir(scratch))
        conn = preview_then_hang_up(a, "浏览器关掉的预览")
        until("twelve preview kiosks held", lambda: len(held_kiosks(wrapper)) == 12)
        kiosks_a = set(held_kiosks(wrapper)) - kiosks_b - kiosks_c
        folder_a = set(os.listdir(scratch)) - folders
        assert len(kiosks_a) == 4 and len(folder_a) == 1, (kiosks_a, folder_a)
        conn.close()
        until("the hung-up preview's kiosks reaped", lambda: gone(kiosks_a))
        assert kiosks_b | kiosks_c <= set(held_kiosks(wrapper)), "other previews were stopped"
        assert tb.is_alive() and tc.is_alive() and not answer_b and not answer_c
        until("the hung-up preview's folder removed",
              lambda: not os.path.exists(os.path.join(scratch, *folder_a)))
        td, answer_d = preview_in_background(admin(con), "空出来的位置")
        until("a preview in the freed slot",
              lambda: len(held_kiosks(wrapper)) == 12 or "got" in answer_d)
        assert "got" not in answer_d, answer_d["got"][:2]  # not 503: its slot is free
        fd = release(fifo, 12)
        for t, answer in ((tb, answer_b), (tc, answer_c), (td, answer_d)):
            t.join(120)
            s, _, body = answer["got"]
            assert s == 200 and body.count('src="/notices/preview/') == 4, (s, body[-600:])
        os.close(fd)
        print("ok: a browser gone while its preview draws: kiosks reaped, slot freed at once")

        # a connection reset while the kiosks draw (as keepalive ends one whose phone left
        # the Wi-Fi: an error on the socket, not an end of stream read): the same
        conn = preview_then_hang_up(admin(con), "连接断掉的预览")
        until("four preview kiosks held", lambda: len(held_kiosks(wrapper)) == 4)
        kiosks_r = set(held_kiosks(wrapper))
        conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()  # with no lingering: a reset
        until("the reset preview's kiosks reaped", lambda: gone(kiosks_r))
        print("ok: a preview's connection reset while it draws: kiosks reaped at once")

        # the same session previews again before the first is drawn: the first stops
        t1, answer_1 = preview_in_background(b, "第一次预览")
        until("four preview kiosks held", lambda: len(held_kiosks(wrapper)) == 4)
        first = set(held_kiosks(wrapper))
        t2, answer_2 = preview_in_background(b, "改过再预览")
        t1.join(120)
        s, _, body = answer_1["got"]
        assert s == 409 and "又点了预览" in body and 'value="第一次预览"' in body, (s, body[-600:])
        until("the first preview's kiosks reaped", lambda: gone(first))
        until("the second preview's kiosks held", lambda: len(held_kiosks(wrapper)) == 4)
        assert t2.is_alive() and not answer_2
        fd = release(fifo)
        t2.join(120)
        os.close(fd)
        s, _, body = answer_2["got"]
        assert s == 200 and body.count('src="/notices/preview/') == 4, (s, body[-600:])
        assert 'value="改过再预览"' in body
        s, _, png = b.request("GET", "/notices/preview/1.png")
        assert s == 200 and png[:8] == b"\x89PNG\r\n\x1a\n", s
        print("ok: a second preview from one session supersedes the first (409, kiosks reaped)")

        # logging out while its preview draws frees its slot at once: with three previews
        # held (the most at once), one session logs out and a fourth is taken, not 503
        # (logins and tokens first)
        x, d = admin(con), admin(con)
        x_token = x.csrf("/")
        held = []
        for who, title in ((b, "占位的预览一"), (c2, "占位的预览二")):
            held.append(preview_in_background(who, title))
            until("its kiosks held", lambda: len(held_kiosks(wrapper)) == 4 * len(held))
        kiosks_others = set(held_kiosks(wrapper))
        tx, answer_x = preview_in_background(x, "退出登录的预览")
        until("twelve preview kiosks held", lambda: len(held_kiosks(wrapper)) == 12)
        kiosks_x = set(held_kiosks(wrapper)) - kiosks_others
        s, _, _ = x.post("/logout", {"csrf": x_token})
        assert s == 303, s
        until("the logged-out session's kiosks reaped", lambda: gone(kiosks_x))
        tx.join(120)
        s, _, body = answer_x["got"]
        assert s == 403 and "请先登录" in body, (s, body[-600:])
        assert kiosks_others <= set(held_kiosks(wrapper)), \
            ("other previews were stopped", [a.get("got", ("none",))[0] for _, a in held])
        td, answer_d = preview_in_background(d, "退出后空出来的位置")
        until("a preview in the freed slot",
              lambda: len(held_kiosks(wrapper)) == 12 or "got" in answer_d)
        assert "got" not in answer_d, answer_d["got"][:2]  # not 503: its slot is free
        fd = release(fifo, 12)
        for t, answer in held[:2] + [(td, answer_d)]:
            t.join(120)
            s, _, body = answer["got"]
            assert s == 200 and body.count('src="/notices/preview/') == 4, (s, body[-600:])
        os.close(fd)
        print("ok: logging out while its preview draws frees the slot at once (kiosks killed)")
    finally:
        con.stop()
    assert os.listdir(scratch) == [], os.listdir(scratch)


def check_phrases(con, db):
    """Quick phrases on /phrases, listed per form (建议 / 心愿 / 健康问题): one added
    (escaped on the page, audited), the same words again giving the same phrase with no
    second audit line, one removed (audited); a bad token, an unknown form, empty words
    and a phrase gone: refused, nothing written."""
    c = admin(con)
    s, _, body = c.get("/phrases")
    assert s == 200 and 'href="/phrases"' in body, s
    for head in ("<h2 id=\"suggestion\">建议</h2>", "<h2 id=\"wish\">心愿</h2>",
                 "<h2 id=\"question\">健康问题</h2>"):
        assert head in body, head
    for (text,) in rows(db, "SELECT text FROM quick_phrases WHERE deleted = 0"):
        assert text.replace('"', "&quot;") in body, text
    before = count(db, "quick_phrases")
    new = {"form": "wish", "text": "  想在楼下放个<共享书架>  "}
    s, _, _ = c.post("/phrases/new", dict(new, csrf="0" * 64))
    assert s == 403 and count(db, "quick_phrases") == before, s
    s, _, body = c.post("/phrases/new", dict(new, csrf=c.csrf("/phrases"), form="praise"))
    assert s == 422 and "请选择" in body and count(db, "quick_phrases") == before, s
    s, _, body = c.post("/phrases/new", {"csrf": c.csrf("/phrases"), "form": "wish", "text": " "})
    assert s == 422 and "快捷短语没有添加" in body and count(db, "quick_phrases") == before, s
    s, h, _ = c.post("/phrases/new", dict(new, csrf=c.csrf("/phrases")))
    assert s == 303, s
    pid = rows(db, "SELECT id FROM quick_phrases WHERE text = '想在楼下放个<共享书架>'")[0][0]
    assert h["location"] == f"/phrases?ok=phrase_added#phrase-{pid}", h
    s, _, body = c.get(h["location"].split("#")[0])
    assert "快捷短语已添加" in body and "想在楼下放个&lt;共享书架&gt;" in body
    assert f'action="/phrases/{pid}/remove"' in body
    s, h, _ = c.post("/phrases/new", dict(new, csrf=c.csrf("/phrases")))
    assert s == 303 and h["location"].endswith(f"#phrase-{pid}"), (s, h)
    assert count(db, "quick_phrases") == before + 1
    s, _, _ = c.post(f"/phrases/{pid}/remove", {"csrf": "0" * 64})
    assert s == 403 and rows(db, "SELECT deleted FROM quick_phrases WHERE id = ?", pid) == [(0,)]
    s, h, _ = c.post(f"/phrases/{pid}/remove", {"csrf": c.csrf("/phrases")})
    assert s == 303 and h["location"] == "/phrases?ok=phrase_removed", (s, h)
    assert rows(db, "SELECT deleted FROM quick_phrases WHERE id = ?", pid) == [(1,)]
    s, _, body = c.get(h["location"])
    assert "快捷短语已删除" in body and "共享书架" not in body
    for missing in (pid, 999999):
        s, _, body = c.post(f"/phrases/{missing}/remove", {"csrf": c.csrf("/phrases")})
        assert s == 404 and "没有撤下" in body, (missing, s)
    assert rows(db, "SELECT action, before, after FROM staff_audit WHERE target = ? ORDER BY id",
                f"phrase {pid}") == [("phrase.add", "", "wish: 想在楼下放个<共享书架>"),
                                     ("phrase.remove", "wish: 想在楼下放个<共享书架>", "")]
    s, _, body = c.get("/audit")
    assert "添加快捷短语" in body and "删去快捷短语" in body
    print("ok: a quick phrase added to 心愿 on /phrases and removed (audited once each; the same"
          " words again, a bad token, an unknown form, empty words and a phrase gone refused"
          " or kept)")


def main():
    tmp, db = demo_store([ADMIN, LEAD, VICTIM])
    uploads_tmp = os.path.join(tmp, "uploads")
    os.mkdir(uploads_tmp)
    con = Console(db, env=dict(os.environ, TMPDIR=uploads_tmp))
    try:
        check_login_and_sessions(con, db)
        check_throttle(con)
        check_csrf_and_notice(con, db, tmp)
        check_moderation(con, db)
        check_roles_and_limits(con, db)
        check_exports(con, db)
        check_pages(con, db)
        check_confirmations(con, db)
        check_photos(con, db, tmp, uploads_tmp)
        check_plans(con, db)
        check_edit_overtaken(con, db)
        check_tip_photo(con, db, tmp)
        check_consultation(con, db)
        check_poll_and_withdraw(con, db)
        check_albums(con, db, tmp)
        check_audit_view(con, db)
        check_phrases(con, db)
        check_keepalive(con)
        check_preview_folder_links(con, tmp, uploads_tmp)
    finally:
        con.stop()
    assert os.listdir(uploads_tmp) == [], os.listdir(uploads_tmp)  # previews go at exit
    check_preview_failure(db, tmp)
    check_preview_async(db, tmp)
    check_preview_events(db, tmp)
    check_https(db, tmp)
    # the audit log cannot be edited through SQL
    for sql in ("UPDATE staff_audit SET login = 'x'", "DELETE FROM staff_audit"):
        try:
            rows(db, sql)
        except Exception as e:  # sqlite3.IntegrityError
            assert "append-only" in str(e), e
        else:
            raise AssertionError(f"{sql} was allowed")
    shutil.rmtree(tmp)
    print("PASS")


if __name__ == "__main__":
    main()

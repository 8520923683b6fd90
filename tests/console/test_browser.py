"""The console in a real browser: headless Chromium driven by chromedriver (Selenium),
at a phone's width (390x844) and a desktop's (1440x900). A staff member logs in,
publishes a notice, approves a resident's wish, answers a health question, downloads a
sign-up list and opens it; a resident's <script> in a suggestion stays text; on the
phone, an album's 撤下 says what it will do only once tapped, and 确定撤下 withdraws it.
The edit forms of a notice and an activity: each date and time field says its format in
Chinese under it; /audit says the edits' facts in words, nothing cut off.
The menu: on a phone (360 and 390 wide) one row, the first pages and 更多, which opens
the rest; on a desktop one row of everything; every page reached by tapping its entry,
which is then marked.
YANXIA_SHOTS=DIR keeps the screenshots (docs/screenshots/ holds the README's)."""
import csv
import glob
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from lib import Console, ctl, demo_store, rows, xlsx_strings  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

ADMIN = ("zhangmin", "admin", "lobby-admin-2026")
PICS = []
XSS = '<script>alert("x")</script>晚上十点后楼上装修很吵'
# every page of the menu (an administrator's: 账号 included), in the menu's order
PAGES = ["/", "/notices", "/suggestions", "/wishes", "/activities", "/questions", "/health",
         "/polls", "/photos", "/roster", "/phrases", "/kiosks", "/staff", "/audit"]
SHOWN = "return arguments[0].checkVisibility()"


def browser(downloads, width, height):
    opts = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--lang=zh-CN", "--force-device-scale-factor=1"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"download.default_directory": downloads,
                                           "download.prompt_for_download": False})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    if width < 500:  # a desktop window cannot be that narrow: emulate the phone
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": width, "height": height, "deviceScaleFactor": 1,
                           "mobile": True})
    d.set_page_load_timeout(60)
    return d


def shot(d, name):
    out = os.environ.get("YANXIA_SHOTS")
    if out:
        os.makedirs(out, exist_ok=True)
        # the whole page, as tall as it is
        d.save_screenshot(os.path.join(out, name + ".png"))


def no_alert(d):
    try:
        d.switch_to.alert
    except NoAlertPresentException:
        return
    raise AssertionError("a script from a resident's text ran")


def fill(d, name, text):
    el = d.find_element(By.NAME, name)
    el.clear()
    el.send_keys(text)


def menu_row(d):
    """The menu's entries as shown (link or 更多): checks that they stand in one row, none
    cut off and each a big enough target; returns the hrefs shown (更多 as "more")."""
    items = d.execute_script(
        "return [...document.querySelectorAll('nav > a, nav > span > a, nav summary')]"
        ".filter(e => e.checkVisibility()).map(e => {const r = e.getBoundingClientRect();"
        "return [e.getAttribute('href') || 'more', r.left, r.top, r.right, r.bottom]})")
    nav = d.execute_script("const n = document.querySelector('nav');"
                           "return [n.scrollWidth, n.clientWidth, window.innerWidth]")
    assert nav[0] <= nav[1] <= nav[2], f"the menu is wider than the screen: {nav}"
    tops = {round(top) for _, _, top, _, _ in items}
    assert len(tops) == 1, f"the menu wraps to {len(tops)} rows: {items}"
    for href, left, top, right, bottom in items:
        assert left >= 0 and right <= nav[2], f"{href} cut off: {left}-{right}"
        assert bottom - top >= 44 and right - left >= 44, f"{href} too small: {items}"
    return [i[0] for i in items]


def menu(d, wait, base, phone, shoot=False):
    """Every page is reached by tapping its entry (on a phone, those after 活动 under
    更多, which stays marked on their pages), and the page reached is marked."""
    for href in PAGES:
        shown = menu_row(d)
        if phone:
            assert shown == PAGES[:5] + ["more"], shown
            summary = d.find_element(By.CSS_SELECTOR, "nav details summary")
            if href not in shown:
                summary.click()
        else:
            assert shown == PAGES, shown
        link = [a for a in d.find_elements(By.CSS_SELECTOR, f"nav a[href='{href}']")
                if d.execute_script(SHOWN, a)]
        assert len(link) == 1, f"{href}: {len(link)} entries shown"
        link[0].click()
        wait.until(EC.url_to_be(base + href))
        here = [a.get_attribute("href") for a in d.find_elements(
            By.CSS_SELECTOR, "nav a[aria-current=page]")]
        assert here == [base + href] * (1 if href in PAGES[:5] else 2), (href, here)
        if phone:
            more = "here" in d.find_element(By.CSS_SELECTOR, "nav details summary").get_attribute(
                "class").split()
            assert more == (href not in PAGES[:5]), href
            if href == "/roster" and shoot:
                d.find_element(By.CSS_SELECTOR, "nav details summary").click()
                shot(d, "console-phone-menu-more")
                d.find_element(By.CSS_SELECTOR, "nav details summary").click()
    d.get(base + "/")


def withdraw_album(d, wait, base, db):
    """The album's 撤下 is a quiet button that only opens what it will do (no script);
    确定撤下 below the sentence takes the album and its photos off."""
    aid = rows(db, "SELECT id FROM albums WHERE name = '重阳登高'")[0][0]
    # first its 修改: a page of its own that fits the phone, the name and the rest
    d.get(base + f"/photos?album={aid}")
    d.find_element(By.CSS_SELECTOR, f"a[href='/albums/{aid}/edit']").click()
    wait.until(EC.url_contains(f"/albums/{aid}/edit"))
    assert d.execute_script("return document.documentElement.scrollWidth <= innerWidth")
    assert d.find_element(By.NAME, "name").get_attribute("value") == "重阳登高"
    Select(d.find_element(By.NAME, "kind")).select_by_value("portraits")
    fill(d, "sort", "7")
    shot(d, "console-phone-album-edit")
    d.find_element(By.CSS_SELECTOR, f"form[action='/albums/{aid}/edit'] button").click()
    wait.until(EC.url_contains("ok=album_saved"))
    assert rows(db, "SELECT name, kind, sort FROM albums WHERE id = ?", aid) == \
        [("重阳登高", "portraits", 7)]
    guard = d.find_element(
        By.XPATH, f"//details[contains(@class,'confirm')][.//form[@action='/albums/{aid}/withdraw']]")
    summary = guard.find_element(By.TAG_NAME, "summary")
    panel = guard.find_element(By.CLASS_NAME, "confirm-body")
    sentence = panel.find_element(By.TAG_NAME, "p")
    button = panel.find_element(By.CSS_SELECTOR, "button.danger")
    assert summary.text == "撤下相册（连同其中的照片）", summary.text
    # Selenium judges a closed <details> by its direct children only, and Chromium still
    # lays out their content (content-visibility: hidden): ask the browser what it shows
    assert not panel.is_displayed() and not d.execute_script(SHOWN, sentence)
    assert not d.execute_script(SHOWN, button)
    d.execute_script("arguments[0].scrollIntoView()", summary)
    shot(d, "console-phone-album-closed")
    summary.click()
    wait.until(lambda _: d.execute_script(SHOWN, sentence) and button.is_displayed())
    assert "相册里的2张照片" in sentence.text, sentence.text
    assert button.text == "确定撤下"
    assert rows(db, "SELECT deleted FROM albums WHERE id = ?", aid) == [(0,)]
    shot(d, "console-phone-album-confirm")
    button.click()
    wait.until(EC.url_contains("ok=album_withdrawn"))
    assert "相册和其中的照片已撤下" in d.page_source
    assert rows(db, "SELECT deleted FROM albums WHERE id = ?", aid) == [(1,)]
    assert rows(db, "SELECT count(*) FROM photos WHERE album_id = ? AND deleted = 0", aid) == [(0,)]


def row_shot(cell, name):
    """Like shot(), of the table row of cell alone (further down the page than a window)."""
    out = os.environ.get("YANXIA_SHOTS")
    if out:
        os.makedirs(out, exist_ok=True)
        cell.find_element(By.XPATH, "..").screenshot(os.path.join(out, name + ".png"))


def audit_view(d, base):
    """/audit on a phone: an in-place edit's line as a list of its changed fields (排序
    1 → 2, the date as a date), a long body folded until 展开全文 is tapped, a title's
    <script> text; nothing wider than the phone."""
    d.get(base + "/audit")
    cells = d.find_elements(By.CSS_SELECTOR, "td.changes")
    album = [c for c in cells if "排序" in c.text]
    assert album and "1 → 2" in album[0].text and "2026-10-29" in album[0].text, \
        [c.text for c in cells]
    notice = [c for c in cells if "正文" in c.text][0]
    assert '<script>alert("x")</script>' in notice.text, notice.text
    full = notice.find_element(By.CSS_SELECTOR, "details.long p.text")
    assert not d.execute_script(SHOWN, full), "the long body shown before 展开全文"
    row_shot(notice, "console-phone-audit-changes")
    notice.find_element(By.CSS_SELECTOR, "details.long summary").click()
    assert d.execute_script(SHOWN, full), "展开全文 did not open the body"
    assert d.execute_script("return document.documentElement.scrollWidth <= innerWidth")
    row_shot(notice, "console-phone-audit-changes-open")
    row_shot(album[0], "console-phone-audit-changes-album")


def fits(d):
    """Fails if the page is wider than the window (a phone would scroll sideways)."""
    wide = d.execute_script("return document.documentElement.scrollWidth"
                            " - document.documentElement.clientWidth")
    assert wide <= 0, f"{d.current_url}: {wide}px wider than the window"


def time_hints(d):
    """Every date and time field of the page has its format in Chinese shown right under
    it (its aria-describedby), inside the window; every checkbox keeps its size beside a
    label of two lines."""
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"
    fields = d.find_elements(By.CSS_SELECTOR, "input[type=date], input[type=datetime-local]")
    assert fields, d.current_url
    width = d.execute_script("return document.documentElement.clientWidth")
    for f in fields:
        hint = d.find_element(By.ID, f.get_attribute("aria-describedby"))
        assert d.execute_script(SHOWN, hint) and hint.text.startswith("格式：年-月-日"), hint.text
        fr, hr = f.rect, hint.rect
        assert 0 <= hr["y"] - (fr["y"] + fr["height"]) < 20, (f.get_attribute("name"), fr, hr)
        assert hr["x"] >= 0 and hr["x"] + hr["width"] <= width, (f.get_attribute("name"), hr)
        assert f.get_attribute("placeholder").startswith("2026-"), f.get_attribute("placeholder")
    for box in d.find_elements(By.CSS_SELECTOR, ".check input"):
        assert box.size["width"] >= 20 and box.size["height"] >= 20, box.size
    fits(d)


def edit_forms(d, wait, base, db, tag):
    """The edit forms of a notice and an activity as a resident-staff sees them: each
    time field says how it is typed, the notice's 发布时间 what emptying it does; saved,
    /audit says what changed in words, the changed facts bold, nothing cut off."""
    nid = rows(db, "SELECT id FROM notices WHERE deleted = 0 ORDER BY id LIMIT 1")[0][0]
    d.get(base + f"/notices/{nid}/edit")
    time_hints(d)
    assert "清空：改为现在" in d.find_element(By.ID, "publish-when").text
    shot(d, f"console-{tag}-notice-edit")
    fill(d, "author", f"{tag}物业")
    d.find_element(By.CSS_SELECTOR, "button[value=publish]").click()
    wait.until(EC.url_contains("ok=saved"))
    aid = rows(db, "SELECT id FROM activities WHERE deleted = 0 AND kind = 'event'"
                   " ORDER BY id LIMIT 1")[0][0]
    d.get(base + f"/activities/{aid}/edit")
    time_hints(d)
    party = rows(db, "SELECT max_party FROM activities WHERE id = ?", aid)[0][0]
    fill(d, "max_party", str(party % 20 + 1))
    d.find_element(By.CSS_SELECTOR, "form[action$='/edit'] .actions button").click()
    wait.until(EC.url_contains("ok=saved"))
    d.get(base + "/activities/new")
    time_hints(d)
    d.get(base + "/notices/new")
    time_hints(d)
    d.get(base + "/audit")
    fits(d)
    facts = d.find_elements(By.CSS_SELECTOR, ".audit-facts")
    text = " / ".join(f.text for f in facts)
    assert f"署名 {tag}物业" in text and f"每户最多 {party % 20 + 1} 人" in text, text
    bold = [b.text for b in d.find_elements(By.CSS_SELECTOR, ".audit-facts b")]
    assert f"署名 {tag}物业" in bold and f"每户最多 {party % 20 + 1} 人" in bold, bold
    assert "; by " not in d.page_source and "max party" not in d.page_source
    cut = d.execute_script("return [...document.querySelectorAll('td')]"
                           ".filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText)")
    assert not cut, cut
    shot(d, f"console-{tag}-audit")


def session(port, db, downloads, width, height, tag):
    base = f"http://127.0.0.1:{port}"
    d = browser(downloads, width, height)
    wait = WebDriverWait(d, 30)
    try:
        d.get(base + "/notices")
        wait.until(EC.url_to_be(base + "/login"))  # not logged in: sent to the login page
        shot(d, f"console-{tag}-login")
        fill(d, "login", ADMIN[0])
        fill(d, "password", ADMIN[2])
        d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait.until(EC.url_to_be(base + "/"))
        assert "待办" in d.title
        shot(d, f"console-{tag}-home")
        if width < 500:
            audit_view(d, base)
        menu(d, wait, base, width < 500, shoot=True)
        if width < 500:  # the narrowest phones too
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                              {"width": 360, "height": 740, "deviceScaleFactor": 1,
                               "mobile": True})
            menu(d, wait, base, True)
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                              {"width": width, "height": height, "deviceScaleFactor": 1,
                               "mobile": True})

        # a long notice is folded to its start in the list; a tap opens it in place
        d.get(base + "/notices")
        folded = d.find_element(By.CSS_SELECTOR, "details.long")
        full = folded.find_element(By.CSS_SELECTOR, "p.text")
        assert not full.is_displayed() and folded.find_element(By.CLASS_NAME, "excerpt").text
        folded.find_element(By.TAG_NAME, "summary").click()
        wait.until(lambda _: full.is_displayed())
        assert len(full.text) > 150, full.text

        title = f"{tag}：本周六上午电梯年检，请走楼梯"
        d.get(base + "/notices/new")
        fill(d, "title", title)
        fill(d, "body", "12月12日（周六）9:00至11:30电梯年检，期间停运。行动不便的邻居请提前联系楼组长。")
        d.find_element(By.NAME, "urgent").click()
        shot(d, f"console-{tag}-notice-new")
        d.find_element(By.CSS_SELECTOR, "button[value=preview]").click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".previews img")) == 4)
        wait.until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('.previews img')]"
            ".every(i => i.complete && i.naturalWidth > 0)"))
        widths = d.execute_script("return [...document.querySelectorAll('.previews img')]"
                                  ".map(i => i.naturalWidth)")
        assert widths == [1080, 1080, 1920, 1920], widths
        assert rows(db, "SELECT count(*) FROM notices WHERE title = ?", title) == [(0,)]
        d.execute_script("document.querySelector('.previews').scrollIntoView()")
        shot(d, f"console-{tag}-notice-preview")
        button = d.find_element(By.ID, "publish-after-preview")
        d.execute_script("arguments[0].scrollIntoView()", button)
        button.click()
        wait.until(EC.url_contains("/notices?ok=published"))
        assert "通知已发布" in d.page_source
        assert rows(db, "SELECT category FROM notices WHERE title = ?", title) == [("紧急",)]

        edit_forms(d, wait, base, db, tag)

        d.get(base + "/suggestions?state=open")
        no_alert(d)
        texts = [e.text for e in d.find_elements(By.CSS_SELECTOR, "p.text")]
        assert XSS in texts, texts
        shot(d, f"console-{tag}-suggestions")

        wid = rows(db, "SELECT id FROM wishes WHERE state = 'review' ORDER BY id LIMIT 1")[0][0]
        d.get(base + "/wishes?state=review")
        d.find_element(By.CSS_SELECTOR, f"form[action='/wishes/{wid}/approve'] button").click()
        wait.until(EC.url_contains("ok=approved"))
        assert rows(db, "SELECT state FROM wishes WHERE id = ?", wid) == [("open",)]

        qid = rows(db, "SELECT id FROM questions WHERE answer = '' ORDER BY id LIMIT 1")[0][0]
        d.get(base + "/questions?unanswered=1")
        form = d.find_element(By.CSS_SELECTOR, f"form[action='/questions/{qid}/answer']")
        form.find_element(By.NAME, "answer").send_keys(f"{tag}：早上等太阳出来再锻炼，先热身十分钟。")
        form.find_element(By.TAG_NAME, "button").click()
        wait.until(EC.url_contains("ok=answered"))
        assert rows(db, "SELECT answer FROM questions WHERE id = ?", qid)[0][0].startswith(tag)

        aid = rows(db, "SELECT id FROM activities WHERE deleted = 0 ORDER BY id LIMIT 1")[0][0]
        d.get(base + f"/activities/{aid}")
        shot(d, f"console-{tag}-activity")
        want = rows(db, "SELECT count(*) FROM signups WHERE activity_id = ?", aid)[0][0]
        for link, name in (("CSV", f"signups-{aid}.csv"), ("导出报名表", f"signups-{aid}.xlsx")):
            d.find_element(By.PARTIAL_LINK_TEXT, link).click()
            path = os.path.join(downloads, name)
            WebDriverWait(d, 30).until(lambda _: os.path.exists(path) and not glob.glob(
                os.path.join(downloads, "*.crdownload")))
            if name.endswith(".csv"):
                with open(path, encoding="utf-8-sig", newline="") as f:
                    table = list(csv.reader(f))
                assert table[0][:2] == ["活动", "房号"], table[0]
                assert len(table) - 1 == want, (len(table), want)
            else:
                with open(path, "rb") as f:
                    strings, formulas = xlsx_strings(f.read())
                assert "房号" in strings and not formulas
            os.remove(path)

        # two photos from the "gallery", with consent
        before = rows(db, "SELECT count(*) FROM photos WHERE deleted = 0")[0][0]
        d.get(base + "/photos")
        pics = [PICS[0] + f".{tag}.png", PICS[1] + f".{tag}.png"]
        for i, p in enumerate(pics):  # new pictures each session (the same file twice is one)
            ctl(db, "photo", "sample", p, "--size", f"{800 + len(tag) + i}x1000")
        d.find_element(By.NAME, "files").send_keys("\n".join(pics))
        fill(d, "person", f"{tag}周阿姨")
        d.find_element(By.NAME, "consent").click()
        d.find_element(By.CSS_SELECTOR, "form[action='/photos/upload'] button").click()
        wait.until(EC.url_contains("ok=uploaded"))
        assert rows(db, "SELECT count(*) FROM photos WHERE deleted = 0")[0][0] == before + 2
        wait.until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('.photos img')].slice(0, 6)"
            ".every(i => i.complete && i.naturalWidth > 0)"))
        shot(d, f"console-{tag}-photos")

        d.get(base + "/polls")
        assert "三分之二" in d.page_source
        shot(d, f"console-{tag}-polls")

        if tag == "phone":
            withdraw_album(d, wait, base, db)

        d.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
        wait.until(EC.url_to_be(base + "/login"))
        d.get(base + "/audit")
        assert d.current_url == base + "/login", "still logged in after 退出"
    finally:
        d.quit()


def main():
    tmp, db = demo_store([ADMIN])
    ctl(db, "add", "suggestion", "--text", XSS, "--room", "402")
    for room in ("301", "302"):
        ctl(db, "add", "wish", "--text", f"{room}想请邻居帮忙教我用手机挂号", "--room", room)
        ctl(db, "add", "question", "--text", "冬天血压偏高，早上锻炼要注意什么？", "--room", room)
    ctl(db, "add", "album", "--name", "重阳登高")
    for i in range(2):
        pic = os.path.join(tmp, f"climb-{i}.png")
        ctl(db, "photo", "sample", pic, "--size", f"{700 + i}x900")
        ctl(db, "photo", "add", pic, "--album", "重阳登高", "--consent")
    # in-place edits' audit lines as the store writes them (the log takes only new lines)
    body = "各位居民：本周六上午九点在小区广场集合，统一乘车前往。" * 4
    with sqlite3.connect(db) as c:
        for action, target, before, after in (
                ("album.update", "album 1", '{"sort": 1, "event_at": null}',
                 '{"sort": 2, "event_at": 1793203200}'),
                ("notice.update", "notice 1",
                 json.dumps({"title": "重阳节登高活动", "body": body, "pinned": 0,
                             "expires_at": None}, ensure_ascii=False),
                 json.dumps({"title": XSS[:30], "body": body + "请带好水杯。", "pinned": 1,
                             "expires_at": 1796054400}, ensure_ascii=False))):
            c.execute("INSERT INTO staff_audit(at, login, action, target, before, after) "
                      "VALUES (1795399200, ?, ?, ?, ?, ?)", (ADMIN[0], action, target, before,
                                                             after))
    c.close()
    downloads = tempfile.mkdtemp(prefix="yx-downloads-")
    PICS.extend(os.path.join(tmp, f"gallery-{i}") for i in range(2))
    con = Console(db)
    try:
        session(con.port, db, downloads, 390, 844, "phone")
        session(con.port, db, downloads, 1440, 900, "desktop")
    finally:
        con.stop()
        shutil.rmtree(downloads)
    shutil.rmtree(tmp)
    print("PASS")


if __name__ == "__main__":
    start = time.monotonic()
    main()
    print(f"browser test took {time.monotonic() - start:.1f} s")

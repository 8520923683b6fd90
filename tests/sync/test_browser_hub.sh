#!/bin/sh
# The console over a real hub in a real browser (headless Chromium, chromedriver): a
# committee worker on a phone (390x844) logs in with their own hub account, finds a
# resident's wish in 待办 and approves it, previews a notice as the kiosks draw it and
# publishes it to a building of their area,
# answers a health question and sees the lift consultation pass both thresholds; a
# resident's <script> stays text, another area's poll answers 404, and a page after 退出
# asks for the login again. Then the kiosk of that building takes it all in one sync round
# and a headless kiosk SHOWS the notice, the approved wish and the answer. The same pages
# at a desktop's width (1440x900) for the README's screenshots (YANXIA_SHOTS=DIR keeps them).
. "$(dirname "$0")/lib.sh"
: "${YANXIA_CONSOLE:?}" "${YANXIA:?}"

q "SELECT yanxia_hub.hub_add_scope('kangle', 'area', NULL, '康乐居民区'),
          yanxia_hub.hub_add_scope('fuxing', 'area', NULL, '复兴居民区'),
          yanxia_hub.hub_add_scope('kangle-12', 'building', 'kangle', '康乐小区12号楼'),
          yanxia_hub.hub_add_scope('kangle-14', 'building', 'kangle', '康乐小区14号楼'),
          yanxia_hub.hub_add_scope('fuxing-3', 'building', 'fuxing', '复兴小区3号楼')" >/dev/null
y hub add-scope kangle-12 --households 6 --floors 1-6 --units 1-1 --conn "$HUB" >/dev/null ||
	fail "kangle-12's rule"
y hub add-scope kangle-14 --households 4 --conn "$HUB" >/dev/null || fail "kangle-14's households"
kiosk lobby-12 kangle-12
kiosk lobby-3 fuxing-3
echo "committee-2026" | y staff add liuyang --role committee --area kangle --hub "$HUB" >/dev/null ||
	fail "staff add --hub"

# what residents left on the kiosks, pushed to the hub
sync_k lobby-12 >/dev/null || fail "lobby-12's first round" # takes the building's rule
y --db "$T/lobby-12.db" add wish --text "想请邻居周末帮忙教我用手机挂号" --room 301 >/dev/null
y --db "$T/lobby-12.db" add question --text "冬天早上血压偏高，还能下楼锻炼吗？" --room 601 >/dev/null
y --db "$T/lobby-12.db" add suggestion --text '<script>alert("x")</script>晚上十点后楼上装修很吵' \
	--room 401 >/dev/null
y --db "$T/lobby-3.db" add wish --text "复兴小区的心愿，康乐的人看不到" --room 302 >/dev/null
POLL12=$(y add poll --hub "$HUB" --building kangle-12 --question 十二号楼加装电梯吗 --option 同意 \
	--option 不同意 --closes '2030-12-01 18:00' | sed 's/.*id //')
POLL3=$(y add poll --hub "$HUB" --building fuxing-3 --question 三号楼换防盗门吗 --option 同意 \
	--option 不同意 --closes '2030-12-01 18:00' | sed 's/.*id //')
# one for the whole area: kangle-12 takes part, kangle-14 (no kiosk yet) does not
POLLA=$(y add poll --hub "$HUB" --scope kangle --question 垃圾箱房移到小区东门吗 --option 同意 \
	--option 不同意 --closes '2030-12-01 18:00' | sed 's/.*id //')
# a class on the Saturday after the pinned day, two places, one household signs up
starts=$(($(date -d "${YANXIA_NOW%% *} 00:00 +0800" +%s) + 5 * 86400 + 14 * 3600))
ACT=$(y hub publish activity --scope kangle-12 --conn "$HUB" --fields "{\"title\": \"剪纸课\",
	\"capacity\": 2, \"max_party\": 1, \"place\": \"一楼活动室\", \"starts_at\": $starts,
	\"organiser\": \"楼组长 周琳\", \"description\": \"剪一对窗花过年，红纸和剪刀楼组准备。\"}" |
	sed 's/.*id //')
sync_k lobby-12 >/dev/null && sync_k lobby-3 >/dev/null || fail "the first rounds"
la=$(kq lobby-12 "SELECT id FROM activities WHERE hub_id = $ACT")
y --db "$T/lobby-12.db" add signup --activity "$la" --room 201 --party 1 --name 周阿姨 \
	--phone 13912345678 >/dev/null || fail "sign-up 201"
lp=$(kq lobby-12 "SELECT id FROM polls WHERE hub_id = $POLL12")
la=$(kq lobby-12 "SELECT id FROM polls WHERE hub_id = $POLLA")
for v in "101 同意" "201 同意" "301 同意" "401 同意" "501 不同意"; do # 5 of 6 take part, 4 agree
	y --db "$T/lobby-12.db" add vote --poll "$lp" --option "${v#* }" --room "${v% *}" >/dev/null ||
		fail "vote $v"
	y --db "$T/lobby-12.db" add vote --poll "$la" --option 同意 --room "${v% *}" >/dev/null ||
		fail "area vote $v"
done
sync_k lobby-12 >/dev/null || fail "the votes to the hub"
WISH12=$(q "SELECT uuid FROM yanxia_hub.submissions WHERE kind = 'wish' AND payload->>'text' LIKE '想请邻居%'")
QUESTION=$(q "SELECT uuid FROM yanxia_hub.submissions WHERE kind = 'question'")
[ -n "$WISH12" ] && [ -n "$QUESTION" ] || fail "the wish and the question did not reach the hub"

base=$(echo "$HUB" | sed 's/ *user=postgres//') # where the hub is; who comes from the login
"$YANXIA_CONSOLE" --hub "$base" --listen 127.0.0.1:0 >"$T/console.out" 2>"$T/console.err" &
console=$! pid=$! # wait_for watches $pid
wait_for 30 "the console" grep -q "^listening on" "$T/console.out" || {
	cat "$T/console.err"
	fail "console --hub did not start"
}
PORT=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/console.out")
export T PORT POLL12 POLL3 POLLA WISH12 QUESTION ACT
/usr/bin/python3 - <<'PY' || { kill "$console"; fail "the console over the hub in Chromium"; }
import glob, os, sys
sys.path.insert(0, os.path.join(os.environ["YANXIA_SOURCE_DIR"], "tests", "console"))
from lib import xlsx_strings  # noqa: E402
from test_browser import browser, fill, no_alert, shot  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

base = f"http://127.0.0.1:{os.environ['PORT']}"
TITLE = "本周六上午电梯年检，请走楼梯"
DOWNLOADS = os.path.join(os.environ["T"], "downloads")


def form_button(d, uuid, action):
    return d.find_element(By.XPATH, f"//form[input[@name='uuid' and @value='{uuid}']]"
                                    f"[input[@name='action' and @value='{action}']]//button")


def staff_session(d, tag, act):
    wait = WebDriverWait(d, 30)
    d.get(base + "/wishes")
    wait.until(EC.url_to_be(base + "/login"))  # not logged in: sent to the login page
    fill(d, "login", "liuyang")
    fill(d, "password", "committee-2026")
    d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(EC.url_to_be(base + "/"))
    assert "康乐居民区" in d.page_source
    assert not d.find_elements(By.CSS_SELECTOR, "nav a[href='/staff']")  # for administrators
    tile = d.find_element(By.CSS_SELECTOR, ".todo a[href='/wishes']")
    shot(d, f"console-hub-{tag}-home")
    if act:
        assert tile.text.startswith("1"), tile.text  # the other area's wish is not counted
    tile.click()
    wait.until(EC.url_contains("/wishes"))
    assert "复兴小区的心愿" not in d.page_source, "a wish outside the area shown"
    shot(d, f"console-hub-{tag}-wishes")
    if act:
        form_button(d, os.environ["WISH12"], "approve").click()
        wait.until(EC.url_contains("ok=saved_hub"))

    d.get(base + "/notices/new")
    options = [o.text for o in Select(d.find_element(By.NAME, "building")).options]
    assert options == ["康乐小区12号楼", "康乐小区14号楼"], options  # the member's area only
    if act:
        Select(d.find_element(By.NAME, "building")).select_by_value("kangle-12")
        fill(d, "title", TITLE)
        fill(d, "body", "12月12日（周六）9:00至11:30电梯年检，期间停运。行动不便的邻居请提前联系楼组长。")
        d.find_element(By.NAME, "urgent").click()
    shot(d, f"console-hub-{tag}-notice-new")
    if act:  # first as the building's kiosks draw it, then published
        d.find_element(By.CSS_SELECTOR, "button[value=preview]").click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".previews img")) == 4)
        wait.until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('.previews img')]"
            ".every(i => i.complete && i.naturalWidth > 0)"))
        widths = d.execute_script("return [...document.querySelectorAll('.previews img')]"
                                  ".map(i => i.naturalWidth)")
        assert widths == [1080, 1080, 1920, 1920], widths
        d.execute_script("document.querySelector('.previews').scrollIntoView()")
        shot(d, f"console-hub-{tag}-notice-preview")
        button = d.find_element(By.ID, "publish-after-preview")
        d.execute_script("arguments[0].scrollIntoView()", button)
        button.click()
        wait.until(EC.url_contains("ok=hub_published"))
        assert "通知已发布到中心库" in d.page_source and TITLE in d.page_source

    d.get(base + "/questions")
    if act:
        form = d.find_element(By.XPATH, f"//form[input[@name='uuid' and @value='{os.environ['QUESTION']}']]")
        form.find_element(By.NAME, "text").send_keys("可以锻炼，等太阳出来再下楼，先在屋里热身十分钟，量过血压再出门。")
        form.find_element(By.NAME, "by").send_keys("社区医生 李医生")
        form.find_element(By.TAG_NAME, "button").click()
        wait.until(EC.url_contains("ok=saved_hub"))

    d.get(base + "/suggestions")
    no_alert(d)
    texts = [e.text for e in d.find_elements(By.CSS_SELECTOR, "p.text")]
    assert '<script>alert("x")</script>晚上十点后楼上装修很吵' in texts, texts

    d.get(base + "/polls")
    text = d.find_element(By.TAG_NAME, "main").text if d.find_elements(By.TAG_NAME, "main") \
        else d.find_element(By.TAG_NAME, "body").text
    for want in ("十二号楼加装电梯吗", "同意：4 户（80%）", "参与率 83.3%", "结论：两项门槛都已达到"):
        assert want in text, (want, text[-800:])
    assert "三号楼换防盗门吗" not in text
    shot(d, f"console-hub-{tag}-polls")
    # the area's consultation building by building: 12 passes by itself, 14 has no votes
    d.find_element(By.CSS_SELECTOR, f"#poll-{os.environ['POLLA']} a[href='/polls/{os.environ['POLLA']}']").click()
    wait.until(EC.url_to_be(base + f"/polls/{os.environ['POLLA']}"))
    cards = {c.get_attribute("id"): c.text for c in d.find_elements(By.CSS_SELECTOR, "article.card")}
    assert sorted(cards) == ["building-kangle-12", "building-kangle-14"], cards
    for want in ("同意：5 户（100%）", "康乐小区12号楼 6 户，已表态 5 户，参与率 83.3%", "两项门槛都已达到"):
        assert want in cards["building-kangle-12"], (want, cards)
    for want in ("康乐小区14号楼 4 户，已表态 0 户", "门槛还没有全部达到"):
        assert want in cards["building-kangle-14"], (want, cards)
    shot(d, f"console-hub-{tag}-poll-buildings")
    d.get(base + f"/polls/{os.environ['POLL3']}")  # another area's
    assert "没有找到" in d.page_source
    d.get(base + f"/polls/{os.environ['POLL3']}/votes.csv")  # another area's: as if missing
    assert "没有找到" in d.page_source, d.page_source[-500:]

    # the class's page: what residents see of it, then who signed up; the list for Excel
    d.get(base + "/activities")
    d.find_element(By.LINK_TEXT, "剪纸课").click()
    wait.until(EC.url_to_be(base + f"/activities/{os.environ['ACT']}"))
    facts = d.find_element(By.CSS_SELECTOR, "dl.facts").text
    for want in ("一楼活动室", "康乐小区12号楼", "2 人，每户最多 1 人", "已报名 1 户 1 人，还剩 1",
                 "楼组长 周琳", "活动开始时"):
        assert want in facts, (want, facts)
    assert "剪一对窗花过年" in d.page_source
    shot(d, f"console-hub-{tag}-activity")
    if act:
        d.find_element(By.PARTIAL_LINK_TEXT, "导出报名表").click()
        path = os.path.join(DOWNLOADS, f"signups-{os.environ['ACT']}.xlsx")
        WebDriverWait(d, 30).until(lambda _: os.path.exists(path) and not glob.glob(
            os.path.join(DOWNLOADS, "*.crdownload")))
        with open(path, "rb") as f:
            strings, formulas = xlsx_strings(f.read())
        assert {"剪纸课", "201", "周阿姨", "13912345678", "已报名"} <= set(strings), strings
        assert not formulas

    d.get(base + "/kiosks")
    assert "lobby-12" in d.page_source and "lobby-3" not in d.page_source
    # on a phone each kiosk is a card: no header row, nothing to scroll sideways
    heads = d.execute_script("return getComputedStyle(document.querySelector('table.stack thead'))"
                             ".display")
    wide = d.execute_script("const s = document.querySelector('.scroll');"
                            "return s.scrollWidth > s.clientWidth")
    assert (heads == "none") == (tag == "phone") and not (wide and tag == "phone"), (heads, wide)
    shot(d, f"console-hub-{tag}-kiosks")

    d.get(base + "/")
    d.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
    wait.until(EC.url_to_be(base + "/login"))
    d.get(base + "/audit")
    assert d.current_url == base + "/login", "still logged in after 退出"


for width, height, tag, act in ((390, 844, "phone", True), (1440, 900, "desktop", False)):
    d = browser(DOWNLOADS, width, height)
    try:
        staff_session(d, tag, act)
    finally:
        d.quit()
print("PASS")
PY
kill "$console"
wait "$console" 2>/dev/null || true

# nothing of it lands on the hub twice, or in the other area
[ "$(q "SELECT count(*) FROM yanxia_hub.notices n JOIN yanxia_hub.scopes s ON s.id = n.scope_id
        WHERE n.title = '本周六上午电梯年检，请走楼梯' AND s.code = 'kangle-12' AND NOT n.deleted")" = 1 ] ||
	fail "the notice is not on the hub once, for kangle-12"
[ "$(q "SELECT count(*) FROM yanxia_hub.staff_audit WHERE login = 'liuyang'")" -ge 3 ] ||
	fail "the member's actions are not in the audit log"

# the kiosk takes it at its next round and shows it
sync_k lobby-12 >/dev/null || fail "lobby-12's round after the console"
[ "$(kq lobby-12 "SELECT category FROM notices WHERE title = '本周六上午电梯年检，请走楼梯' AND deleted = 0")" = 紧急 ] ||
	fail "the urgent notice is not on lobby-12"
[ "$(kq lobby-12 "SELECT state FROM wishes WHERE text LIKE '想请邻居%'")" = open ] ||
	fail "the approved wish is not open on lobby-12"
printf '%s\n' 'goto notices' 'expect "本周六上午电梯年检"' 'goto wishes' 'expect "想请邻居周末帮忙"' \
	'goto health' 'expect "先在屋里热身十分钟"' 'shot health' >"$T/show.script"
SDL_VIDEODRIVER=offscreen "$YANXIA" --headless --size 1080x1920 --db "$T/lobby-12.db" \
	--script "$T/show.script" --screenshot-dir "$T/shots" >"$T/kiosk.log" 2>&1 || {
	cat "$T/kiosk.log"
	fail "the kiosk does not show what the console did"
}
[ -s "$T/shots/health.png" ] || fail "no screenshot of the health column"
echo PASS

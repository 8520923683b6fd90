"""Shared by the console tests: a demo store with accounts, the console started on a
port the kernel picks, and a small HTTP client that keeps cookies like a browser."""
import html.parser
import http.client
import os
import re
import sqlite3
import ssl
import subprocess
import tempfile
import urllib.parse

YANXIACTL = os.environ["YANXIACTL"]
CONSOLE = os.environ["YANXIA_CONSOLE"]
os.environ.setdefault("YANXIA_NOW", "2026-11-23 10:00")


def ctl(db, *args, stdin=None):
    """Runs yanxiactl on db; returns stdout, raises with stderr on failure."""
    r = subprocess.run([YANXIACTL, "--db", db, *args], input=stdin, capture_output=True,
                       text=True)
    if r.returncode != 0:
        raise AssertionError(f"yanxiactl {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


def demo_store(accounts):
    """A fresh demo store in a temporary folder with accounts [(login, role, pw)]."""
    tmp = tempfile.mkdtemp(prefix="yx-console-")
    db = os.path.join(tmp, "yanxia.db")
    ctl(db, "seed", "--demo")
    for login, role, pw in accounts:
        ctl(db, "staff", "add", login, "--role", role, stdin=pw + "\n")
    return tmp, db


class Console:
    """yanxia-console over db on 127.0.0.1 and a port from the kernel."""

    def __init__(self, db, *extra, env=None):
        self.proc = subprocess.Popen([CONSOLE, "--db", db, "--listen", "127.0.0.1:0", *extra],
                                     stdout=subprocess.PIPE, text=True, env=env)
        line = self.proc.stdout.readline()  # waits for the server to be ready
        m = re.match(r"listening on (https?)://127\.0\.0\.1:(\d+)/", line)
        assert m, f"console did not start: {line!r}"
        self.scheme, self.port = m.group(1), int(m.group(2))

    def stop(self):
        self.proc.terminate()
        assert self.proc.wait(timeout=60) == 0, "console did not stop cleanly on SIGTERM"


class Client:
    """A browser-like client: keeps cookies (by name), follows nothing by itself."""

    def __init__(self, port, tls=False):
        self.port = port
        self.tls = tls
        self.cookies = {}

    def request(self, method, path, fields=None, body=None, headers=None):
        if self.tls:  # a self-signed test certificate: encryption, not identity, is tested
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=60,
                                               context=ssl._create_unverified_context())
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if fields is not None:
            body = urllib.parse.urlencode(fields).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";")[0]
                if "Max-Age=0" in v:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        conn.close()
        headers = dict((k.lower(), v) for k, v in r.getheaders())
        headers["set-cookie"] = "\n".join(v for k, v in r.getheaders()
                                          if k.lower() == "set-cookie")
        return r.status, headers, data

    def upload(self, path, fields, files):
        """A multipart/form-data post: fields {name: value}, files [(field, filename, bytes)]."""
        boundary = "----yanxia-test-boundary-7d1f"
        parts = []
        for k, v in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'
                         .encode() + str(v).encode() + b"\r\n")
        for field, name, data in files:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                         f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                         .encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        s, h, d = self.request("POST", path, body=body, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}"})
        return s, h, d.decode("utf-8", "replace")

    def get(self, path):
        s, h, d = self.request("GET", path)
        return s, h, d.decode("utf-8", "replace")

    def post(self, path, fields):
        s, h, d = self.request("POST", path, fields=fields)
        return s, h, d.decode("utf-8", "replace")

    def csrf(self, path):
        """The csrf field of the first form on page path."""
        s, _, body = self.get(path)
        assert s == 200, f"GET {path}: {s}"
        m = re.search(r'name="csrf" value="([0-9a-f]{64})"', body)
        assert m, f"no csrf field on {path}"
        return m.group(1)

    def login(self, login, password):
        token = self.csrf("/login")
        return self.post("/login", {"csrf": token, "login": login, "password": password})


def rows(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def xlsx_strings(data):
    """The shared strings of an .xlsx file and whether any cell holds a formula."""
    import io
    import zipfile
    from xml.etree import ElementTree
    z = zipfile.ZipFile(io.BytesIO(data))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    root = ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
    strings = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
               for si in root.findall("m:si", ns)]
    sheet = z.read("xl/worksheets/sheet1.xml")
    return strings, b"<f>" in sheet or b"<f " in sheet


DESTRUCTIVE = re.compile(r"/(withdraw|remove|cancel|disable)$")


class FormGuard(html.parser.HTMLParser):
    """Every POST form of a page with whether a <details class="confirm"> holds it."""
    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.forms = [], []  # forms: (action, guarded, the guard's text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post":
            guard = next((e for e in reversed(self.stack) if e[0] == "details"
                          and "confirm" in e[1].split()), None)
            self.forms.append((a.get("action", ""), guard is not None, guard))
        if tag not in self.VOID:
            self.stack.append([tag, a.get("class", "") or "", []])

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        for e in self.stack:
            e[2].append(data)


def guarded_forms(body):
    """The destructive POST forms of a page (action, guarded, the guard's text so far)."""
    p = FormGuard()
    p.feed(body)
    return [(a, ok, "".join(g[2]) if g else "") for a, ok, g in p.forms if DESTRUCTIVE.search(a)]


def form_fields(body):
    """The named text inputs, hidden fields and textareas of the last form of a page."""
    form = body[body.rindex("<form"):]
    fields = {m.group(1): m.group(2) for m in
              re.finditer(r'<input type="(?:text|hidden|date|datetime-local)"[^>]*? name="([a-z_]+)"'
                          r'[^>]*? value="([^"]*)"', form)}
    fields.update({m.group(1): m.group(2) for m in
                   re.finditer(r'<textarea[^>]*? name="([a-z_]+)"[^>]*>([^<]*)</textarea>', form)})
    return {k: v.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
            .replace("&#39;", "'").replace("&amp;", "&") for k, v in fields.items()}

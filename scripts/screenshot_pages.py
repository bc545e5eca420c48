"""Every page of every role, in Chinese and English, at desktop and phone width (scripts/screenshot-pages).

Signs in as each demo account (the resident and the proxy with their SMS code from the development
outbox), walks the site from the home page by its links (one page of each kind: ids in a path are
one kind), saves a screenshot of each and fails a page on:
  - an HTTP error (4xx/5xx) that is not one of the refusals the walk asks for on purpose
  - a raw JSON body where a page is expected
  - a visible internal id where a name exists (ID_PATTERNS; secondary text in `.muted` and links'
    targets are not looked at)
  - text in the wrong language: Han characters in the interface text of an English page (labels,
    buttons, headings, table headers, notices; names of people and places are data), or a notice
    without Han characters on a Chinese page
  - horizontal overflow at 390 px
  - any console message (a script error, a failed resource)
  - an empty map or chart (no outline drawn; a chart with nothing drawn or only zeros)
Usage: screenshot_pages.py BASE DATA_DIR OUT_DIR
"""

import base64
import hashlib
import hmac
import json
import os
import struct
import re
import sys
import time
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

BASE, DATA, OUT = sys.argv[1], sys.argv[2], sys.argv[3]

# Internal ids a person should never have to read where a name exists.
ID_PATTERNS = {
    "resident id": r"\bR\d{8}\b",
    "household id": r"\bH\d{7}\b",
    "compound id": r"\bCMP-[\w-]+",
    "venue id": r"\bV-\d[\w-]*",
    "vehicle id": r"\bBUS-[\w-]+",
    "cell id": r"\bCELL-[\w-]+",
    "grid code": r"\b\d{12}-G\d\d\b",
    "task id": r"\bT-[0-9a-f]{16}\b",
    "override request id": r"\bOVR-[0-9a-f]{8}\b",
    "account id": r"\bacct-[\w-]+",
    "audit name": r"\bstaff:[\w-]+",
    "category key": r"\b(close|household|transport|secondary|companion)-contact\b",
    "rule key": r"\b(contact|arrival|lab|symptoms)\.[a-z-]+\b",
}
# Paths the walk does not follow: sign-out, machine endpoints, downloads, and pages that change nothing but leave.
SKIP = re.compile(r"^/(signout|lang/|api/|open-data/|dashboard/data|js/|static/|favicon|metrics|livez|readyz)|\.(csv|json|geojson|atom|png|svg)(\?|$)")
# Refusals asked for on purpose (their page must still be a page in the reader's language).
EXPECTED_ERRORS = {"/no-such-page": 404, "/cases/R99999999": 404}
INTERFACE = "label, button, th, h2, h3, summary, legend, .notice, dt, .meta, nav a:not([lang]), .pager"

accounts = json.load(open(os.path.join(DATA, "demo-accounts.json")))
by_name = {a["username"]: a for a in accounts}
roles = ["admin", "command", "epi", "district", "street", "community", "grid", "checkpoint", "resident", "proxy", "enterprise", "enterprise-health", "pharmacy", "ledger", None]
failures = []


def kind_of(path):
    """One page of each kind: a path's segments with digits become ':id'; the query keeps its keys."""
    u = urlparse(path)
    segments = [":id" if re.search(r"\d", s) else s for s in u.path.split("/")]
    keys = sorted({q.split("=")[0] for q in u.query.split("&") if q and not q.startswith(("page=", "after=", "lang="))})
    return "/".join(segments) + ("?" + "&".join(keys) if keys else "")


def sms_code(phone):
    for _ in range(50):
        with open(os.path.join(DATA, "outbox-dev.log"), encoding="utf-8") as f:
            lines = [json.loads(l) for l in f if l.strip()]
        codes = [re.search(r"\b(\d{6})\b", l["body"]) for l in lines if l.get("to") == phone]
        codes = [c.group(1) for c in codes if c]
        if codes:
            return codes[-1]
        time.sleep(0.1)
    raise SystemExit(f"no sign-in code for {phone} in the outbox")


# Admin and command finish signing in with a TOTP code (RFC 6238): the secret the enrolment page
# shows the first time, kept here for the later sign-ins; each step's code works once.
totp_secrets, totp_last_step = {}, {}


def totp(secret_b32, step):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def second_factor(page, who):
    secret = page.get_attribute("[data-secret]", "data-secret") if page.query_selector("[data-secret]") else None
    if secret:
        totp_secrets[who] = secret
    step = int(time.time() // 30)
    while step <= totp_last_step.get(who, -1):
        time.sleep(1)
        step = int(time.time() // 30)
    totp_last_step[who] = step
    page.fill('form[action="/signin/second-factor"] input[name=code]', totp(totp_secrets[who], step))
    page.click('form[action="/signin/second-factor"] button')


def sign_in(page, who):
    account = by_name[who]
    page.goto(BASE + "/signin")
    if account.get("phone"):
        page.fill('form[action="/signin/code-request"] input[name=phone]', account["phone"])
        page.click('form[action="/signin/code-request"] button')
        page.fill('form[action="/signin/code"] input[name=code]', sms_code(account["phone"]))
        page.click('form[action="/signin/code"] button')
    else:
        page.fill('form[action="/signin"] input[name=username]', who)
        page.fill('form[action="/signin"] input[name=password]', account["password"])
        page.click('form[action="/signin"] button')
        if urlparse(page.url).path == "/signin/second-factor":
            second_factor(page, who)


def check(page, response, path, lang, width, who, shot):
    problems = []
    status = response.status if response else 0
    if status >= 400 and EXPECTED_ERRORS.get(path) != status:
        problems.append(f"HTTP {status}")
    body = page.inner_text("body").strip()
    if body.startswith("{") or body.startswith("["):
        problems.append("raw JSON body")
    visible = page.evaluate(
        """() => { const c = document.body.cloneNode(true);
                   c.querySelectorAll('.muted, script, style, code, .mono, input, textarea, select, svg').forEach(e => e.remove());
                   return c.innerText; }""")
    for name, pattern in ID_PATTERNS.items():
        m = re.search(pattern, visible)
        if m:
            problems.append(f"{name} shown: {m.group(0)!r}")
    # Interface text: the elements' own words, without the names inside them (links, <strong>,
    # `.name`, `.muted`, options): names of people, places and areas are data and may be Chinese.
    interface = page.eval_on_selector_all(
        INTERFACE,
        """es => es.filter(e => !e.classList.contains('name')).map(e => { const c = e.cloneNode(true);
                               c.querySelectorAll('a, strong, .name, .muted, option, input, textarea, select').forEach(x => x.remove());
                               return c.innerText; })""")
    if lang == "en":
        for text in interface:
            if re.search(r"[\u4e00-\u9fff]{2,}", text):
                problems.append(f"Chinese in English interface text: {text.strip()[:60]!r}")
                break
    else:
        for text in page.eval_on_selector_all(".notice, [role=alert]", "es => es.map(e => e.innerText)"):
            if text.strip() and not re.search(r"[\u4e00-\u9fff]", text):
                problems.append(f"notice without Chinese on a Chinese page: {text.strip()[:60]!r}")
    if width <= 390:
        sw = page.evaluate("document.documentElement.scrollWidth")
        if sw > width:
            problems.append(f"scrolls sideways: {sw} px wide")
    for box in page.query_selector_all(".map"):
        if not box.query_selector(".leaflet-interactive"):
            problems.append(f"the map {box.get_attribute('id') or ''} drew nothing")
    for canvas in page.query_selector_all("canvas"):
        # Empty: nothing drawn, or a chart whose every value is zero or missing (axes alone are not data).
        empty = canvas.evaluate(
            """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                      let drawn = false; for (let i = 3; i < d.length; i += 4) if (d[i]) { drawn = true; break; }
                      const chart = window.Chart && Chart.getChart && Chart.getChart(c);
                      const data = !chart || chart.data.datasets.some(s => s.data.some(v => v !== null && v !== 0 && v !== undefined));
                      return !drawn || !data; }""")
        if empty:
            problems.append(f"an empty chart {canvas.get_attribute('id') or ''}")
            break
    page.screenshot(path=shot, full_page=True)
    return problems


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    for lang in ["zh", "en"]:
        for width, height in [(1280, 900), (390, 844)]:
            for who in roles:
                context = browser.new_context(
                    viewport={"width": width, "height": height}, locale="zh-CN" if lang == "zh" else "en-GB",
                    extra_http_headers={"Accept-Language": "zh-CN" if lang == "zh" else "en-GB"})
                page = context.new_page()
                console = []
                page.on("console", lambda m: console.append(m.text))
                page.on("pageerror", lambda e: console.append(str(e)))
                if who:
                    sign_in(page, who)
                queue = ["/"] if who else ["/public", "/signin", "/no-such-page"]
                if who == "epi":
                    queue.append("/cases/R99999999")
                if who == "resident":
                    # A help request of their own: its follow-up page joins the walk (the grid sees it in its tasks).
                    page.goto(BASE + "/help")
                    page.fill('form[action="/help"] textarea[name=text]', "隔离在家，需要买药 / medicine needed")
                    page.click('form[action="/help"] button[type=submit]')
                    follow = page.get_attribute("#follow", "href") if page.query_selector("#follow") else None
                    if follow:
                        queue.append(follow)
                seen = set()
                while queue and len(seen) < 40:
                    path = queue.pop(0)
                    kind = kind_of(path)
                    if kind in seen:
                        continue
                    seen.add(kind)
                    console.clear()
                    response = page.goto(BASE + path)
                    page.wait_for_load_state("networkidle")
                    if urlparse(page.url).path == "/signin" and who and path != "/signin":
                        continue  # a page for another role sends to sign-in: not this role's page
                    name = f"{who or 'public'}{re.sub(r'[^A-Za-z0-9]+', '_', kind)}-{lang}-{width}.png"
                    problems = check(page, response, path, lang, width, who, os.path.join(OUT, name))
                    # The refusals asked for on purpose log their own status as a failed resource.
                    problems += [f"console: {m[:100]}" for m in console if not (path in EXPECTED_ERRORS and "Failed to load resource" in m)]
                    label = f"{lang} {width:>4} {who or 'public':<10} {path}"
                    if problems:
                        failures.append(label)
                        print(f"FAIL  {label}: " + "; ".join(problems), flush=True)
                    else:
                        print(f"ok    {label}", flush=True)
                    for href in page.eval_on_selector_all("a[href^='/']", "es => es.map(e => e.getAttribute('href'))"):
                        href = href.split("#")[0]
                        if href and not SKIP.search(href) and kind_of(href) not in seen:
                            queue.append(href)
                context.close()
    browser.close()
print(f"{len(failures)} page(s) failed" if failures else "every page passed")
sys.exit(1 if failures else 0)

#!/usr/bin/env python3
"""Browser tests of the web front end: headless Chromium (Debian's chromium and
chromium-driver) driven by selenium against a real ticket-server on a fresh database.

    test_web.py --base-url http://127.0.0.1:PORT --admin-email E --admin-password P --screenshots DIR

scripts/browser-test.sh starts the server and runs this. Each flow is a function named
flow_*; they run in order (later flows use what earlier ones made) and the run ends with a
line "browser: N passed, M failed". A failing flow saves a screenshot named after it.
"""
import argparse
import json
import os
import re
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "browser-test-password"
XSS_TITLE = '<img src=x onerror="alert(1)">'
STALE_MESSAGE = "Someone else changed this ticket — reload to see their change."
# The first path segments of the JSON API (the pages' own files are everything else).
API_ROOTS = {"auth", "tickets", "users", "comments", "stats", "categories", "openapi.json"}
# Records the text of every alert as it appears in the document, in window.__alerts.
ALERT_RECORDER = """
(() => {
  window.__alerts = [];
  const seen = new WeakSet();
  const record = () => {
    for (const node of document.querySelectorAll('[role=alert], .alert')) {
      const text = node.textContent.trim();
      if (!text || seen.has(node)) continue;
      seen.add(node);
      window.__alerts.push(text.slice(0, 300));
    }
  };
  new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
})();
"""


def label(word):
    """A status or priority as the pages write it ("In progress")."""
    return word[:1].upper() + word[1:]


def ordinal(number):
    """1st, 2nd, 3rd, 11th, 22nd."""
    if 11 <= number % 100 <= 13:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def expects_alerts(*texts):
    """Marks a flow that makes the pages show alerts on purpose: each alert it causes must
    contain one of `texts`; any other alert fails it."""
    def mark(flow):
        flow.expected_alerts = texts
        return flow
    return mark


class Api:
    """The JSON API over HTTP, for setting up and checking what the pages did."""

    def __init__(self, base):
        self.base = base

    def call(self, method, path, body=None, token=None, headers=None):
        status, _, text = self.send(method, path, body, token, headers)
        return status, json.loads(text) if text else None

    def total(self, path, token):
        """X-Total-Count of the list at `path`."""
        status, headers, text = self.send("GET", path, token=token)
        assert status == 200, f"GET {path}: {status} {text}"
        return int(headers["X-Total-Count"])

    def send(self, method, path, body=None, token=None, headers=None):
        """The status, headers and text of the answer."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def login(self, email, password):
        status, body = self.call("POST", "/auth/login", {"email": email, "password": password})
        assert status == 200, f"login of {email}: {status} {body}"
        return body["token"]

    def must(self, method, path, body=None, token=None, expect=(200, 201), headers=None):
        status, answer = self.call(method, path, body, token, headers)
        assert status in expect, f"{method} {path}: {status} {answer}"
        return answer


class Browser:
    """One headless Chromium window and the steps the flows repeat."""

    def __init__(self, base, screenshots):
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        self.driver = webdriver.Chrome(options=options, service=service)
        self.base = base
        self.screenshots = screenshots
        # Every alert a page shows is recorded as it appears (a router that caught an exception
        # shows one), so a flow fails on an error it did not expect even if the page moved on.
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ALERT_RECORDER})
        self.alerts = []

    def wait(self, condition, timeout=10):
        return WebDriverWait(self.driver, timeout).until(condition)

    def open(self, route):
        self.collect_alerts()
        self.driver.get(f"{self.base}/#{route}")

    def collect_alerts(self):
        """Moves the alerts the current document recorded into `self.alerts`."""
        try:
            self.alerts += self.driver.execute_script("const seen = window.__alerts || []; window.__alerts = []; return seen;") or []
        except Exception:
            pass

    def take_alerts(self):
        """The alerts shown since the last call."""
        self.collect_alerts()
        alerts, self.alerts = self.alerts, []
        return alerts

    def find(self, css):
        return self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def visible(self, css):
        return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def text_appears(self, css, text, timeout=10):
        self.wait(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text), timeout)

    def field(self, label_text, scope="main"):
        """The control whose <label> reads `label_text` (labels are how a person finds it)."""
        label = self.wait(lambda driver: next((element for element in driver.find_elements(By.CSS_SELECTOR, f"{scope} label") if element.text == label_text), None))
        return self.driver.find_element(By.ID, label.get_attribute("for"))

    def type_into(self, label_text, text, scope="main"):
        control = self.field(label_text, scope)
        control.clear()
        control.send_keys(text)
        return control

    def choose(self, label_text, visible_text, scope="main"):
        Select(self.field(label_text, scope)).select_by_visible_text(visible_text)

    def button(self, text, scope="main"):
        return self.wait(lambda driver: next((element for element in driver.find_elements(By.CSS_SELECTOR, f"{scope} button") if element.text == text and element.is_enabled()), None))

    def sign_in(self, email, password=PASSWORD):
        self.collect_alerts()
        self.driver.execute_script("sessionStorage.clear()") if self.driver.current_url.startswith(self.base) else None
        self.open("/signin")
        self.type_into("Email", email)
        self.type_into("Password", password)
        self.button("Sign in").click()
        self.find("#nav button")

    def sign_out(self):
        """Signs out through the navigation (when signed in) and waits for the sign-in page."""
        buttons = self.driver.find_elements(By.CSS_SELECTOR, "#nav button")
        if buttons:
            buttons[0].click()
        else:
            self.open("/signin")
        self.text_appears("main h1", "Sign in")

    def shot(self, name):
        os.makedirs(self.screenshots, exist_ok=True)
        self.driver.save_screenshot(os.path.join(self.screenshots, f"{name}.png"))

    def console_errors(self):
        """What the pages logged since the last call that is an error: script errors, policy
        violations, any answer of 500 or more, and any failed load of the pages' own files
        (a missing stylesheet, module or icon). A 4xx from the API is the flows' business:
        they check what the page said about it."""
        errors = []
        for entry in self.driver.get_log("browser"):
            if entry["level"] != "SEVERE":
                continue
            message = entry["message"]
            if "Failed to load resource" in message:
                url = message.split(" ", 1)[0]
                path = urllib.parse.urlsplit(url).path
                server_error = re.search(r"status of 5\d\d", message)
                if not server_error and url.startswith(self.base) and path.split("/")[1] in API_ROOTS:
                    continue
            errors.append(message)
        return errors

    def assert_clean_text(self):
        """No value that went missing shows as "null", "undefined" or "NaN"."""
        text = self.driver.find_element(By.TAG_NAME, "body").text
        found = re.findall(r"\b(null|undefined|NaN)\b", text)
        assert not found, f"the page shows {found}: {text[:300]}"

class Flows:
    def __init__(self, api, browser, admin_email, admin_password):
        self.api = api
        self.browser = browser
        self.admin = api.login(admin_email, admin_password)
        self.admin_email = admin_email
        self.people = {}
        for key, name, role in [("tech", "Tess Tech", "tech"), ("tech2", "Theo Tech", "tech"), ("staff", "Sam Staff", "user"),
                                ("colleague", "Cara Colleague", "user"), ("leaver", "Dave Leaving", "user")]:
            email = f"{key}@example.com"
            user = api.must("POST", "/auth/register/admin", {"name": name, "email": email, "password": PASSWORD, "role": role}, self.admin)
            self.people[key] = {"id": user["id"], "email": email, "name": name}
        colleague = api.login(self.people["colleague"]["email"], PASSWORD)
        self.reported = api.must("POST", "/tickets", {"title": "Printer on floor 2 jams every morning",
                                                      "description": "The big printer by the kitchen jams on the first job.",
                                                      "priority": "medium"}, colleague)
        for title, description, priority in [("Wi-Fi drops in meeting room B", "Calls cut out every few minutes.", "high"),
                                              ("New starter needs a laptop", "Anna starts on Monday.", "low")]:
            api.must("POST", "/tickets", {"title": title, "description": description, "priority": priority}, colleague)
        self.filed_id = None

    def flow_staff_sees_the_existing_report_files_anyway_and_comments(self):
        b = self.browser
        b.sign_in(self.people["staff"]["email"])
        b.find("#nav a[href='#/new']").click()
        b.type_into("What is the problem?", "printer floor 2 jams")
        # The suggestion appears while typing (debounced), with the colleague's ticket.
        b.text_appears(".suggestions", "Printer on floor 2 jams every morning")
        b.shot("new-ticket-suggestions")
        # Opening it: a colleague's ticket is not open to a plain user; the page says why and
        # leads back to the draft, which is kept.
        b.find(f".suggestions a[href='#/tickets/{self.reported['id']}']").click()
        b.text_appears("main h1", "is not open to you")
        b.find("main a[href='#/new']").click()
        assert b.field("What is the problem?").get_attribute("value") == "printer floor 2 jams"
        b.type_into("Details", f"Paper jam on floor 2, probably the same as #{self.reported['id']}.")
        b.choose("How urgent is it?", "High")
        b.choose("What kind of problem?", "Hardware")
        b.button("File the ticket").click()
        b.text_appears(".notice", "Your ticket is filed.")
        b.text_appears(".standing .category", "Hardware")
        notice = b.find(".notice").text
        assert "Printer on floor 2 jams every morning" in notice, notice
        b.text_appears(".standing", "in the queue")
        self.filed_id = int(b.driver.current_url.rsplit("/", 1)[1])
        b.shot("staff-view")
        b.type_into("Add a comment", "It jammed again at 9:05.")
        b.button("Comment").click()
        b.text_appears(".thread", "It jammed again at 9:05.")
        b.shot("staff-ticket")
        b.find("#nav a[href='#/mine']").click()
        b.text_appears(f"[data-ticket-id='{self.filed_id}'] .position", "in the queue")
        b.shot("staff-mine")

    def flow_technician_filters_assigns_and_resolves(self):
        b = self.browser
        b.sign_out()
        b.sign_in(self.people["tech"]["email"])
        b.text_appears("main h1", "Queue")
        b.text_appears(".summary", "4 tickets match")
        b.shot("technician-queue")
        b.choose("Assigned to", "Nobody")
        b.type_into("Search", "floor 2")
        b.button("Show").click()
        b.wait(lambda driver: "q=floor" in driver.current_url and "assignee=none" in driver.current_url)
        b.text_appears(f"[data-ticket-id='{self.filed_id}']", "printer floor 2 jams")
        assert len(b.driver.find_elements(By.CSS_SELECTOR, ".tickets > li")) == 2, "the filter kept other tickets"
        b.find(f"[data-ticket-id='{self.filed_id}'] h3 a").click()
        b.button("Assign to me").click()
        b.text_appears(".standing .assignee", "Tess Tech")
        # Handing it to the other technician, and taking it back.
        b.choose("Assigned to", "Theo Tech")
        b.button("Save changes").click()
        b.text_appears(".standing .assignee", "Theo Tech")
        assert self.api.must("GET", f"/tickets/{self.filed_id}", token=self.admin)["assigned_to_user"]["id"] == self.people["tech2"]["id"]
        b.button("Assign to me").click()
        b.text_appears(".standing .assignee", "Tess Tech")
        b.choose("Status", "In progress")
        b.choose("Category", "Network")
        b.button("Save changes").click()
        b.text_appears(".standing", "In progress")
        b.text_appears(".standing .category", "Network")
        b.choose("Status", "Resolved")
        b.button("Save changes").click()
        b.text_appears(".standing", "Resolved")
        b.shot("technician-ticket")
        ticket = self.api.must("GET", f"/tickets/{self.filed_id}", token=self.admin)
        assert ticket["status"] == "resolved" and ticket["assigned_to_user"]["id"] == self.people["tech"]["id"], ticket
        assert ticket["category"] == "Network", ticket

    def flow_staff_sees_the_new_status_and_history(self):
        b = self.browser
        b.sign_out()
        b.sign_in(self.people["staff"]["email"])
        b.open(f"/tickets/{self.filed_id}")
        b.text_appears(".standing", "Resolved")
        b.text_appears(".timeline", "Tess Tech assigned it to Tess Tech")
        b.text_appears(".timeline", "changed the status from In progress to Resolved")
        b.text_appears(".timeline", "Sam Staff commented")
        b.text_appears(".timeline", "Tess Tech changed the category from Hardware to Network")
        b.shot("staff-history")
        b.button("Reopen").click()
        b.text_appears(".standing", "Open")
        b.text_appears(".timeline", "Sam Staff changed the status from Resolved to Open")
        b.button("Withdraw this ticket").click()
        b.text_appears(".standing", "Closed")
        assert self.api.must("GET", f"/tickets/{self.filed_id}", token=self.admin)["status"] == "closed"
        b.assert_clean_text()

    def flow_board_shows_the_office_figures(self):
        b = self.browser
        b.find("#nav a[href='#/board']").click()
        b.find(".chart rect")
        figures = b.find(".figures").text
        assert "active tickets" in figures and "median time to fix" in figures, figures
        rects = b.driver.find_elements(By.CSS_SELECTOR, ".chart rect.created")
        assert len(rects) == 30, len(rects)
        b.assert_clean_text()
        b.shot("board")
        # Every figure on the board is the API's, in its place.
        stats = self.api.must("GET", "/stats?days=30", token=self.api.login(self.people["staff"]["email"], PASSWORD))
        shown = {figure.find_element(By.CSS_SELECTOR, ".caption").text: figure.find_element(By.CSS_SELECTOR, ".value").text
                 for figure in b.driver.find_elements(By.CSS_SELECTOR, ".figures .figure")}
        assert shown["active tickets"] == str(stats["active_total"]), (shown, stats)
        assert shown["waiting for a technician"] == str(stats["unassigned_active"]), (shown, stats)
        assert (shown["median time to fix (30 days)"] == "—") == (stats["median_hours_to_resolve_30d"] is None), (shown, stats)
        meters = {}
        for section in b.driver.find_elements(By.CSS_SELECTOR, ".columns section"):
            rows = section.find_elements(By.CSS_SELECTOR, ".meters li")
            meters[section.find_element(By.CSS_SELECTOR, "h2").text] = {
                row.find_element(By.CSS_SELECTOR, ".name").text: int(row.find_element(By.CSS_SELECTOR, ".count").text) for row in rows}
        active = ["incoming", "open", "in progress", "on hold"]
        assert meters["Active by status"] == {label(status): stats["by_status"][status] for status in active}, (meters, stats)
        assert meters["Active by priority"] == {label(priority): count for priority, count in stats["by_priority_active"].items()}, (meters, stats)
        workload = {entry["user"]["name"]: entry["active_assigned"] for entry in stats["workload"]}
        assert meters["Technicians’ workload"] == {**workload, "Not assigned": stats["unassigned_active"]}, (meters, stats)
        days = [(rect.find_element(By.TAG_NAME, "title").get_attribute("textContent")) for rect in rects]
        assert days == [f"{day['date']}: {day['created']} created" for day in stats["trend"]], days
        mine = {int(link.get_attribute("href").rsplit("/", 1)[1]): item.text
                for item in b.driver.find_elements(By.CSS_SELECTOR, "ul.mine li") for link in item.find_elements(By.CSS_SELECTOR, "a")}
        assert set(mine) == {entry["id"] for entry in stats["mine"]}, (mine, stats["mine"])
        for entry in stats["mine"]:
            assert mine[entry["id"]].endswith(f"{ordinal(entry['queue_position'])} in the queue"), (mine, entry)
        # My tickets shows the same positions.
        b.find("#nav a[href='#/mine']").click()
        for entry in stats["mine"]:
            b.text_appears(f"[data-ticket-id='{entry['id']}'] .position", f"{ordinal(entry['queue_position'])} in the queue")

    def flow_admin_creates_a_tech_and_deactivates_a_user(self):
        b = self.browser
        b.sign_out()
        b.sign_in(self.admin_email, self.admin_password_for_test)
        b.find("#nav a[href='#/users']").click()
        form = ".create-user"
        b.type_into("Name", "Nina New", form)
        b.type_into("Email", "nina@example.com", form)
        b.type_into("First password", PASSWORD, form)
        b.choose("Role", "Technician", form)
        b.button("Create account", form).click()
        b.text_appears(".users", "nina@example.com")
        nina_id = next(user["id"] for user in self.api.must("GET", "/users?limit=200", token=self.admin) if user["email"] == "nina@example.com")
        nina_row = f"[data-user-id='{nina_id}']"
        b.choose("Role", "Staff (user)", nina_row)
        b.button("Change role", nina_row).click()
        b.text_appears(nina_row, "User")
        assert self.api.must("GET", f"/users/{nina_id}", token=self.admin)["user_role"]["role_name"] == "user"
        b.choose("Role", "Technician", nina_row)
        b.button("Change role", nina_row).click()
        b.text_appears(nina_row, "Tech")
        leaver = f"[data-user-id='{self.people['leaver']['id']}']"
        b.button("Deactivate", leaver).click()
        b.button("Yes, deactivate", leaver).click()
        b.text_appears(leaver, "deactivated")
        b.shot("users")
        status, _ = self.api.call("POST", "/auth/login", {"email": self.people["leaver"]["email"], "password": PASSWORD})
        assert status == 401, status
        nina = self.api.login("nina@example.com", PASSWORD)
        assert self.api.must("GET", "/auth/me", token=nina)["user_role"]["role_name"] == "tech"

    def flow_markup_from_the_api_shows_literally(self):
        b = self.browser
        name = "<b>Mallory</b><img src=y onerror=alert(3)>"
        self.api.must("POST", "/auth/register", {"name": name, "email": "mallory@example.com", "password": PASSWORD}, expect=(201,))
        mallory = self.api.login("mallory@example.com", PASSWORD)
        ticket = self.api.must("POST", "/tickets", {"title": XSS_TITLE, "description": "<script>alert(2)</script>", "priority": "low"}, mallory)
        comment = "<a href=javascript:alert(4)>click</a>"
        self.api.must("POST", f"/tickets/{ticket['id']}/comments", {"content": comment}, mallory)
        self.api.must("PATCH", f"/tickets/{ticket['id']}", {"title": XSS_TITLE + " again"}, mallory)
        # A technician sees it in the queue and on its page: every text exactly as sent.
        b.sign_out()
        b.sign_in(self.people["tech"]["email"])
        b.text_appears(f"[data-ticket-id='{ticket['id']}']", XSS_TITLE + " again")
        b.text_appears(f"[data-ticket-id='{ticket['id']}'] .person", name)
        b.open(f"/tickets/{ticket['id']}")
        title = b.find(".title-text")
        assert title.text == XSS_TITLE + " again", title.text
        assert b.find(".description").text == "<script>alert(2)</script>"
        assert b.find(".comment .content").text == comment
        assert b.find(".comment .person").text == name
        b.text_appears(".timeline", f"changed the title to “{XSS_TITLE} again”")
        assert b.driver.find_elements(By.CSS_SELECTOR, "main a[href^='javascript']") == []
        # Inserted as HTML, the markup would have made elements (whatever the policy then blocks).
        assert b.driver.find_elements(By.CSS_SELECTOR, "main img, main b, main script") == []

    @expects_alerts(STALE_MESSAGE)
    def flow_a_stale_edit_shows_the_412_message(self):
        b = self.browser
        b.sign_out()
        b.sign_in(self.people["tech"]["email"])
        ticket = self.reported["id"]
        b.open(f"/tickets/{ticket}")
        b.find(".work-panel")
        # Meanwhile the administrator changes the ticket.
        self.api.must("PATCH", f"/tickets/{ticket}", {"priority": "emergency"}, self.admin)
        b.choose("Status", "On hold")
        b.button("Save changes").click()
        b.text_appears(".work-panel .alert", STALE_MESSAGE)
        assert self.api.must("GET", f"/tickets/{ticket}", token=self.admin)["status"] == "incoming"
        b.button("Reload", ".work-panel").click()
        b.text_appears(".standing", "Emergency")

    def flow_technician_marks_a_duplicate(self):
        b = self.browser
        staff = self.api.login(self.people["staff"]["email"], PASSWORD)
        again = self.api.must("POST", "/tickets", {"title": "Kitchen printer paper jam", "description": "Jammed twice today.", "priority": "low"}, staff)
        b.open(f"/tickets/{again['id']}")
        b.type_into("Find the original", "every morning")
        b.button("Search", ".duplicate-picker").click()
        b.button(f"Mark as duplicate of #{self.reported['id']}").click()
        b.text_appears(".standing", "Closed as a duplicate of")
        b.find(f".standing a[href='#/tickets/{self.reported['id']}']").click()
        b.text_appears(".duplicates", "1 other report of the same problem was linked to this one")
        assert self.api.must("GET", f"/tickets/{again['id']}", token=self.admin)["duplicate_of_id"] == self.reported["id"]

    def flow_field_errors_sit_next_to_their_fields(self):
        b = self.browser
        b.open("/new")
        b.type_into("What is the problem?", "   ")
        b.type_into("Details", "Something")
        b.button("File the ticket").click()
        b.wait(lambda driver: driver.find_element(By.CSS_SELECTOR, "[data-error-for='title']").text != "")
        assert b.field("What is the problem?").get_attribute("aria-invalid") == "true"

    @expects_alerts("Too many attempts", "Wrong email or password")
    def flow_too_many_failed_sign_ins_show_the_wait(self):
        b = self.browser
        b.sign_out()
        for _ in range(6):
            b.type_into("Email", "nobody@example.com")
            b.type_into("Password", "wrong-password")
            b.button("Sign in").click()
            b.find("main form .alert")
        b.text_appears("main form .alert", "Too many attempts. Try again in")
        b.assert_clean_text()

    def flow_password_change_and_sign_out_everywhere(self):
        b = self.browser
        b.sign_in(self.people["colleague"]["email"])
        other_tab = self.api.login(self.people["colleague"]["email"], PASSWORD)
        b.find("#nav a[href='#/account']").click()
        b.type_into("Current password", "not-my-password")
        b.type_into("New password", "a-new-password-1")
        b.type_into("New password again", "a-new-password-1")
        b.button("Change password").click()
        b.text_appears(".change-password [data-error-for='current_password']", "This is not your current password.")
        b.type_into("Current password", PASSWORD)
        b.button("Change password").click()
        b.text_appears(".notice", "Your password is changed")
        assert self.api.call("GET", "/auth/me", token=other_tab)[0] == 401
        b.sign_in(self.people["colleague"]["email"], "a-new-password-1")
        other_tab = self.api.login(self.people["colleague"]["email"], "a-new-password-1")
        b.find("#nav a[href='#/account']").click()
        b.button("Sign out everywhere").click()
        b.text_appears(".notice", "signed out on every device")
        assert self.api.call("GET", "/auth/me", token=other_tab)[0] == 401

    def flow_a_phone_screen_needs_no_sideways_scrolling(self):
        b = self.browser
        b.driver.set_window_size(375, 812)
        try:
            staff_pages = [("/mine", ".tickets li"), (f"/tickets/{self.filed_id}", ".timeline li"), ("/new", "form"), ("/board", ".chart")]
            admin_pages = [("/queue", ".tickets li"), (f"/tickets/{self.filed_id}", ".work-panel"), ("/users", ".users li"), ("/account", "form")]
            for email, password, pages in [(self.people["staff"]["email"], PASSWORD, staff_pages),
                                           (self.admin_email, self.admin_password_for_test, admin_pages)]:
                b.sign_in(email, password)
                for route, ready in pages:
                    b.open(route)
                    b.find(ready)
                    width = b.driver.execute_script("return document.documentElement.scrollWidth")
                    viewport = b.driver.execute_script("return window.innerWidth")
                    wide = b.driver.execute_script(
                        "return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)"
                        ".slice(0, 5).map((e) => e.tagName + '.' + e.className.baseVal + e.className + ' ' + Math.round(e.getBoundingClientRect().right))")
                    assert width <= viewport, f"{route}: {width} px wide on a {viewport} px screen: {wide}"
                    b.shot(f"phone-{route.strip('/').replace('/', '-')}")
                b.sign_out()
        finally:
            b.driver.set_window_size(1280, 1000)

    def flow_a_reload_keeps_the_session_in_this_tab_only(self):
        b = self.browser
        b.sign_out()
        b.sign_in(self.people["staff"]["email"])
        b.open(f"/tickets/{self.filed_id}")
        b.find(".timeline li")
        b.driver.refresh()
        b.text_appears("main h1", "printer floor 2 jams")
        b.find(".timeline li")
        assert b.driver.execute_script("return localStorage.length") == 0
        token = b.driver.execute_script("return sessionStorage.getItem('tickets.token')")
        assert token and token not in b.driver.current_url
        # Back from a redirect does not bounce forward again.
        b.open("/")
        b.text_appears("main h1", "My tickets")
        b.assert_clean_text()

    def flow_sign_out_ends_this_tabs_token_only(self):
        b = self.browser
        b.sign_out()
        b.sign_in(self.people["staff"]["email"])
        b.find("#nav button")
        tab_token = b.driver.execute_script("return sessionStorage.getItem('tickets.token')")
        other_device = self.api.login(self.people["staff"]["email"], PASSWORD)
        assert self.api.call("GET", "/auth/me", token=tab_token)[0] == 200
        b.sign_out()
        b.text_appears(".notice", "You are signed out.")
        assert b.driver.execute_script("return sessionStorage.getItem('tickets.token')") is None
        assert self.api.call("GET", "/auth/me", token=tab_token)[0] == 401
        assert self.api.call("GET", "/auth/me", token=other_device)[0] == 200

    def flow_a_newcomer_creates_an_account(self):
        b = self.browser
        b.sign_out()
        b.find("main a[href='#/register']").click()
        b.type_into("Your name", "Olga Office")
        b.type_into("Work email", "olga@example.com")
        b.type_into("Password", PASSWORD)
        b.button("Create account").click()
        b.text_appears("#nav", "Sign out (Olga Office)")
        b.text_appears("main h1", "My tickets")
        b.text_appears(".summary", "You have not reported anything yet.")
        b.assert_clean_text()

    def flow_load_more_pages_through_the_queue(self):
        staff = self.api.login(self.people["staff"]["email"], PASSWORD)
        for number in range(30):
            self.api.must("POST", "/tickets", {"title": f"Monitor {number} flickers", "description": "Now and then.", "priority": "low"}, staff)
        total = len(self.api.must("GET", "/tickets?limit=200&status=incoming,open,in%20progress,on%20hold", token=self.admin))
        b = self.browser
        b.sign_out()
        b.sign_in(self.people["tech"]["email"])
        b.text_appears(".summary", f"{total} tickets match")
        assert len(b.driver.find_elements(By.CSS_SELECTOR, ".tickets > li")) == 25
        b.button("Load more").click()
        b.wait(lambda driver: len(driver.find_elements(By.CSS_SELECTOR, ".tickets > li")) == total)
        ids = [element.get_attribute("data-ticket-id") for element in b.driver.find_elements(By.CSS_SELECTOR, ".tickets article")]
        assert len(set(ids)) == total, "a page repeated a ticket"
        b.wait(lambda driver: not driver.find_element(By.XPATH, "//button[text()='Load more']").is_displayed())

    def flow_every_queue_filter_and_sort_lists_what_the_api_lists(self):
        """Each option of each filter and sort of the queue, once: the page lists the tickets the
        API lists for that query, in its order, with its total."""
        b = self.browser
        b.sign_out()
        b.sign_in(self.people["tech"]["email"])
        b.find(".tickets")
        tech = self.api.login(self.people["tech"]["email"], PASSWORD)
        active = "incoming,open,in progress,on hold"
        settings = [("Status", text, {"status": value}) for text, value in
                    [("Any status", ""), ("Incoming", "incoming"), ("Open", "open"), ("In progress", "in progress"),
                     ("On hold", "on hold"), ("Resolved", "resolved"), ("Closed", "closed"), ("Active (not resolved or closed)", active)]]
        settings += [("Priority", label(value), {"priority": value}) for value in ["low", "medium", "high", "emergency"]]
        settings += [("Priority", "Any priority", {})]
        settings += [("Assigned to", text, {"assigned_to_id": value}) for text, value in
                     [("Me", "me"), ("Nobody", "none"), ("Tess Tech", str(self.people["tech"]["id"])), ("Anyone", "")]]
        settings += [("Sort", text, {"sort": value}) for text, value in
                     [("Newest first", "-created_at"), ("Oldest first", "created_at"), ("Recently changed", "-updated_at"), ("Most urgent first", "-priority")]]
        settings += [("Search", "printer", {"q": "printer"}), ("Search", "", {})]
        for control, choice, query in settings:
            old = b.find(".summary")
            if control == "Search":
                b.type_into("Search", choice)
            else:
                b.choose(control, choice)
            b.button("Show").click()
            b.wait(EC.staleness_of(old))
            b.wait(lambda driver: driver.find_element(By.CSS_SELECTOR, ".summary").text != "")
            # The page's other controls keep their last choice; the API gets them all.
            shown = b.driver.execute_script(
                "return Object.fromEntries([...document.querySelectorAll('form.filters select, form.filters input')]"
                ".map((c) => [c.labels[0].textContent, c.value]))")
            api_query = {"status": {"all": "", "active": active}.get(shown["Status"], shown["Status"]),
                         "priority": shown["Priority"], "assigned_to_id": shown["Assigned to"], "q": shown["Search"],
                         "sort": "-priority" if shown["Sort"] == "priority-first" else shown["Sort"], "limit": "25"}
            for key, value in query.items():
                assert api_query[key] == value, f"{control} {choice!r}: the form holds {shown}"
            path = "/tickets?" + urllib.parse.urlencode(api_query, quote_via=urllib.parse.quote)
            status, listed = self.api.call("GET", path, token=tech)
            assert status == 200, (api_query, listed)
            ids = [int(element.get_attribute("data-ticket-id")) for element in b.driver.find_elements(By.CSS_SELECTOR, ".tickets article")]
            assert ids == [ticket["id"] for ticket in listed], f"{control} {choice!r}: the page lists {ids}, the API {[t['id'] for t in listed]}"
            if listed:
                total = self.api.total(path, tech)
                b.text_appears(".summary", f"{total} ticket")
                assert b.find(".summary").text.startswith(f"{total} ticket"), (api_query, total, b.find(".summary").text)

    def flow_every_control_has_a_label(self):
        b = self.browser
        b.sign_out()
        b.sign_in(self.admin_email, self.admin_password_for_test)
        for route, ready in [("/new", "form"), ("/queue", ".tickets"), (f"/tickets/{self.filed_id}", ".work-panel"),
                             ("/users", ".users li"), ("/account", ".change-password")]:
            b.open(route)
            b.find(ready)
            unlabelled = b.driver.execute_script(
                "return [...document.querySelectorAll('main input, main select, main textarea')]"
                ".filter((c) => !c.labels || c.labels.length === 0).map((c) => c.outerHTML.slice(0, 80))")
            assert unlabelled == [], f"{route}: {unlabelled}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--admin-email", required=True)
    parser.add_argument("--admin-password", required=True)
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()
    api = Api(args.base_url)
    browser = Browser(args.base_url, args.screenshots)
    passed, failed = 0, 0
    try:
        flows = Flows(api, browser, args.admin_email, args.admin_password)
        flows.admin_password_for_test = args.admin_password
        for name in [name for name in Flows.__dict__ if name.startswith("flow_")]:
            started = time.monotonic()
            try:
                flow = getattr(flows, name)
                flow()
                unexpected = [text for text in browser.take_alerts()
                              if not any(expected in text for expected in getattr(flow, "expected_alerts", ()))]
                assert unexpected == [], f"the pages showed alerts the flow did not expect: {unexpected}"
                errors = browser.console_errors()
                assert errors == [], f"the pages logged errors: {errors}"
                passed += 1
                print(f"ok    {name} ({time.monotonic() - started:.1f} s)", flush=True)
            except (AssertionError, TimeoutException, Exception) as error:
                browser.take_alerts()
                browser.console_errors()
                failed += 1
                print(f"FAIL  {name}: {type(error).__name__}: {error}", flush=True)
                traceback.print_exc()
                browser.shot(f"failed-{name}")
                print("      page text:", browser.driver.find_element(By.TAG_NAME, "body").text[:1500].replace("\n", " | "))
    finally:
        browser.driver.quit()
    print(f"browser: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())

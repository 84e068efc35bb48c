"""End-to-end fixtures: the real app on a free port, driven by headless Chromium.

One server and one browser serve the whole session (start-up costs seconds);
each test starts from a clean page with the language reset to Chinese.  The
folder is skipped, with the reason, when Debian's chromium or chromedriver is
missing.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
BROWSER_MISSING = not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists())
SKIP_REASON = (
    "end-to-end tests need Debian's chromium and chromium-driver "
    "(apt-get install chromium chromium-driver); not found at "
    f"{CHROMIUM} / {CHROMEDRIVER}"
)
WAIT_SECONDS = 20
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1366,900",
    "--lang=zh-CN",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            if BROWSER_MISSING:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """On a failed test, save what the browser showed, and say where."""
    report = yield
    browser = getattr(item, "funcargs", {}).get("browser")
    if report.when == "call" and report.failed and browser is not None:
        folder = item.config._tmp_path_factory.getbasetemp() / "e2e-failures"
        folder.mkdir(exist_ok=True)
        shot = folder / f"{item.name}.png"
        browser.save_screenshot(str(shot))
        (folder / f"{item.name}.html").write_text(browser.page_source, encoding="utf-8")
        report.sections.append(("browser", f"screenshot and page source saved under {folder}"))
    return report


@pytest.fixture(scope="session")
def e2e_settings(tmp_path_factory: pytest.TempPathFactory):
    from indicators.config import load_config

    db_path = tmp_path_factory.mktemp("e2e-db") / "tracker.db"
    # The browser tests walk through the demo: the labelled sample, not the published figures.
    return load_config(database_url=f"sqlite:///{db_path}",
                       sample_data="data/sample/sample_actuals.csv")


E2E_USER = "录入员"  # an editor, as planning staff are
E2E_PASSWORD = "e2e-password-1"


@pytest.fixture(scope="session")
def live_server(e2e_settings) -> Iterator[str]:
    """Serve create_app(settings) (sample data loaded) on 127.0.0.1 and a free port."""
    from werkzeug.serving import make_server

    from app import create_app
    from indicators.accounts import add_user

    # A key in the environment keeps the app from writing data/secret_key in the tree.
    patch = pytest.MonkeyPatch()
    patch.setenv("TRACKER_SECRET_KEY", "e2e-" + "0" * 60)
    app = create_app(e2e_settings)
    add_user(app.server.config["TRACKER_SERVICE"].store, E2E_USER, E2E_PASSWORD, "editor",
             actor="e2e")
    # One log line per request would bury a failure's own output.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        patch.undo()


@pytest.fixture(scope="session")
def tracker_service(live_server, e2e_settings):
    """A second service on the same database, for reading what the app stored."""
    from indicators.service import TrackerService

    return TrackerService.open(e2e_settings, load_sample=False)


@pytest.fixture(scope="session")
def download_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory, download_dir: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(download_dir),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        },
    )
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    # Headless Chromium only saves downloads where it is told to, per session.
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior",
        {"behavior": "allow", "downloadPath": str(download_dir), "eventsEnabled": True},
    )
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def logged_in(browser, live_server) -> str:
    """Log the browser in once, through the login form, as the e2e editor."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(live_server + "/login?next=/history")
    browser.find_element(By.ID, "name").send_keys(E2E_USER)
    browser.find_element(By.ID, "password").send_keys(E2E_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: d.current_url.endswith("/history"))
    return E2E_USER


@pytest.fixture
def page(browser, live_server, logged_in) -> Callable[[str], object]:
    """Open a path of the app, logged in, with a fresh, Chinese-language browser state."""
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(live_server + "/_dash-layout")
    browser.execute_script("window.localStorage.clear(); window.sessionStorage.clear();")

    from layouts.ids import PAGE_CONTENT

    def open_path(path: str = "/"):
        browser.get(live_server + path)
        WebDriverWait(browser, WAIT_SECONDS).until(
            lambda d: d.execute_script(
                "const main = document.getElementById(arguments[0]);"
                "return !!main && main.children.length > 0;",
                PAGE_CONTENT,
            )
        )
        return browser

    return open_path


@pytest.fixture
def click(browser):
    """Click after scrolling the element to mid-screen, clear of the sticky header.

    behavior 'instant' because Bootstrap makes scrolling smooth, and a click
    during the animation lands on whatever is under the pointer at that moment.
    """

    def scroll_and_click(element) -> None:
        browser.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
        )
        element.click()

    return scroll_and_click


def tile_selector(status: str) -> str:
    """CSS selector of an overview status tile (a pattern-matching id, as Dash writes it)."""
    from layouts.pages.overview import tile_id

    return f"[id='{json.dumps(tile_id(status), sort_keys=True, separators=(',', ':'))}']"


@pytest.fixture
def tiles(browser):
    """Read the overview's tiles: {status: (label, count)}."""
    from selenium.webdriver.common.by import By

    from indicators.engine import STATUS_CODES

    def read() -> dict[str, tuple[str, int]]:
        shown = {}
        for code in STATUS_CODES:
            tile = browser.find_element(By.CSS_SELECTOR, tile_selector(code))
            label = tile.find_element(By.CLASS_NAME, "tile-label").text
            shown[code] = (label, int(tile.find_element(By.CLASS_NAME, "tile-count").text))
        return shown

    read.selector = tile_selector
    return read


@pytest.fixture
def wait(browser):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT_SECONDS)

"""The patient page in a real browser: Playwright driving Debian's Chromium.

Screenshots are saved to results/browser/ as test artifacts.
"""

import re
from pathlib import Path
from typing import Iterator, List

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from core.settings import PROJECT_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
SHOTS = PROJECT_ROOT / "results" / "browser"
# Without these, Chromium reaches for Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPLY_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium missing: run `make browser-deps`"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, page_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    page.goto(page_url)
    _wait_connected(page)
    yield page
    context.close()


def _wait_connected(page: Page) -> None:
    expect(page.locator("body")).to_have_attribute(
        "data-connected", "true", timeout=15_000
    )


def _ask(page: Page, text: str) -> None:
    page.locator("#message").fill(text)
    page.locator("#message").press("Enter")


def _bot(page: Page, pattern: str):
    return page.locator(".msg.bot", has_text=re.compile(pattern))


def test_answer_mentions_pd_l1_and_disclaimer_stays_visible(page: Page) -> None:
    expect(page.locator("#disclaimer")).to_contain_text("medical advice")
    _ask(page, "how does socazolimab work?")
    expect(_bot(page, "PD-L1").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    expect(page.locator("#disclaimer")).to_be_in_viewport()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "answer.png"), full_page=True)


def test_emergency_shows_banner(page: Page) -> None:
    _ask(page, "I can't breathe")
    banner = page.locator(".banner.emergency")
    expect(banner).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    expect(banner).to_contain_text("Call your local emergency number now")
    expect(banner).to_have_attribute("role", "alert")
    page.screenshot(path=str(SHOTS / "emergency.png"), full_page=True)


def test_markup_in_messages_is_text_not_html(page: Page) -> None:
    dialogs: List[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    attack = "<img src=x onerror=alert(1)>"
    _ask(page, attack)
    expect(page.locator(".msg.user", has_text=attack)).to_be_visible()
    expect(page.locator(".msg.bot").last).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    page.wait_for_timeout(1000)
    assert dialogs == []
    assert page.locator("#log img").count() == 0


def test_buttons_are_clickable(page: Page) -> None:
    _ask(page, "how often is it given?")
    button = page.get_by_role("button", name="Plozalizumab")
    expect(button).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    button.click()
    expect(_bot(page, "Days 1, 15, and 29").first).to_be_visible(
        timeout=REPLY_TIMEOUT_MS
    )


def test_conversation_survives_a_reload(page: Page) -> None:
    _ask(page, "how does socazolimab work?")
    expect(_bot(page, "PD-L1").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    session = page.evaluate(
        "JSON.parse(sessionStorage.getItem('patient-chat-v1')).sessionId"
    )
    assert re.fullmatch(r"[0-9a-f]{32}\.[0-9a-f]{32}", session), (
        session
    )  # issued, signed
    page.reload()
    _wait_connected(page)
    expect(
        page.locator(".msg.user", has_text="how does socazolimab work?")
    ).to_be_visible()
    expect(_bot(page, "PD-L1").first).to_be_visible()
    assert (
        page.evaluate("JSON.parse(sessionStorage.getItem('patient-chat-v1')).sessionId")
        == session
    )
    # Same sender id: the bot still knows the medicine.
    _ask(page, "how is it given?")
    expect(_bot(page, "30 to 60 minutes").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    assert page.evaluate("window.localStorage.length") == 0  # nothing outlives the tab


def test_end_chat_clears_the_conversation(page: Page) -> None:
    _ask(page, "how does socazolimab work?")
    expect(_bot(page, "PD-L1").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    before = page.evaluate(
        "JSON.parse(sessionStorage.getItem('patient-chat-v1')).sessionId"
    )
    page.get_by_role("button", name="End chat").click()
    expect(page.locator("#log .msg")).to_have_count(0)
    page.wait_for_function(
        "(old) => { const s = JSON.parse("
        "sessionStorage.getItem('patient-chat-v1') || 'null');"
        " return s && s.sessionId && s.sessionId !== old; }",
        arg=before,
    )
    page.reload()
    _wait_connected(page)
    expect(page.locator("#log .msg")).to_have_count(0)
    # A new conversation: the medicine asked about before the end is not known.
    _ask(page, "how is it given?")
    expect(page.get_by_role("button", name="Plozalizumab")).to_be_visible(
        timeout=REPLY_TIMEOUT_MS
    )


def test_keyboard_only_and_live_region(page: Page) -> None:
    log = page.locator("#log")
    expect(log).to_have_attribute("aria-live", "polite")
    page.keyboard.press("Tab")  # focus may start anywhere; the input takes typing
    page.locator("#message").focus()
    page.keyboard.type("what is plozalizumab?")
    page.keyboard.press("Enter")
    expect(_bot(page, "MLN1202").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)


def test_typing_indicator_shows_while_waiting(page: Page) -> None:
    page.evaluate(
        "window.__typingSeen = false; new MutationObserver(() => { "
        "if (!document.getElementById('typing').hidden) window.__typingSeen = true; "
        "}).observe(document.getElementById('typing'), {attributes: true})"
    )
    _ask(page, "how much socazolimab do they give per dose?")
    expect(_bot(page, "5 mg/kg").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    assert page.evaluate("window.__typingSeen") is True
    expect(page.locator("#typing")).to_be_hidden()


def test_readable_at_mobile_width(browser: Browser, page_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    page.goto(page_url)
    _wait_connected(page)
    _ask(page, "which side effects can plozalizumab bring on?")
    expect(_bot(page, "Fatigue|fatigue").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(SHOTS / "mobile.png"), full_page=True)
    context.close()


def test_unreachable_server_says_so_and_keeps_the_message(
    browser: Browser, page_url: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.route(
        "**/config.js",
        lambda route: route.fulfill(
            content_type="text/javascript",
            body='window.CHAT_CONFIG = {"rasaUrl": "http://127.0.0.1:9"};',
        ),
    )
    page.goto(page_url)
    offline = page.locator("#offline")
    expect(offline).to_be_visible(timeout=15_000)
    expect(offline).to_contain_text("emergency number")
    page.locator("#message").fill("how is it given?")
    page.locator("#message").press("Enter")
    expect(page.locator("#message")).to_have_value("how is it given?")
    page.screenshot(path=str(SHOTS / "offline.png"), full_page=True)
    context.close()

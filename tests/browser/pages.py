"""The form page as the tests see it: find a field, fill it in like a user, read its state.

Every action goes through the page as a user would (typing, keys, clicks); reading the state uses the
attributes the page's scripts keep (data-state, is-required, aria-*).
"""

from __future__ import annotations

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

AXE = Axe()


class FormPage:
    def __init__(self, page: Page, screenshots: Path) -> None:
        self.page = page
        self.screenshots = screenshots

    # -- finding things -------------------------------------------------------------------------------
    def wrapper(self, field: str) -> Locator:
        return self.page.locator(f'[data-field="{field}"]')

    def control(self, field: str) -> Locator:
        return self.page.locator(f"#f-{field}")

    def code_text(self, field: str) -> Locator:
        return self.page.locator(f"#f-{field}-text")

    def notices(self) -> Locator:
        return self.page.locator("#notices")

    # -- waiting --------------------------------------------------------------------------------------
    def idle(self) -> None:
        """Wait until no request to the server is on its way."""
        self.page.wait_for_function("() => !document.body.dataset.busy")

    # -- acting like a user ---------------------------------------------------------------------------
    def type_into(self, field: str, text: str) -> None:
        """Put ``text`` in the field as typing would (focus, then input events), without leaving it."""
        control = self.control(field)
        control.focus()
        control.fill(text)

    def fill_text(self, field: str, text: str) -> None:
        """Type a value and leave the field (Tab), so that it changes."""
        self.type_into(field, text)
        self.page.keyboard.press("Tab")
        self.idle()

    def fill_date(self, field: str, danish: str) -> None:
        self.fill_text(field, danish)

    def choose_code(self, field: str, fragment: str, code: str) -> None:
        """Type part of a code or text, arrow down to ``code`` among the matches, and press Enter."""
        self.type_into(field, fragment)
        listbox = self.page.locator(f"#f-{field}-listbox")
        expect(listbox.get_by_role("option").first).to_be_visible()
        options = listbox.get_by_role("option")
        codes = [text.split()[0] for text in options.all_inner_texts()]
        for _ in range(codes.index(code) + 1):
            self.page.keyboard.press("ArrowDown")
        self.page.keyboard.press("Enter")
        expect(self.control(field)).to_have_value(code)
        self.idle()

    def type_code(self, field: str, code: str) -> None:
        """Type a code in full and press Enter."""
        self.type_into(field, code)
        self.page.keyboard.press("Enter")
        self.idle()

    def choose_radio(self, field: str, code: str) -> None:
        self.page.locator(f"#f-{field}-{code}").check()
        self.idle()

    def select(self, field: str, code: str) -> None:
        self.control(field).select_option(code)
        self.idle()

    def tick(self, field: str, code: str) -> None:
        self.page.locator(f"#f-{field}-{code}").check()
        self.idle()

    def validate(self) -> None:
        self.page.get_by_role("button", name="Valider", exact=True).click()
        self.idle()

    def screenshot(self, name: str) -> None:
        self.screenshots.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(self.screenshots / f"{name}.png"), full_page=True)

    def axe_violations(self) -> list[str]:
        """axe-core's violations on the page as it stands (WCAG 2.x A/AA and axe's best practices)."""
        results = AXE.run(self.page)
        return [
            f"{violation['id']}: {violation['help']} — {[node['target'] for node in violation['nodes']]}"
            for violation in results.response["violations"]
        ]

    # -- reading state --------------------------------------------------------------------------------
    def expect_open(self, field: str) -> None:
        expect(self.wrapper(field)).to_have_attribute("data-state", "open")

    def expect_closed(self, field: str) -> None:
        wrapper = self.wrapper(field)
        expect(wrapper).to_have_attribute("data-state", "closed")
        expect(self.page.locator(f"#f-{field}-state")).to_have_text("Ikke åben for indtastning.")

    def expect_required(self, field: str, required: bool = True) -> None:
        pattern = re.compile(r"\bis-required\b")
        if required:
            expect(self.wrapper(field)).to_have_class(pattern)
        else:
            expect(self.wrapper(field)).not_to_have_class(pattern)

    def fill_complete(self) -> None:
        """A complete, valid form of the page tests (tests/fixtures/forms/side/), entered as a user would."""
        self.fill_text("cpr", "120355-1009")
        self.fill_text("enhed", "276231000016004")
        self.fill_date("start", "04-03-2024")
        self.type_code("farve", "ROD")
        self.choose_radio("side", "V")
        self.select("styrke", "S1")
        self.select("grad", "G1")
        self.tick("grundlag", "OP")
        self.tick("undersoegelse", "MI")
        self.type_code("morfologi", "M81403")
        self.fill_date("opdato", "20-03-2024")
        self.type_code("opkode", "KHAC20")
        self.tick("behandlinger", "KEMO")
        self.fill_date("behandlinger-KEMO-startdato", "15-04-2024")

"""The review sheet holds every sentence the bot can say about a medicine."""

import datetime
import html

from core.facts import FactStore
from core.triage.advice import WHEN_TO_CALL
from tooling.review_sheet import medicine_page, side_effect_rows

TODAY = datetime.date(2026, 12, 3)


def test_every_answer_stands_beside_its_quotes_and_sign_off(store: FactStore) -> None:
    for medicine in store.medicines:
        page = medicine_page(medicine, TODAY)
        for fact in medicine.facts.values():
            assert html.escape(fact.answer) in page
            assert all(html.escape(quote) in page for quote in fact.quotes)
            assert fact.review_hash in page
        assert "CHANGED SINCE SIGNED" not in page
        assert "make sign-facts" in page


def test_the_side_effect_check_says_not_listed_where_the_source_is_silent(
    store: FactStore,
) -> None:
    rows = {
        asked: (says, rests)
        for asked, says, rests in side_effect_rows(store.medicine("plozalizumab"))
    }
    # No "yes" for a rash: the source names only redness during the drip, quoted.
    says, rests = rows["Can Plozalizumab cause rash?"]
    assert (
        not says.startswith("Yes") and "do not list rash" in says and "redness" in says
    )
    says, rests = rows["Can Plozalizumab cause hair loss?"]
    assert "do not list hair loss" in says and "Not listed" in rests
    says, rests = rows["Can Plozalizumab cause fever?"]
    assert says.startswith("Yes") and "quotes of the fact" in rests


def test_every_warning_sign_has_its_advice_on_the_sheet(store: FactStore) -> None:
    page = medicine_page(store.medicine("socazolimab"), TODAY)
    for category in WHEN_TO_CALL:
        assert html.escape(category.replace("_", " ")) in page

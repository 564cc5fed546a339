"""The widget kit: inputs read by counselling.inputs, the debounce on a real
asyncio loop, the « pas encore à jour » mark, the household editor, the card."""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal

import ipywidgets as w
import pytest

from counselling.calculators.cheque_energie import cheque_energie
from counselling.errors import InputError
from counselling.dashboards.kit import (STALE, DateInput, Debouncer, HouseholdEditor, Live, NumberInput,
                                        ResultCard, Table, WorkshopToggle, figures_table, page)


@pytest.mark.parametrize(("kind", "unit", "typed", "expected"), [
    ("money", None, "1 350,50", Decimal("1350.50")),
    ("money", None, "45 €", Decimal("45.00")),
    ("money", None, "45€", Decimal("45.00")),
    ("decimal", "kWh", "3 200 kWh", Decimal("3200")),
    ("decimal", "kWh", "3 200 KWH", Decimal("3200")),
    ("int", None, " 3 ", 3),
])
def test_number_input_reads_french_amounts_and_its_own_unit(kind, unit, typed, expected):
    field = NumberInput("Montant", "montant", kind, unit=unit)
    field.value = typed
    assert field.parsed() == expected


def test_number_input_names_the_field_as_shown_and_keeps_the_text():
    field = NumberInput("Loyer", "loyer", "money")
    assert field.shown_label() == "Loyer (€)"
    field.value = "-500"
    with pytest.raises(InputError, match="Loyer : la valeur est négative"):
        field.parsed()
    field.value = "3 200 €uros"
    with pytest.raises(InputError, match="Loyer"):
        field.parsed()
    assert field.value == "3 200 €uros"
    field.value = ""
    assert field.parsed() is None
    field.value = Decimal("12.5")
    assert field.value == "12,5" and field.parsed() == Decimal("12.50")


def test_date_input_is_typed_and_shown_day_month_year():
    field = DateInput("Premier versement", "premiere_echeance")
    assert field.text.placeholder == "jj/mm/aaaa"
    field.value = "05/12/2026"
    assert field.parsed() == dt.date(2026, 12, 5)
    assert field.echo.value == "samedi 5 décembre 2026"  # not 12 May
    field.value = dt.date(2027, 1, 31)
    assert field.value == "31/01/2027"
    field.value = "31/02/2027"
    assert field.echo.value == ""
    with pytest.raises(InputError, match="Premier versement"):
        field.parsed()


def test_debouncer_runs_once_after_the_last_call_on_the_loop(run_loop):
    calls = []

    async def scenario():
        debounce = Debouncer(lambda: calls.append(len(calls)), delay=0.05, kernel_only=False)
        for _ in range(5):  # five keys in a row
            debounce()
        assert calls == [] and debounce.pending  # nothing yet: the person is typing
        for _ in range(200):
            await asyncio.sleep(0.02)
            if calls:
                break
        await asyncio.sleep(0.1)  # would be enough for a second, wrong, call
        assert calls == [0] and not debounce.pending

    run_loop(scenario)


def test_debouncer_flush_and_no_loop_run_at_once(run_loop):
    calls = []
    Debouncer(lambda: calls.append(1), delay=10)()  # outside a kernel (a script, a test): at once
    assert calls == [1]

    async def scenario():
        debounce = Debouncer(lambda: calls.append(1), delay=10, kernel_only=False)
        debounce()
        assert calls == [1]
        debounce.flush()
        assert calls == [1, 1] and not debounce.pending
        debounce.flush()  # nothing pending: nothing run
        assert calls == [1, 1]

    run_loop(scenario)


def test_live_marks_the_answer_stale_until_recomputed(run_loop):
    rfr = NumberInput("Revenu fiscal de référence", "rfr")
    persons = NumberInput("Nombre de personnes", "personnes", "int")
    persons.value = 1
    answer = w.HTML()
    shown = []

    def compute():
        result = cheque_energie(2025, rfr.parsed(), persons.parsed())
        shown.append(result["montant"])
        answer.value = str(result["montant"])

    async def scenario():
        live = Live(compute, marks=[answer], delay=0.05, kernel_only=False).watch(rfr, persons)
        rfr.value = "9 000"
        assert STALE in answer._dom_classes and shown == []
        live.flush()
        assert STALE not in answer._dom_classes and answer.value == "48"
        persons.value = "3"  # typed, not yet recomputed: marked, never shown as current
        assert STALE in answer._dom_classes and answer.value == "48"
        for _ in range(200):
            await asyncio.sleep(0.02)
            if STALE not in answer._dom_classes:
                break
        assert answer.value == "240" and shown == [48, 240]

    run_loop(scenario)


def test_outside_a_kernel_another_loop_does_not_delay_the_answer(run_loop):
    answer = w.HTML()

    async def scenario():
        live = Live(lambda: setattr(answer, "value", "à jour"), marks=[answer])  # kernel_only: the default
        live.typed()
        assert answer.value == "à jour" and STALE not in answer._dom_classes

    run_loop(scenario)


def test_live_unmarks_even_when_the_computation_fails():
    answer = w.HTML()

    def compute():
        raise InputError("x", "X", "faux", "vrai")

    live = Live(compute, marks=[answer])
    with pytest.raises(InputError):
        live.changed()
    assert STALE not in answer._dom_classes


def test_household_editor_members_and_counts():
    editor = HouseholdEditor("t", adults=2)
    editor.add_child(8)
    editor.add_child("15", alternating=True)
    editor.dependants.value = 1
    assert editor.persons() == 5 and editor.children_count() == 2 and editor.alternating_count() == 1
    members = editor.members()
    assert [m["role"] for m in members] == ["adulte", "adulte", "adulte", "enfant", "enfant"]
    assert members[-1] == {"role": "enfant", "age": 15, "residence_alternee": True}
    editor.remove_child(editor.children_rows[0])
    assert editor.children_count() == 1
    editor.add_child()
    with pytest.raises(InputError, match="Âge de l'enfant n° 2"):
        editor.members()


def test_household_editor_recomputes_on_every_change():
    editor = HouseholdEditor("t")
    seen = []
    Live(lambda: seen.append(editor.persons())).watch(editor)
    editor.adults.value = "2"
    editor.add_child(4)
    editor.children_rows[0]["alternating"].value = True
    editor.dependants.value = "1"
    assert seen == [2, 3, 3, 4]


def test_result_card_and_figures_table_escape_and_fold():
    result = cheque_energie(2025, 9000, 1)
    card = ResultCard("t-montant", "t-chiffres", "t-avertissements")
    assert not card.shown
    card.show(result, "48 €", "Chèque <2025>", [("Unités", "1 UC")])
    assert card.shown and "Chèque &lt;2025&gt;" in card.headline.value and "ck-big" in card.headline.value
    assert "<ol" in card.steps[0].value and card.details.selected_index is None
    assert card.details.get_title(0) == "Comment est-ce calculé ?"
    assert figures_table([("a<b", "1")]) == '<table class="ck-figures"><tr><td>a&lt;b</td><td><b>1</b></td></tr></table>'


def test_result_card_tables_under_the_figure_one_folded():
    result = cheque_energie(2025, 9000, 1)
    card = ResultCard("t-montant", "t-chiffres", "t-avertissements", css="t-carte")
    assert "t-carte" in card._dom_classes
    shown = Table(["", "Montant"], [["Du 1 <juillet>", "12,50 €"], ["Total", "1 012,50 €"]], "t-tableau",
                  intro="Une ligne par période.")
    hidden = Table(["", "TVA"], [["Total", "2,08 €"]], "t-taxes", folded="Taxes comprises")
    card.show(result, "48 €", "Chèque", [("Unités", "1 UC")], tables=[shown, hidden])
    html = card.figures.value
    # the label / value rows first, then the tables in order, the second inside a closed fold
    assert html.index("ck-figures") < html.index("Une ligne par période.") < html.index('class="t-tableau"')
    assert html.index('class="t-tableau"') < html.index("<details") < html.index('class="t-taxes"')
    assert '<details class="ck-pli"><summary>Taxes comprises</summary>' in html and "open" not in html
    assert "Du 1 &lt;juillet&gt;" in html and "<b>1 012,50 €</b>" in html  # escaped; the total in bold
    assert "text-align:right" in shown.html()  # amounts aligned right
    assert shown.html() in html and "<details" not in shown.html()
    card.show(result, "49 €", "Chèque")  # neither figures nor tables: what was under the figure stays
    assert card.figures.value == html
    card.show(result, "50 €", "Chèque", tables=[hidden])  # tables alone replace it
    assert card.figures.value == hidden.html()


def test_page_columns_and_workshop_toggle():
    toggle = WorkshopToggle("t-atelier")
    root = page("t-vue", [w.HTML("saisie")], [w.HTML("réponse")], intro=[toggle])
    toggle.attach(root)
    redrawn = []
    toggle.on_change(redrawn.append)
    toggle.value = True
    assert "ck-atelier" in root._dom_classes and redrawn == [True]
    toggle.value = False
    assert "ck-atelier" not in root._dom_classes
    columns = root.children[-1]
    assert [c._dom_classes for c in columns.children] == [("ck-saisie",), ("ck-reponse",)]

"""The Annex I threshold rules (teiaguide/annex1_logic.py) on cases worked out by hand.

Every case uses values tagged `verified` (the 2008 text, read in two sources) unless it is about how
unconfirmed values are marked. 2008 values used: chlorine 25 t, phosgene 0.75 t, hydrogen 50 t,
liquefied extremely flammable gases (LPG) 200 t; Part I: 3 extremely flammable 50 t, 4 toxic 200 t,
5 very toxic 20 t.
"""
from __future__ import annotations

import pytest

from teiaguide import annex1_logic as logic
from teiaguide.annex1_logic import Row, assess, assess_row, find_substance
from teiaguide.features import calculator
from teiaguide.guide import Guide
from teiaguide.problems import Problems


@pytest.fixture(scope="module")
def annex():
    guide, problems = Guide(), Problems()
    calculator.load(guide, problems)
    assert not problems, problems.report()
    return guide.annex1


@pytest.fixture(scope="module")
def v2008(annex):
    return annex.table("v2008")


@pytest.fixture(scope="module")
def v2015(annex):
    return annex.table("v2015")


def test_the_values_used_here_are_the_verified_2008_ones(v2008):
    expected = {"chlorine": 25, "phosgene": 0.75, "hydrogen": 50, "liquefied-flammable-gases": 200}
    for entry_id, tonnes in expected.items():
        entry = v2008.substances[entry_id]
        assert (entry.threshold_t, entry.verification) == (tonnes, "verified")
    for entry_id, tonnes in {"c3": 50, "c4": 200, "c5": 20}.items():
        assert (v2008.categories[entry_id].threshold_t, v2008.categories[entry_id].verification) == (tonnes, "verified")


@pytest.mark.parametrize("quantity, ratio, reached", [
    (24, 0.96, False),      # below: 24 / 25
    (25, 1.0, True),        # at: 25 / 25 (reached at a ratio of exactly 1)
    (30, 1.2, True),        # above: 30 / 25
])
def test_below_at_and_above_the_chlorine_threshold(v2008, quantity, ratio, reached):
    result = assess_row(Row(quantity, "chlorine"), v2008)
    assert result.rule == logic.NAMED
    assert result.threshold_t == 25
    assert result.ratio == pytest.approx(ratio)
    assert result.reached is reached
    assert result.settled
    assert assess([Row(quantity, "chlorine")], v2008).verdict is reached


def test_a_small_threshold_is_reached_exactly(v2008):
    result = assess_row(Row(0.75, "phosgene"), v2008)
    assert (result.ratio, result.reached) == (1.0, True)
    assert assess_row(Row(0.74, "phosgene"), v2008).reached is False


def test_named_substance_overrides_a_higher_category_threshold(v2008):
    # chlorine ticked as "toxic" (200 t): the category alone would give 30/200 = 0.15, not reached;
    # the Part II entry (25 t) applies instead: 30/25 = 1.2, reached.
    result = assess_row(Row(30, "chlorine", ("c4",)), v2008)
    assert result.rule == logic.NAMED_OVER_CATEGORY
    assert (result.entry, result.threshold_t, result.reached) == ("chlorine", 25, True)
    assert result.ratio == pytest.approx(1.2)
    assert result.rule_verification == "verified" and result.settled


def test_named_substance_overrides_a_lower_category_threshold(v2008):
    # 100 t of LPG ticked as "extremely flammable" (50 t): the category would give 2.0, reached; the
    # Part II entry (200 t) applies: 100/200 = 0.5, not reached.
    result = assess_row(Row(100, "liquefied-flammable-gases", ("c3",)), v2008)
    assert (result.entry, result.threshold_t, result.ratio, result.reached) == ("liquefied-flammable-gases", 200, 0.5, False)
    assert assess([Row(100, "liquefied-flammable-gases", ("c3",))], v2008).verdict is False


def test_one_category(v2008):
    result = assess_row(Row(60, None, ("c3",)), v2008)
    assert (result.rule, result.entry, result.threshold_t, result.ratio, result.reached) == ("category", "c3", 50, 1.2, True)
    assert result.settled


def test_several_categories_take_the_lowest_threshold(v2008):
    # toxic (200 t) and very toxic (20 t): 30 t against 20 t = 1.5, reached; 30/200 would not be. Each
    # category applies, so the lowest threshold is reached first: it follows from Art. 1(b), no doubt mark.
    result = assess_row(Row(30, None, ("c4", "c5")), v2008)
    assert (result.rule, result.entry, result.threshold_t, result.ratio, result.reached) == ("lowest_category", "c5", 20, 1.5, True)
    assert result.verification == "verified"
    assert result.rule_verification is None and result.settled
    assessment = assess([Row(30, None, ("c4", "c5"))], v2008)
    assert (assessment.answer, assessment.verdict, assessment.verdict_settled, assessment.unsettled) == ("yes", True, True, 0)


def test_several_substances_none_reached_but_the_indicative_sum_is(v2008):
    # chlorine 15/25 = 0.6, hydrogen 20/50 = 0.4, an extremely flammable liquid 10/50 = 0.2
    rows = [Row(15, "chlorine"), Row(20, "hydrogen"), Row(10, None, ("c3",))]
    assessment = assess(rows, v2008)
    assert [r.ratio for r in assessment.rows] == pytest.approx([0.6, 0.4, 0.2])
    assert assessment.verdict is False                # no single threshold is reached
    assert assessment.sum_of_ratios == pytest.approx(1.2)
    assert assessment.sum_reaches_one is True         # Seveso-style, indicative: does not change the verdict
    assert assessment.unassessed == 0 and assessment.unsettled == 0


def test_several_substances_one_reached(v2008):
    rows = [Row(10, "chlorine"), Row(60, "hydrogen")]   # 0.4 and 1.2
    assessment = assess(rows, v2008)
    assert [r.reached for r in assessment.rows] == [False, True]
    assert assessment.verdict is True and assessment.verdict_settled is True
    assert assessment.sum_of_ratios == pytest.approx(1.6)


def test_unknown_substance_is_not_assessed(v2008):
    assert find_substance("Unobtainium", v2008.substances) is None
    row = Row(1000, find_substance("Unobtainium", v2008.substances))
    result = assess_row(row, v2008)
    assert (result.rule, result.threshold_t, result.ratio, result.reached) == (logic.UNKNOWN, None, None, False)
    assessment = assess([row, Row(10, "chlorine")], v2008)
    assert assessment.verdict is False
    assert assessment.answer == logic.CANNOT_TELL      # never "no" while a row could not be assessed
    assert assessment.unassessed == 1
    assert assessment.sum_of_ratios == pytest.approx(0.4)     # only assessed rows count


@pytest.mark.parametrize("quantity", [None, -1, float("nan"), float("inf")])
def test_missing_or_impossible_quantity_is_not_assessed(v2008, quantity):
    result = assess_row(Row(quantity, "chlorine"), v2008)
    assert (result.rule, result.reached) == (logic.NO_QUANTITY, False)


def test_a_blank_quantity_gives_cannot_tell_not_no(v2008):
    assert assess([Row(None, "chlorine")], v2008).answer == logic.CANNOT_TELL
    assert assess([], v2008).answer == logic.CANNOT_TELL                       # nothing entered
    assert assess([Row(10, "chlorine"), Row(None, "hydrogen")], v2008).answer == logic.CANNOT_TELL
    assert assess([Row(10, "chlorine"), Row(None, "hydrogen"), Row(60, "hydrogen")], v2008).answer == logic.YES
    assert assess([Row(10, "chlorine")], v2008).answer == logic.NO


def test_zero_quantity_is_a_valid_answer(v2008):
    result = assess_row(Row(0, "chlorine"), v2008)
    assert (result.ratio, result.reached) == (0, False)


@pytest.mark.parametrize("query", ["Chlorine", "  chlorine ", "ХЛОР", "хлор", "7782-50-5",
                                   "Chlorine / Хлор — CAS 7782-50-5", "Хлор / Chlorine — CAS 7782-50-5"])
def test_find_substance_by_name_in_either_language_or_cas(v2008, query):
    assert find_substance(query, v2008.substances) == "chlorine"


def test_find_substance_treats_yo_as_ye(v2015):
    # Russian readers may type ё where the data has е (трет-бутилакрилат)
    assert find_substance("Метилакрилат", v2015.substances) == "methyl-acrylate"
    assert find_substance("трёт-бутилакрилат", v2015.substances) == "tba"


def test_2015_values_the_same_in_2008_and_seveso3_are_settled(v2015, v2008):
    # chlorine 25 t is the verified 2008 value and the Seveso III upper tier: stated plainly
    chlorine = assess_row(Row(30, "chlorine"), v2015)
    assert (chlorine.reached, chlorine.verification, chlorine.settled) == (True, "same_in_2008_and_seveso3", True)
    assert chlorine.verification in logic.SETTLED_TAGS
    for entry in v2015.substances.values():
        if entry.verification == "same_in_2008_and_seveso3":
            assert entry.threshold_t == v2008.substances[entry.id].threshold_t, entry.id
    assessment = assess([Row(30, "chlorine")], v2015)
    assert assessment.verdict is True and assessment.verdict_settled is True


def test_2015_values_from_seveso3_rest_on_the_alignment_statement_without_a_warning(v2015):
    ammonia = assess_row(Row(250, "ammonia-anhydrous"), v2015)
    assert (ammonia.threshold_t, ammonia.reached, ammonia.verification) == (200, True, "seveso3_full_alignment")
    assert ammonia.verification in logic.ALIGNED_TAGS and ammonia.verification not in logic.SETTLED_TAGS
    assert ammonia.settled                              # no per-result warning: one note on the page
    assert assess([Row(250, "ammonia-anhydrous")], v2015).verdict_settled is True


@pytest.mark.parametrize("category", ["o1", "o3"])
def test_the_eu_specific_entries_keep_their_doubt(v2015, category):
    result = assess_row(Row(1000, None, (category,)), v2015)
    assert result.reached and result.presence == "UNVERIFIED" and not result.settled
    assessment = assess([Row(1000, None, (category,))], v2015)
    assert assessment.verdict is True and assessment.verdict_settled is False and assessment.unsettled == 1


def test_a_2015_category_read_in_the_convention_is_settled(v2015):
    result = assess_row(Row(20, None, ("h1",)), v2015)     # acute toxicity cat. 1: 20 t, single source
    assert (result.threshold_t, result.reached, result.verification, result.settled) == (20, True, "single_source", True)


def test_same_ids_across_versions_for_the_same_substance(v2008, v2015):
    shared = set(v2008.substances) & set(v2015.substances)
    assert {"chlorine", "phosgene", "hydrogen", "mic", "so3", "tdi"} <= shared


@pytest.mark.parametrize("query, expected", [
    ("Аммиак", "ammonia-anhydrous"),          # a synonym (data/annex1.yml), not the listed «Аммиак безводный»
    ("ammonia", "ammonia-anhydrous"),
    ("NH3", "ammonia-anhydrous"),
    ("жидкий аммиак", "ammonia-anhydrous"),
    ("бензин", "petroleum-products"),
    ("diesel", "petroleum-products"),
    ("пропан", "liquefied-flammable-gases"),
    ("phosgene", "phosgene"),
    ("Фосген", "phosgene"),
    ("7664-41-7", "ammonia-anhydrous"),        # CAS numbers still work
    ("7664 41 7", "ammonia-anhydrous"),
    ("Hydrogen", "hydrogen"),                  # the whole name wins over "Hydrogen chloride"
    ("Метилизоц", "mic"),                      # the start of a name, when only one name starts so
])
def test_find_substance_by_synonym_and_partial_name(v2015, query, expected):
    assert find_substance(query, v2015.substances) == expected


def test_a_query_that_fits_several_substances_finds_none_and_suggests_them(v2015):
    assert find_substance("chlor", v2015.substances) is None
    assert logic.suggest("chlor", v2015.substances)[0] == "chlorine"
    grades = logic.suggest("аммиачная селитра", v2015.substances)
    assert find_substance("аммиачная селитра", v2015.substances) is None          # four grades: the reader picks
    assert sorted(grades) == ["an-10000", "an-2500", "an-50", "an-5000"]
    assert logic.suggest("", v2015.substances) == [] and logic.suggest("x" * 10_000, v2015.substances) == []

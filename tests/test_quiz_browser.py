"""The quiz in headless Chromium: answering, feedback, score, retry, the area filter, shuffling, progress
kept in the browser, keyboard-only use, and the page without JavaScript."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from teiaguide.guide import load_guide

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def guide():
    return load_guide()


def ui(guide, key, lang, **values):
    text = guide.t(key, lang)
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def wrong_option(question):
    return next(option for option in question.options if not option.correct)


def answer(page, question, option_ids):
    for option_id in option_ids:
        page.check(f"#q-{question.id}-{option_id}")
    page.click(f"#q-{question.id} [data-teia-quiz-check]")


def verdict(page, question):
    return page.inner_text(f"#q-{question.id} [data-teia-quiz-verdict]").strip()


def score(page):
    return page.inner_text("[data-teia-quiz-score]").strip()


def live(page, expected):
    """Wait until the live region says `expected` (it is filled a moment after the change)."""
    page.wait_for_function("([text]) => document.querySelector('[data-teia-quiz-live]').textContent.includes(text)",
                           arg=[expected])


def test_answers_feedback_score_and_retry(server, page, guide):
    lang = "en"
    questions = guide.quiz.by_area("notification")
    assert len(questions) >= 4
    page.goto(server + "quiz/#area-notification")
    # the filter from the URL: only the notification questions are shown, numbered from 1
    assert page.input_value("[data-teia-quiz-filter]") == "notification"
    visible = page.eval_on_selector_all("fieldset[data-question]", "els => els.filter(e => e.offsetParent).map(e => e.dataset.question)")
    assert visible == [q.id for q in questions]
    assert page.inner_text(f"#q-{questions[0].id} [data-teia-quiz-number]") == "1."
    assert score(page) == ui(guide, "quiz_score_progress", lang, answered=0, total=len(questions), correct=0)

    first, second, third, *rest = questions
    # checking without choosing asks for an answer first
    page.click(f"#q-{first.id} [data-teia-quiz-check]")
    live(page, ui(guide, "quiz_choose_first", lang))
    assert page.is_hidden(f"#q-{first.id} [data-teia-quiz-feedback]")

    answer(page, first, [o.id for o in first.correct])
    assert verdict(page, first) == ui(guide, "quiz_right", lang)
    live(page, ui(guide, "quiz_right", lang))
    feedback = page.inner_text(f"#q-{first.id} [data-teia-quiz-feedback]")
    assert first.explanation(lang) in " ".join(feedback.split())
    link = page.get_attribute(f"#q-{first.id} [data-teia-quiz-feedback] a", "href")
    assert urlsplit(link).fragment == first.link.split("#")[1]
    assert page.is_disabled(f"#q-{first.id}-{first.options[0].id}")

    answer(page, second, [wrong_option(second).id])
    assert verdict(page, second) == ui(guide, "quiz_wrong", lang)
    live(page, ui(guide, "quiz_wrong", lang))
    assert page.is_visible(f"#q-{second.id} .teia-quiz__solution")
    marked = page.eval_on_selector_all(f"#q-{second.id} .is-answer", "els => els.map(e => e.dataset.option)")
    assert marked == [o.id for o in second.correct]
    assert score(page) == ui(guide, "quiz_score_progress", lang, answered=2, total=len(questions), correct=1)

    answer(page, third, [o.id for o in third.correct])
    for question in rest:
        answer(page, question, [wrong_option(question).id])
    done = ui(guide, "quiz_score_done", lang, correct=2, total=len(questions))
    assert score(page) == done
    live(page, done)

    # progress is kept in this browser only: a reload shows the same answers and score
    page.reload()
    assert page.get_attribute(f"#q-{second.id}", "data-state") == "wrong"
    assert page.is_checked(f"#q-{second.id}-{wrong_option(second).id}")
    assert score(page) == done

    page.click("[data-teia-quiz-retry]")
    live(page, ui(guide, "quiz_restarted", lang))
    assert score(page) == ui(guide, "quiz_score_progress", lang, answered=0, total=len(questions), correct=0)
    for question in questions:
        assert page.is_hidden(f"#q-{question.id} [data-teia-quiz-feedback]")
        assert page.get_attribute(f"#q-{question.id}", "data-state") is None
        assert not page.is_disabled(f"#q-{question.id}-{question.options[0].id}")
        assert not page.is_checked(f"#q-{question.id}-{question.options[0].id}")
    # after retrying, the questions can be answered again
    answer(page, second, [o.id for o in second.correct])
    assert verdict(page, second) == ui(guide, "quiz_right", lang)
    assert score(page) == ui(guide, "quiz_score_progress", lang, answered=1, total=len(questions), correct=1)
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in page.requests), page.requests


def test_filter_all_areas_and_shuffle(server, page, guide):
    page.goto(server + "ru/quiz/")
    total = len(guide.quiz.questions)
    assert page.input_value("[data-teia-quiz-filter]") == ""
    assert score(page) == ui(guide, "quiz_score_progress", "ru", answered=0, total=total, correct=0)
    page.select_option("[data-teia-quiz-filter]", "prevention")
    assert page.evaluate("location.hash") == "#area-prevention"
    count = len(guide.quiz.by_area("prevention"))
    assert score(page) == ui(guide, "quiz_score_progress", "ru", answered=0, total=count, correct=0)

    def order():
        return page.evaluate("""() => [...document.querySelectorAll('fieldset[data-question]')].map(q =>
            q.dataset.question + ':' + [...q.querySelectorAll('input')].map(i => i.value).join(''))""")

    original = order()
    page.check("[data-teia-quiz-shuffle]")
    shuffled = order()
    assert shuffled != original          # same questions and options in a new order (the odds of the same
                                         # order for 5 questions of 4-5 options are below one in a billion)
    assert sorted(q.split(":")[0] for q in shuffled) == sorted(q.split(":")[0] for q in original)
    assert all(sorted(a.split(":")[1]) == sorted(b.split(":")[1])
               for a, b in zip(sorted(shuffled), sorted(original)))
    numbers = page.eval_on_selector_all("fieldset[data-question]", "els => els.filter(e => e.offsetParent).map(e => e.querySelector('[data-teia-quiz-number]').textContent)")
    assert numbers == [f"{n}." for n in range(1, count + 1)]
    page.uncheck("[data-teia-quiz-shuffle]")
    assert order() == original


def test_chapter_link_opens_the_questions_of_its_area(server, page, guide):
    page.goto(server + "ru/areas/preparedness/")
    page.click("h2#quiz ~ ul a[href*='quiz/#area-preparedness']")
    page.wait_for_url("**/ru/quiz/#area-preparedness")
    visible = page.eval_on_selector_all("fieldset[data-question]", "els => els.filter(e => e.offsetParent).map(e => e.dataset.question)")
    assert visible == [q.id for q in guide.quiz.by_area("preparedness")]


def test_keyboard_only(server, page, guide):
    """Tab to a question, choose with Space and the arrow keys, check with Enter or Space, go on with Tab."""
    lang = "ru"
    questions = guide.quiz.by_area("response-mutual-assistance")
    single = [q for q in questions if q.kind == "single"]
    multiple = [q for q in guide.quiz.questions if q.kind == "multiple"]
    assert single and multiple
    page.goto(server + "ru/quiz/")

    def focused():
        return page.evaluate("""() => { const e = document.activeElement;
            return {id: e.id, tag: e.tagName, question: (e.closest('[data-question]') || {}).id || '',
                    check: e.hasAttribute('data-teia-quiz-check'), retry: e.hasAttribute('data-teia-quiz-retry')}; }""")

    def tab_until(condition, limit=400):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if condition(focused()):
                return focused()
        raise AssertionError("focus never reached the element with the keyboard")

    # choose the area with the keyboard: the filter is a native <select>
    tab_until(lambda f: f["id"] == "teia-quiz-area")
    page.keyboard.press("ArrowDown")   # "All areas" -> the first group in the list
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.input_value("[data-teia-quiz-filter]") == "response-mutual-assistance"

    # a single-choice question: Space picks the first option, ArrowDown moves the choice to the next ones
    question = single[0]
    tab_until(lambda f: f["question"] == f"q-{question.id}" and f["tag"] == "INPUT")
    target = question.options.index(question.correct[0])
    page.keyboard.press("Space")
    for _ in range(target):
        page.keyboard.press("ArrowDown")
    assert page.is_checked(f"#q-{question.id}-{question.correct[0].id}")
    assert focused()["check"] is False
    page.keyboard.press("Tab")                     # the radio group is one stop: next is "Check answer"
    assert focused()["check"] is True
    page.keyboard.press("Enter")
    assert verdict(page, question) == ui(guide, "quiz_right", lang)
    live(page, ui(guide, "quiz_right", lang))
    page.keyboard.press("Tab")                     # the link to the chapter section in the feedback
    assert page.evaluate("document.activeElement.closest('[data-teia-quiz-feedback]') !== null")

    # the next question answered wrongly, from the keyboard too
    following = questions[questions.index(question) + 1]
    page.keyboard.press("Tab")
    assert focused()["question"] == f"q-{following.id}"
    wrong = following.options.index(wrong_option(following))
    page.keyboard.press("Space")
    if following.kind == "single":
        for _ in range(wrong):
            page.keyboard.press("ArrowDown")
    else:
        page.keyboard.press("Space")               # untick the first box again, then tick a wrong one
        for _ in range(wrong):
            page.keyboard.press("Tab")
        page.keyboard.press("Space")
    tab_until(lambda f: f["check"] and f["question"] == f"q-{following.id}")
    page.keyboard.press("Space")
    assert verdict(page, following) == ui(guide, "quiz_wrong", lang)
    live(page, ui(guide, "quiz_wrong", lang))
    total = len(questions)
    assert score(page) == ui(guide, "quiz_score_progress", lang, answered=2, total=total, correct=1)

    # "Start again" is reachable by keyboard and puts the focus on the first question
    tab_until(lambda f: f["retry"])
    page.keyboard.press("Enter")
    live(page, ui(guide, "quiz_restarted", lang))
    assert focused()["question"] == f"q-{questions[0].id}"
    assert score(page) == ui(guide, "quiz_score_progress", lang, answered=0, total=total, correct=0)


def test_multiple_choice_with_the_keyboard(server, page, guide):
    lang = "en"
    question = next(q for q in guide.quiz.questions if q.kind == "multiple" and len(q.correct) > 1)
    page.goto(server + f"quiz/#area-{question.area}")
    page.focus(f"#q-{question.id}-{question.options[0].id}")
    for index, option in enumerate(question.options):
        if index:
            page.keyboard.press("Tab")
        if option.correct:
            page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert verdict(page, question) == ui(guide, "quiz_right", lang)


def test_without_javascript_the_questions_are_readable(server, browser, guide):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(server + "quiz/")
        question = guide.quiz.questions[0]
        assert question.question("en") in tab.inner_text(f"#q-{question.id} legend")
        assert tab.is_visible(f"label[for='q-{question.id}-{question.options[0].id}']")
        assert tab.is_visible("[data-teia-quiz-nojs] a[href='answer-key/']")
        assert tab.is_hidden("[data-teia-quiz-controls]")
        assert tab.is_hidden(f"#q-{question.id} [data-teia-quiz-feedback]")
    finally:
        context.close()

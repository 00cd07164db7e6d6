"""The "Was this page useful? / Suggest a change" links under every page (overrides/partials/feedback.html).

Each link opens a prefilled form where the reader writes and sends the message: a new issue on the
repository (mkdocs.yml `repo_url`), or an e-mail to the guide's editors (`extra.feedback_email`) when no
repository is configured. They are plain links: nothing is requested until the reader clicks.
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

from markupsafe import escape

# (key of the link's label in data/ui.yml, key of the title prefix of the message it opens)
KINDS = (("feedback_useful", "feedback_issue_useful"),
         ("feedback_not_useful", "feedback_issue_not_useful"),
         ("feedback_suggest", "feedback_issue_change"))


def feedback_links(ui: dict[str, str], title: str, url: str, repo_url: str | None,
                   email: str | None) -> dict | None:
    """{"channel": "issue" | "mail", "links": [{"key", "label", "href"}]}, or None when there is nowhere
    to send feedback. `ui` holds the page language's interface strings."""
    if not repo_url and not email:
        return None
    body = f"{ui['feedback_body_page']}: {title}\n{url}\n\n{ui['feedback_body_prompt']}\n\n"
    links = []
    for label, prefix in KINDS:
        subject = f"{ui[prefix]}: {title}"
        if repo_url:
            href = repo_url.rstrip("/") + "/issues/new?" + urlencode({"title": subject, "body": body},
                                                                     quote_via=quote)
        else:
            href = f"mailto:{email}?" + urlencode({"subject": subject, "body": body}, quote_via=quote)
        links.append({"key": label, "label": escape(ui[label]), "href": href})   # the theme does not autoescape
    return {"channel": "issue" if repo_url else "mail", "links": links}

"""A summary sent on by e-mail: the forwarding block, the sender's note, the "> " quote marks and
the signature are left out (W-MAIL), every line keeping its number; other quotes stay."""

from __future__ import annotations

from pipeline.readers.mail import Unwrapped, unwrap_mail

FORWARDED = """---------- Forwarded message ---------
From: Dana Whitfield <dana@example.org>
Date: Tue, Oct 6, 2026 at 9:14 AM
Subject: Fwd: Frankenstein summary
To: Year 11 <y11@example.org>


Hi all, the summary is below.

Dana

On Mon, Oct 5, 2026 at 4:02 PM Mark Ellis <mark@example.org> wrote:
> Frankenstein
> Frankenstein by Mary Shelley
>
> Summary
> Victor Frankenstein brings a creature to life.
> Characters
> - Victor Frankenstein: a scientist
>
> --
> Mark Ellis
> English Department
"""


def test_a_forwarded_reply_gives_the_quoted_summary_alone(load):
    unwrapped = unwrap_mail(FORWARDED)
    kept = [line for line in unwrapped.text.split("\n") if line.strip()]
    assert kept[:2] == ["Frankenstein", "Frankenstein by Mary Shelley"]
    assert kept[-1] == "- Victor Frankenstein: a scientist"  # the signature is gone
    assert unwrapped.line == 1 and unwrapped.text.count("\n") == FORWARDED.count("\n")
    guide, report = load("frankenstein.txt", FORWARDED)
    assert guide.meta.title == "Frankenstein" and guide.meta.authors == ("Mary Shelley",)
    assert [s.kind for s in guide.sections] == ["info", "summary", "characters"]
    assert [d.location.line for d in report.items if d.code == "W-MAIL"] == [1]
    assert not [d for d in report.items if d.code == "W-LINK-REFUSED"]  # the senders' addresses


def test_an_outlook_forward_without_quotes_loses_its_header_block():
    text = "FYI\n\n-----Original Message-----\nFrom: A\nSent: Monday\nSubject: Emma\n\n# Emma\n\nText.\n"
    unwrapped = unwrap_mail(text)
    assert unwrapped.text.lstrip("\n").startswith("# Emma") and unwrapped.line == 1


def test_a_guide_with_a_few_quotes_is_no_mail():
    text = (
        "# Emma\n\n## Quotes\n\n> Badly done, Emma!\n\n> I may have lost my heart.\n\n## Summary\n\nText.\n"
    )
    assert unwrap_mail(text) == Unwrapped(text, None)


def test_a_guide_of_callouts_is_no_reply():
    """Five "> [!note]" lines were once read as a reply's quote and their markers taken off."""
    text = (
        "# Emma\n\n## Summary\n\n> [!note] Highbury\n> Emma lives at Hartfield.\n> She makes matches.\n"
        "> Mr. Knightley objects.\n> Harriet is hurt.\n"
    )
    assert unwrap_mail(text) == Unwrapped(text, None)

"""RFC 5322 / MIME reader: subject, html-over-plain, QP, base64, charsets, positions in the .eml."""

from __future__ import annotations

import base64

from .conftest import assert_maps_back

QP = (
    "From: Shop <news@shop.example>\r\n"  # 1
    "To: you@example.com\r\n"  # 2
    "Subject: We noticed your basket\r\n"  # 3
    "MIME-Version: 1.0\r\n"  # 4
    'Content-Type: multipart/alternative; boundary="ALT"\r\n'  # 5
    "\r\n"  # 6
    "--ALT\r\n"  # 7
    "Content-Type: text/plain; charset=utf-8\r\n"  # 8
    "\r\n"  # 9
    "Plain part: we noticed you (not linted: there is an HTML part)\r\n"  # 10
    "--ALT\r\n"  # 11
    "Content-Type: text/html; charset=utf-8\r\n"  # 12
    "Content-Transfer-Encoding: quoted-printable\r\n"  # 13
    "\r\n"  # 14
    "<html><body><p>Hi {{ first_name }},</p><p>We noticed you=E2=80=99ve been lo=\r\n"  # 15
    "oking at hiking boots. You left {{ cart_items }} in your cart.</p></body></html>\r\n"  # 16
    "--ALT--\r\n"  # 17
)


def test_quoted_printable_soft_breaks_and_subject(write, lint):
    linted = lint(write("qp.eml", QP))
    assert not linted.errors
    (msg,) = linted.messages
    assert "Plain part" not in msg.text  # multipart/alternative: the HTML part wins
    assert linted.spans("we-noticed") == [
        (3, 10, 3, 25, "We noticed your"),
        (15, 43, 15, 57, "We noticed you"),
    ]
    # "you’ve been looking at": the ’ is =E2=80=99 and "looking" is split by a soft line break
    assert linted.spans("you-browsed") == [
        (15, 54, 16, 9, "you’ve been looking at"),
        (16, 24, 16, 62, "You left    cart_items    in your cart"),
    ]
    assert linted.spans("browsing-variable") == [(16, 36, 16, 46, "cart_items")]
    assert_maps_back(linted)


def _base64_email() -> str:
    html = b"<p>Hello!</p>\n<p>We noticed you looked at sofas.</p>\n"
    body = base64.encodebytes(html).decode()
    return (
        "From: a@example.com\n"  # 1
        "Subject: =?UTF-8?Q?Caf=C3=A9_news:_we_saw_you?=\n"  # 2
        'Content-Type: multipart/mixed; boundary="M"\n'  # 3
        "\n"  # 4
        "--M\n"  # 5
        "Content-Type: text/html; charset=utf-8\n"  # 6
        "Content-Transfer-Encoding: base64\n"  # 7
        "\n"  # 8
        f"{body}"  # 9..
        "--M\n"
        "Content-Type: text/plain\n"
        'Content-Disposition: attachment; filename="notes.txt"\n'
        "\n"
        "We noticed you in an attachment\n"
        "--M--\n"
    )


def test_base64_points_at_the_first_body_line_and_encoded_subject_at_the_header(write, lint):
    linted = lint(write("b64.eml", _base64_email()))
    (msg,) = linted.messages
    assert msg.text.startswith("Café news: we saw you\n\nHello!\n\nWe noticed you looked at sofas.")
    assert "attachment" not in msg.text
    spans = linted.spans("we-noticed")
    assert spans == [(2, 10, 2, 11, "we saw you"), (9, 1, 9, 2, "We noticed you")]
    assert linted.spans("you-browsed") == [(9, 1, 9, 2, "you looked at")]


def test_plain_only_latin1_8bit(write, lint):
    raw = (
        "From: a@example.com\n"
        "Subject: Boots\n"
        "Content-Type: text/plain; charset=iso-8859-1\n"
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        "Fjällräven fans: we noticed you looked at boots.\n"
    ).encode("latin-1")
    linted = lint(write("latin.eml", raw), decoded=raw.decode("utf-8", "surrogateescape"))
    assert linted.spans("we-noticed") == [(6, 18, 6, 32, "we noticed you")]
    assert linted.spans("you-browsed") == [(6, 29, 6, 42, "you looked at")]


def test_stdin(cli):
    run = cli("-", "--stdin-filename", "mail.eml", input=QP.encode())
    assert run.exit_code == 1
    assert run.report["messages"][0]["file"] == "mail.eml"
    assert run.report["messages"][0]["findings"][0]["line"] == 3


def test_malformed(write, cli):
    not_mail = write("notes.eml", "Just some notes\nwe noticed you\n")
    broken_b64 = write(
        "broken.eml",
        "Subject: x\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n@@not base64@@\n",
    )
    good = write("good.eml", "Subject: We noticed you\n\nHello\n")
    run = cli(str(not_mail), str(broken_b64), str(good))
    assert run.exit_code == 2
    assert run.report["summary"]["errors"] == 2 and run.report["summary"]["messages"] == 1
    errors = run.report["errors"]
    assert errors[0]["line"] == 1 and "not an RFC 5322 email" in errors[0]["message"]
    assert errors[1]["line"] == 5 and "base64" in errors[1]["message"]
    assert len(run.stderr.strip().splitlines()) == 2

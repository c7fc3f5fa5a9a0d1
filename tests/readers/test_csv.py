"""Ad-platform CSV/TSV exports: Google Ads and Meta, exact cell positions."""

from __future__ import annotations

from .conftest import assert_maps_back

GOOGLE = (
    "Ad report\r\n"  # 1: UI reports start with a title
    "All time\r\n"  # 2
    "Campaign,Ad group,Headline 1,Headline 2,Description 1,Final URL\r\n"  # 3
    'Spring,Boots,Trail boots,"We saw you ""again""",We noticed you looked at boots.,https://x\r\n'  # 4
    'Spring,Tents,"Two-person tents","Light, tough","Pitch in minutes,\r\n'  # 5
    'we noticed you like camping",https://y\r\n'  # 6
    "Spring,Empty,,,,https://z\r\n"  # 7: no copy, skipped
)


def test_google_ads_positions_quotes_and_newlines(write, lint):
    linted = lint(write("google.csv", GOOGLE))
    assert not linted.errors
    assert [m.id for m in linted.messages] == ["Spring > Boots > (row 4)", "Spring > Tents > (row 5)"]
    assert {m.channel for m in linted.messages} == {"ad"}
    assert linted.spans("we-noticed") == [
        (4, 27, 4, 37, "We saw you"),  # inside a quoted cell with "" escapes
        (4, 49, 4, 63, "We noticed you"),
        (6, 1, 6, 15, "we noticed you"),  # second line of a quoted cell with a line break
    ]
    assert linted.messages[0].text == "Trail boots\n\nWe saw you \"again\"\n\nWe noticed you looked at boots."
    assert_maps_back(linted)


def test_google_ads_editor_utf16_tsv(write, lint):
    tsv = (
        "Campaign\tAd group\tHeadline 1\tDescription 1\r\n"
        "Autos\t\t\t\r\n"
        "Autos\tService\tMOT from £35\tWe noticed you drove past our garage.\r\n"
    )
    path = write("editor.csv", b"\xff\xfe" + tsv.encode("utf-16-le"))
    linted = lint(path, decoded=tsv)
    assert [m.id for m in linted.messages] == ["Autos > Service > (row 3)"]
    assert linted.spans("we-noticed") == [(3, 28, 3, 42, "We noticed you")]
    assert_maps_back(linted)


def test_meta_export_with_utf8_bom(write, lint):
    csv_text = (
        "Campaign name,Ad set name,Ad name,Primary text,Headline,Description\n"
        'Shoes,Retargeting,Cart,"Still there? You left them in your cart.",Come back,Free returns\n'
    )
    linted = lint(write("meta.csv", "\ufeff" + csv_text), decoded=csv_text)
    assert [m.id for m in linted.messages] == ["Shoes > Retargeting > Cart > (row 2)"]
    assert linted.spans("you-browsed") == [(2, 38, 2, 64, "You left them in your cart")]
    assert_maps_back(linted)


def test_tsv_via_stdin(cli):
    tsv = "Campaign\tAd group\tHeadline 1\tDescription 1\nA\tB\tHi\tWe noticed you.\n"
    run = cli("-", "--stdin-filename", "ads.tsv", input=tsv.encode())
    assert run.exit_code == 1
    (finding,) = run.report["messages"][0]["findings"]
    assert (finding["line"], finding["column"], finding["text"]) == (2, 8, "We noticed you")


def test_malformed(write, cli):
    unknown = write("people.csv", "name,email\nAda,ada@example.com\n")
    unclosed = write("open.csv", 'Campaign,Ad group,Headline 1,Description 1\nA,B,"Hi,We noticed you\n')
    header = "Campaign,Ad group,Headline 1,Description 1\n"
    extra = write("extra.csv", header + "A,B,Hi,Hello,oops\nA,C,Hi,We noticed you.\n")
    run = cli(str(unknown), str(unclosed), str(extra))
    assert run.exit_code == 2
    assert run.report["summary"]["errors"] == 3
    errors = {e["file"].rsplit("/", 1)[-1]: e for e in run.report["errors"]}
    assert errors["people.csv"]["line"] == 1 and "Headline 1" in errors["people.csv"]["message"]
    assert errors["open.csv"]["line"] == 2 and "never closed" in errors["open.csv"]["message"]
    assert errors["extra.csv"]["line"] == 2 and "5 cells" in errors["extra.csv"]["message"]
    # the bad row is reported and the next row of the same file is still linted
    assert [m["id"] for m in run.report["messages"]] == ["A > C > (row 3)"]
    assert len(run.stderr.strip().splitlines()) == 3

"""The meeting brief (通报): every figure it prints equals `xieshang kpis`, read back from the
DOCX and the PDF; it reads as committees write; nothing dangles when a figure is missing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import warnings
from pathlib import Path

import pytest
from brief_reading import (
    HAS_POPPLER,
    assert_figure,
    assert_no_unsourced_numbers,
    body,
    docx_paragraphs,
    docx_tables,
    fig_spans,
    pdf_layout_lines,
    pdf_text,
    squeeze,
    tables,
)
from factories import COUNTY1, EAST, PROVINCE, V1, V3, room, suggestion

from xieshang.brief import compose, output, settings
from xieshang.brief.model import Fig
from xieshang.cli.main import main
from xieshang.engine import sql
from xieshang.i18n import MESSAGES
from xieshang.kpis import cadence, details, metrics, pacing, registry, supervision
from xieshang.kpis import targets as targeting
from xieshang.kpis.scope import as_of
from xieshang.store.snapshots import Store

ROOT = Path(__file__).resolve().parent.parent
DEMO_PROVINCE, DEMO_COUNTY = "990000000000", "990203000000"
OUTPUT = ROOT / "test-output" / "brief"


def cli_json(capsys, *args: str) -> dict:
    capsys.readouterr()
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def write_brief(capsys, path: Path, *args: str) -> None:
    capsys.readouterr()
    code = main(["brief", *args, "--out", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert str(path) in out


def proposals_of_a_province() -> list[dict]:
    """1194 proposals submitted in 2024: 1006 filed, 994 concluded, 917 of them adopted or
    partly adopted (四川省政协, as its 提案委员会 reported them)."""
    rows = []
    for i in range(1194):
        filed = "2024-03-10" if i < 1006 else None
        concluded = "2024-06-10" if i < 994 else None
        outcome = (
            None
            if i >= 994
            else "adopted"
            if i < 800
            else "partially_adopted"
            if i < 917
            else "not_adopted"
        )
        rows.append(
            suggestion(
                f"P{i:04d}",
                submitted=f"2024-01-{1 + i % 28:02d}",
                filed=filed,
                concluded=concluded,
                outcome=outcome,
            )
        )
    return rows


def test_a_provinces_proposals_read_as_the_committee_reported_them(capsys, tmp_path, snapshot_of):
    snapshot_of(rooms=[room("R1", EAST)], suggestions=proposals_of_a_province())
    args = (
        "--region",
        PROVINCE,
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--kind",
        "proposal",
    )
    write_brief(capsys, tmp_path / "brief.docx", *args)

    text = "\n".join(docx_paragraphs(tmp_path / "brief.docx"))

    assert "演示省2024年“有事好商量”平台建设运行情况通报" in text
    assert "共征集到提案1194件" in text
    assert "经审查立案1006件" in text
    assert "立案提案已办结994件" in text
    assert "所提意见和建议采纳或部分采纳917件、占92.3%" in text
    if HAS_POPPLER and output_pdf_possible():
        write_brief(capsys, tmp_path / "brief.pdf", *args)
        assert "采纳或部分采纳917件、占92.3%" in pdf_text(tmp_path / "brief.pdf", ())


def test_missing_figures_leave_no_dangling_sentence(capsys, tmp_path, snapshot_of):
    # Rooms opened this year only: no assessments, members, activities or suggestions, and
    # nothing a year earlier to compare with.
    snapshot_of(rooms=[room("R1", EAST, opened="2024-02-01"), room("R2", V1, opened="2024-05-01")])
    write_brief(
        capsys,
        tmp_path / "b.docx",
        "--region",
        COUNTY1,
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
    )
    paragraphs = [p for p in docx_paragraphs(tmp_path / "b.docx") if p.strip()]
    text = "\n".join(paragraphs)

    assert "共有在用协商议事室2个。" in text  # no 同比 without a year earlier
    basic = text.split("一、基本情况")[1].split("二、")[0]
    assert "达标率" not in basic  # nothing assessed: no standard sentence
    assert "下沉率" not in basic  # no members: no sinking sentence
    assert "暂无协商活动记录。" in text
    assert "暂无建议提交记录。" in text
    for paragraph in paragraphs:
        assert not re.search(r"—|None|nan|，。|。。|，，|（）|^，|同比。|占。", paragraph), (
            paragraph
        )


def test_a_village_level_brief_has_no_ranking_and_nothing_empty(capsys, tmp_path, snapshot_of):
    snapshot_of(rooms=[room("R1", V1)])
    write_brief(capsys, tmp_path / "v.docx", "--region", V1, "--from", "2024-01-01")

    text = "\n".join(docx_paragraphs(tmp_path / "v.docx"))

    assert "比较与排名" not in text
    assert "二、协商活动开展情况" in text and "四、存在问题" in text  # renumbered


@pytest.fixture(scope="session")
def demo_briefs(tmp_path_factory) -> dict:
    """The demo's brief for the province and a county, as `xieshang brief` writes them, with
    `xieshang kpis` for the period and a year earlier, `xieshang scorecard`, `xieshang
    supervise`, the region's own targets paced and its cadence rules."""
    folder = tmp_path_factory.mktemp("demo-briefs")
    before = os.environ.get("XIESHANG_DATA_DIR")
    os.environ["XIESHANG_DATA_DIR"] = str(folder / "store")
    sql.connection.cache_clear()
    try:
        found = {}
        for code in (DEMO_PROVINCE, DEMO_COUNTY):
            scope = ("--region", code, "--from", "2025-01-01", "--to", "2025-12-31")
            year_ago = ("--region", code, "--from", "2024-01-01", "--to", "2024-12-31")
            files = {}
            for fmt in ("docx", "pdf"):
                if fmt == "pdf" and not output_pdf_possible():
                    continue
                path = folder / f"{code}.{fmt}"
                assert main(["brief", *scope, "--out", str(path)]) == 0
                files[fmt] = path
            snapshot = Store().current()
            scope_ = metrics.scope_from_input(snapshot, code, "2025-01-01", "2025-12-31")
            now = _json(["kpis", *scope])
            # The funnel per kind, as `xieshang kpis --kind K` gives it.
            now["suggestions"]["by_kind"] = {
                kind: _json(["kpis", *scope, "--kind", kind])["suggestions"]
                for kind in ("proposal", "opinion", "info")
            }
            found[code] = {
                "files": files,
                "document": compose.build(snapshot, scope_, "zh"),
                "now": now,
                "before": _json(["kpis", *year_ago]),
                "others": {
                    "scorecard": {
                        row["region_code"]: row for row in _json(["scorecard", *scope])["rows"]
                    },
                    "supervise": _json(["supervise", *scope]),
                    "closed": sum(
                        1 for c in supervision.review(snapshot, scope_).closed if c.state == "met"
                    ),
                    "own": _own_targets(snapshot, scope_, now),
                    "cadence": _cadences(snapshot, scope_),
                },
            }
        return found
    finally:
        if before is None:
            os.environ.pop("XIESHANG_DATA_DIR", None)
        else:
            os.environ["XIESHANG_DATA_DIR"] = before
        sql.connection.cache_clear()


def _own_targets(snapshot, scope, now: dict) -> dict:
    """The region's own KPIs against the targets in force, paced: what its own problems say."""
    region = metrics.find_region(snapshot, scope.region)
    path = [code for code, _name, _level in region.path]
    found: dict[tuple[str, str], float] = {}
    for key in registry.REGISTRY:
        block, name = key.split(".", 1)
        value = now[block][name]
        target = targeting.find(
            targeting.in_force(snapshot), key, region.level, year=scope.date_to.year, path=path
        )
        if target is None or value is None:
            continue
        judged = pacing.assess(target, value, scope.date_from, scope.date_to, as_of(snapshot))
        found |= {
            ("target", key): target.value,
            ("expected", key): judged.expected,
            ("missing", key): judged.needed,
            ("behind", key): judged.behind,
        }
    return found


def _cadences(snapshot, scope) -> dict:
    """Each cadence rule's units and those keeping it in the region (cadence.py), and its N."""
    found: dict[tuple[str, str], float] = {}
    targets = targeting.in_force(snapshot)
    units = cadence.evaluate(snapshot, scope, targets, as_of=as_of(snapshot))
    for (rule, _group, _period), summary in cadence.summarize(units).items():
        (value,) = {u.assessment.target.value for u in units if u.rule == rule}
        found |= {(rule, "units"): summary.units, (rule, "keeping"): summary.keeping}
        found[(rule, "target")] = value
    return found


def _json(argv: list[str]) -> dict:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    return json.loads(out.getvalue())


@pytest.mark.parametrize("code", [DEMO_PROVINCE, DEMO_COUNTY])
def test_every_figure_in_the_docx_text_equals_xieshang_kpis(demo_briefs, code):
    found = demo_briefs[code]
    doc = found["document"]
    read = [p for p in docx_paragraphs(found["files"]["docx"])]
    figures = 0
    position = 0
    for paragraph in body(doc):
        # The DOCX holds the paragraph as the content tree says, in order...
        position = read.index(paragraph.text, position)
        text = read[position]
        # ...and each figure, read back where it stands, equals the KPI API.
        for start, fig in fig_spans(paragraph):
            assert_figure(
                text[start : start + len(fig.text)],
                fig,
                found["now"],
                found["before"],
                found["others"],
            )
            figures += 1
        assert_no_unsourced_numbers(text, paragraph)
    assert figures > 40


@pytest.mark.parametrize("code", [DEMO_PROVINCE, DEMO_COUNTY])
def test_every_figure_in_the_docx_tables_equals_xieshang_kpis(demo_briefs, code):
    found = demo_briefs[code]
    read = docx_tables(found["files"]["docx"])
    model = tables(found["document"])
    assert len(read) == len(model)
    for shown, table in zip(read, model, strict=True):
        assert tuple(shown[0]) == table.header
        assert len(shown) == len(table.rows) + 1
        for cells, row in zip(shown[1:], table.rows, strict=True):
            for cell, run in zip(cells, row, strict=True):
                assert cell == (run.text if isinstance(run, Fig) else run)
                if isinstance(run, Fig) and cell != "—":
                    assert_figure(cell, run, found["now"], found["before"], found["others"])
    # The ranking table is `xieshang scorecard`'s order, ranks and thirds.
    ranking = next(t for t in model if "综合得分排名" in t.caption)
    card = list(found["others"]["scorecard"].values())
    assert [row[1] for row in ranking.rows] == [r["name"] for r in card]
    assert [row[0] for row in ranking.rows] == [str(r["rank"] or "—") for r in card]
    tiers = {"top": "前三分之一", "middle": "中间三分之一", "bottom": "后三分之一", None: "未排名"}
    assert [row[-1] for row in ranking.rows] == [tiers[r["tier"]] for r in card]


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils (pdftotext) is not installed")
@pytest.mark.parametrize("code", [DEMO_PROVINCE, DEMO_COUNTY])
def test_every_figure_in_the_pdf_equals_xieshang_kpis(demo_briefs, code):
    found = demo_briefs[code]
    if "pdf" not in found["files"]:
        pytest.skip("WeasyPrint cannot load Pango here")
    doc = found["document"]
    text = pdf_text(found["files"]["pdf"], doc.marks)
    position = 0
    for paragraph in body(doc):
        wanted = squeeze(paragraph.text)
        position = text.index(wanted, position)
        squeezed_offsets = _squeezed_offsets(paragraph.text)
        for start, fig in fig_spans(paragraph):
            at = position + squeezed_offsets[start]
            shown = text[at : at + len(squeeze(fig.text))]
            assert_figure(shown, fig, found["now"], found["before"], found["others"])
        position += len(wanted)
    lines = [squeeze(line) for line in pdf_layout_lines(found["files"]["pdf"])]
    for table in tables(doc)[1:]:  # the definitions' long cells wrap: their text is above
        for row in table.rows:
            cells = [squeeze(c.text if isinstance(c, Fig) else c) for c in row]
            # A row is one line of the page, its cells in order (a wrapped name aside).
            assert any(_in_order(cells[2:], line) for line in lines), cells


def _squeezed_offsets(text: str) -> list[int]:
    out, at = [], 0
    for char in text:
        out.append(at)
        at += 0 if char.isspace() else 1
    return out


def _in_order(cells: list[str], line: str) -> bool:
    at = 0
    for cell in cells:
        at = line.find(cell, at)
        if at < 0:
            return False
        at += len(cell)
    return True


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils (pdftoppm) is not installed")
def test_the_pdf_pages_show_chinese_glyphs_in_embedded_cjk_fonts(demo_briefs):
    from PIL import Image

    found = demo_briefs[DEMO_PROVINCE]
    if "pdf" not in found["files"]:
        pytest.skip("WeasyPrint cannot load Pango here")
    pdf = found["files"]["pdf"]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        # Every face is a CJK one, embedded as a subset: no fallback face drew boxes.
        assert "CJK" in row.split()[0], row
        assert re.search(r"\byes\s+yes\s+yes\b", row), row
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for old in OUTPUT.glob("page-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "3", str(pdf), str(OUTPUT / "page")],
        check=True,
    )
    pages = sorted(OUTPUT.glob("page-*.png"))
    assert len(pages) == 3
    for page in pages:
        image = Image.open(page).convert("L")
        inked = sum(image.histogram()[:128])
        assert inked > image.width * image.height * 0.01, page  # text and charts, not blank


def test_the_same_data_gives_the_same_bytes(demo_briefs):
    doc = demo_briefs[DEMO_COUNTY]["document"]

    assert output.render(doc, "docx") == output.render(doc, "docx")
    assert output.render(doc, "docx") == demo_briefs[DEMO_COUNTY]["files"]["docx"].read_bytes()
    if output_pdf_possible():
        assert output.render(doc, "pdf") == demo_briefs[DEMO_COUNTY]["files"]["pdf"].read_bytes()


def test_a_brief_in_english_is_a_plain_translation(capsys, tmp_path):
    write_brief(capsys, tmp_path / "en.docx", "--region", DEMO_COUNTY, "--lang", "en")
    paragraphs = docx_paragraphs(tmp_path / "en.docx")
    text = "\n".join(paragraphs)

    assert paragraphs[0].startswith("霞丹县, 2025: how the “有事好商量” consultation platform")
    assert "1. Overview" in text and "Problems" in text
    assert "were adopted or partially adopted" in text
    # Chinese only in names from the data (regions, the platform), never in the wording.
    words = re.sub(r"“[^”]*”|[\u4e00-\u9fff]+(县|镇|乡|市|区|街道|省|村|社区)", "", text)
    assert not re.search(r"[\u4e00-\u9fff]{2,}", words.split("Annex 1")[0]), words[:400]


def test_the_platform_is_named_as_set_then_as_the_rooms_call_it(tmp_path, snapshot_of):
    rooms = [
        room("R1", EAST) | {"name": "东镇“有事来协商”议事室"},
        room("R2", V1) | {"name": "一村“有事来协商”议事室"},
        room("R3", V3) | {"name": "三村“有事好商量”议事室"},
    ]
    snapshot = snapshot_of(rooms=rooms)
    scope = metrics.scope_from_input(snapshot, COUNTY1, "2024-01-01", "2024-12-31")

    names = details.platform_names(snapshot, scope)

    assert list(names["platform_name"]) == ["有事来协商", "有事好商量"]
    assert list(names["rooms"]) == [2, 1]
    assert compose.build(snapshot, scope).title == "一县2024年“有事来协商”平台建设运行情况通报"
    custom = tmp_path / "brief.toml"
    custom.write_text('platform = "有事多商量"\n[fonts]\nbody = "仿宋_GB2312"\n', encoding="utf-8")
    chosen = settings.load(custom)
    doc = compose.build(snapshot, scope, settings=chosen)
    assert doc.title == "一县2024年“有事多商量”平台建设运行情况通报"
    assert doc.fonts.body == "仿宋_GB2312"


def test_official_faces_are_used_where_installed_else_noto(monkeypatch):
    monkeypatch.setattr(settings, "installed_families", lambda: frozenset({"仿宋_GB2312"}))

    faces = settings.fonts()

    assert faces.body == "仿宋_GB2312"
    assert faces.title == settings.NOTO_SERIF and faces.heading == settings.NOTO_SANS


def test_chart_labels_are_drawn_in_a_chinese_font_even_with_a_font_cache_older_than_the_fonts(
    monkeypatch,
):
    # A server whose matplotlib font cache was written before fonts-noto-cjk was installed:
    # matplotlib knows no CJK face and would draw every label as an empty box in DejaVu Sans,
    # saying so only in a warning.
    from matplotlib import font_manager

    from xieshang.brief import charts

    known = font_manager.fontManager.ttflist
    monkeypatch.setattr(
        font_manager.fontManager, "ttflist", [f for f in known if "CJK" not in f.name]
    )
    font_manager.fontManager._findfont_cached.cache_clear()
    charts.cjk_font.cache_clear()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message="Glyph .* missing from font")
            png = charts.bars(["一县城关镇", "二县河西镇"], [0.9, 0.5], ["90%", "50%"], limit=1.0)
        assert png.startswith(b"\x89PNG")
        assert "NotoSansCJK" in (charts.cjk_font() or "")
    finally:
        charts.cjk_font.cache_clear()
        font_manager.fontManager._findfont_cached.cache_clear()


def test_the_demo_and_internal_marks(capsys, tmp_path):
    write_brief(capsys, tmp_path / "m.docx", "--region", DEMO_COUNTY, "--internal")
    import docx

    document = docx.Document(tmp_path / "m.docx")
    header = document.sections[0].header.paragraphs[0].text

    assert header == "演示数据　内部资料"
    assert document.paragraphs[2].text.startswith("本通报使用内置演示数据")


def test_the_problems_name_what_xieshang_supervise_lists(demo_briefs):
    found = demo_briefs[DEMO_PROVINCE]
    text = "\n".join(p.text for p in body(found["document"]))
    items = found["others"]["supervise"]

    # 未报送: every town that held nothing, counted once, as the 督办 list has them
    silent = {
        i["unit_id"]
        for i in items
        if i["level"] == "town"
        and i["status"] == "no_data"
        and i["kpi"] in ("activities.count", "cadence.town_activities")
    }
    assert silent and f"等{len(silent)}个乡镇（街道）" in text
    # the one town short of its two consultations, by name, with what it still needs
    (town,) = [
        i for i in items if i["kpi"] == "cadence.town_activities" and i["status"] == "missed"
    ]
    assert f"{town['name']}（开展1次，还需开展1次）未达到每年至少开展2次协商的要求" in text
    assert "本期督办事项中尚有" in text and "待督办" in text


def test_the_thirds_praised_and_urged_on_are_the_scorecards(demo_briefs):
    for code in (DEMO_PROVINCE, DEMO_COUNTY):
        found = demo_briefs[code]
        text = "".join(p.text for p in body(found["document"]))
        card = list(found["others"]["scorecard"].values())
        top = "、".join(r["name"] for r in card if r["tier"] == "top")
        bottom = "、".join(r["name"] for r in card if r["tier"] == "bottom")

        assert f"综合得分排名前三分之一的{top}予以表扬" in text
        assert f"排名后三分之一的{bottom}要对照目标查找差距" in text


def test_every_brief_message_has_the_same_placeholders_in_both_languages_and_is_used():
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for path in (ROOT / "xieshang").rglob("*.py")
        if "i18n" not in path.parts
    )
    for key, (zh, en) in MESSAGES.items():
        if not key.startswith(("brief.", "error.brief")):
            continue
        assert set(re.findall(r"\{(\w+)\}", zh)) == set(re.findall(r"\{(\w+)\}", en)), key
        dynamic = key.rsplit(".", 1)[0] + ".{"  # brief.tier.{tier}
        assert f'"{key}"' in source or dynamic in source.replace('f"', '"'), key


def output_pdf_possible() -> bool:
    from xieshang.brief.page import pdf_possible

    return pdf_possible()


def test_the_overview_offers_the_brief_in_both_formats():
    from factories import open_page

    at = open_page("overview", region="990100000000")
    buttons = {b.key: b.label for b in at.get("download_button")}

    assert buttons == {
        "overview_brief_docx": "下载通报（DOCX）",
        "overview_brief_pdf": "下载通报（PDF）",
    }
    assert at.checkbox(key="overview_brief_internal").label == "标注“内部资料”"

"""The HTML catalogue (`--format html`): pages a reader opens from a folder or a static host.

The first tests read the pages as files (every link resolves, every text escaped, a symbol per
step, the bytes repeat, an edit remakes only what it touches); the last ones open them in a real
headless Chromium (Debian's `chromium`, driven by Playwright) and skip where either is absent.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sopc.build import BuildOptions, build_paths
from sopc.config import find_config, load_config
from sopc.lint.run import load_unit
from tests.conftest import run_cli

EXAMPLES = Path(__file__).parents[1] / "examples"
SOP = "umum/perjalanan-dinas"


class _Page(HTMLParser):
    """What a test needs of a page: links, sources, ids, scripts, texts, headings, meta."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: list[str] = []
        self.scripts: list[dict] = []
        self.headings: list[int] = []
        self.meta: dict[str, str] = {}
        self.lang = ""
        self.text: list[str] = []
        self.steps: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if "id" in a:
            self.ids.append(a["id"])
        for key in ("href", "src", "xlink:href"):
            if key in a and tag != "use":
                self.links.append(a[key])
        if tag == "script":
            self.scripts.append(a)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "meta" and "http-equiv" in a:
            self.meta[a["http-equiv"].lower()] = a.get("content", "")
        if "data-step" in a and tag in ("rect", "polygon"):
            self.steps.add(a["data-step"])

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = run_cli("build", str(EXAMPLES), "-o", str(out), "--format", "docx", "--format", "svg", "--format", "html")
    assert result.exit_code == 0, result.output
    return out


def test_a_page_per_sop_and_an_index_listing_each(site: Path) -> None:
    sources = sorted(EXAMPLES.rglob("*.sop.yaml"))
    index = _read(site / "html" / "index.html")
    for source in sources:
        relative = source.relative_to(EXAMPLES).as_posix().removesuffix(".sop.yaml")
        assert (site / "html" / f"{relative}.html").is_file()
        assert f"{relative}.html" in index.links
        unit = load_unit(source, load_config(find_config(source)), "id")[0]
        assert unit is not None and unit.sop.nomor in "".join(index.text)


def test_the_sop_page_draws_a_symbol_per_step_and_links_each_step(site: Path) -> None:
    source = EXAMPLES / f"{SOP}.sop.yaml"
    unit = load_unit(source, load_config(find_config(source)), "id")[0]
    assert unit is not None
    page = _read(site / "html" / f"{SOP}.html")
    steps = len(unit.sop.langkah)
    assert page.steps == {str(n) for n in range(1, steps + 1)}
    assert [f"langkah-{n}" for n in range(1, steps + 1)] == [i for i in page.ids if i.startswith("langkah-")]
    assert len(page.ids) == len(set(page.ids)), "ids are unique in the page"
    text = " ".join(page.text)
    assert unit.sop.nama in text and unit.sop.disahkan_oleh.nama in text
    assert all(step.kegiatan in text for step in unit.sop.langkah)


def test_every_internal_link_resolves(site: Path) -> None:
    pages = sorted((site / "html").rglob("*.html"))
    assert len(pages) >= 8
    for page_path in pages:
        page = _read(page_path)
        for link in page.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{page_path.name}: {link} leaves the catalogue"
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            assert target.is_file(), f"{page_path.relative_to(site)}: {link} leads nowhere"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in _read(target).ids, f"{link}: no such place in {target.name}"


def test_pages_are_accessible_and_load_nothing_from_elsewhere(site: Path) -> None:
    for page_path in sorted((site / "html").rglob("*.html")):
        page = _read(page_path)
        assert page.lang == "id"
        pairs = zip(page.headings, page.headings[1:], strict=False)
        assert page.headings[0] == 1 and all(b - a <= 1 for a, b in pairs), \
            f"{page_path.name}: headings skip a level: {page.headings}"
        policy = page.meta["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
        assert all(s.get("src", "").endswith("assets/sopc.js") for s in page.scripts), "no inline script"
    raw = "".join(p.read_text(encoding="utf-8") for p in (site / "html").rglob("*.*"))
    assert "http://" not in raw.replace("http://www.w3.org/", "") and "https://" not in raw
    assert " style=" not in raw, "no inline style: a strict policy would refuse it"


def test_keterkaitan_and_induk_link_to_the_related_pages(site: Path) -> None:
    page = _read(site / "html" / f"{SOP}.html")
    assert "../umum/pengelolaan-surat-masuk.html" in page.links
    inaktif = _read(site / "html" / "arsip" / "penyusutan-arsip.html")  # part of 003, Pengelolaan Arsip Dinamis
    assert "../arsip/pengelolaan-arsip-dinamis.html" in inaktif.links
    assert "../../umum/perjalanan-dinas.docx" in page.links  # the document built beside it


def test_user_text_is_shown_literally_never_as_markup(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    source = repo / f"{SOP}.sop.yaml"
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"&amp;'
    text = source.read_text(encoding="utf-8")
    text = text.replace("nama: Pelaksanaan dan Pertanggungjawaban Perjalanan Dinas", f"nama: {json.dumps(hostile)}", 1)
    text = text.replace("kegiatan: Menerima undangan atau perintah penugasan perjalanan dinas",
                        f"kegiatan: {json.dumps('Menerima ' + hostile)}", 1)
    regulation = "Peraturan Presiden Nomor 33 Tahun 2020 tentang Standar Harga Satuan Regional"
    for plain in ("Bendahara Pengeluaran", regulation):
        text = text.replace(plain, json.dumps(plain + " " + hostile), 1)  # an actor, a dasar hukum
    text = text.replace("  - 002/SOP/BU/2024", f"  - 002/SOP/BU/2024\n  - {json.dumps(hostile)}", 1)  # a keterkaitan
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", str(repo), "-o", str(out), "--format", "html", "--lang", "en")
    assert result.exit_code == 0, result.output
    for path in (out / "html" / f"{SOP}.html", out / "html" / "index.html", out / "html" / "peta.html"):
        raw = path.read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<img" not in raw, path.name
        page = _read(path)
        assert not [s for s in page.scripts if not s.get("src", "").endswith("assets/sopc.js")]
        assert any("<script>alert(1)</script>" in t for t in page.text) or path.name == "peta.html", path.name
    shown = " ".join(_read(out / "html" / f"{SOP}.html").text)
    assert shown.count(hostile) >= 4  # nama, kegiatan, the actor, the dasar hukum, the keterkaitan: as text


def test_the_bytes_repeat_wherever_the_catalogue_is_built(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for out in (one, two):
        assert run_cli("build", str(EXAMPLES), "-o", str(out), "--format", "html").exit_code == 0
    files = sorted(p.relative_to(one) for p in (one / "html").rglob("*") if p.is_file())
    assert files and all((one / f).read_bytes() == (two / f).read_bytes() for f in files)


def test_an_edit_remakes_that_page_and_the_index_only(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    options = BuildOptions(out_dir=tmp_path / "out", formats=("html",))
    build_paths([repo], options)
    again = build_paths([repo], options)
    assert again.written == []
    source = repo / "arsip" / "penyusutan-arsip.sop.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("Menelaah daftar arsip", "Menelaah ulang daftar"),
                      encoding="utf-8")
    edited = build_paths([repo], options)
    html = tmp_path / "out" / "html"
    assert sorted(edited.written) == sorted([html / "arsip" / "penyusutan-arsip.html", html / "index.html"])
    listed = _read(html / "index.html").links  # the unchanged SOPs keep their entries (from the build cache)
    assert sum(link.endswith(".html") and "/" in link for link in listed) == len(list(repo.rglob("*.sop.yaml")))
    source.unlink()
    removed = build_paths([repo], options)
    assert not (html / "arsip" / "penyusutan-arsip.html").exists() and html / "index.html" in removed.written
    assert "penyusutan-arsip" not in (html / "index.html").read_text(encoding="utf-8")


def test_html_is_asked_for_not_made_by_default(tmp_path: Path) -> None:
    assert run_cli("build", str(EXAMPLES), "-o", str(tmp_path)).exit_code == 0
    assert not (tmp_path / "html").exists()


# --- in a real browser ---------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian: apt install chromium); .ci/run installs it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip: .[test])")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield launched
        launched.close()


def _open(browser, url: str, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, problems


def test_in_the_browser_no_page_reports_an_error(browser, site: Path) -> None:
    for path in sorted((site / "html").rglob("*.html")):
        page, problems = _open(browser, path.as_uri())
        assert problems == [], f"{path.name}: {problems}"
        page.close()


def test_in_the_browser_search_and_the_unit_filter_find_the_sop(browser, site: Path) -> None:
    page, problems = _open(browser, (site / "html" / "index.html").as_uri())
    rows = page.locator("tr[data-search]")
    assert rows.count() == len(list(EXAMPLES.rglob("*.sop.yaml")))
    page.fill("#kata", "undangan")  # a word of one SOP's kegiatan only (Perjalanan Dinas)
    visible = page.locator("tr[data-search]:visible")
    assert visible.count() == 1 and "Perjalanan Dinas" in visible.first.inner_text()
    assert page.locator("#banyak").inner_text() == "1"
    page.fill("#kata", "PEMUSNAHAN  arsip")  # case, spacing and several words: Penyusutan Arsip only
    assert page.locator("tr[data-search]:visible").count() == 1
    page.fill("#kata", "tidak ada kata seperti ini")
    assert page.locator("tr[data-search]:visible").count() == 0 and page.locator("#kosong").is_visible()
    page.fill("#kata", "")
    page.select_option("#unit", index=1)
    assert page.locator("tr[data-search]:visible").count() == rows.count()  # the examples share one unit
    assert problems == []


def test_in_the_browser_a_step_is_linked_and_the_table_scrolls_on_a_phone(browser, site: Path) -> None:
    url = (site / "html" / f"{SOP}.html").as_uri()
    page, _ = _open(browser, url + "#langkah-3", width=390)
    target = page.locator("#langkah-3")
    assert target.count() == 1 and page.evaluate("document.querySelector(':target').id") == "langkah-3"
    frame = page.locator(".bagan-bingkai").first
    sizes = frame.evaluate("f => [f.scrollWidth, f.clientWidth, document.documentElement.scrollWidth]")
    assert sizes[0] > sizes[1] and sizes[2] <= 390, "the wide table scrolls inside its frame, not the page"


def test_in_the_browser_the_print_layout_is_landscape(browser, site: Path, tmp_path: Path) -> None:
    page, _ = _open(browser, (site / "html" / f"{SOP}.html").as_uri())
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = [tuple(float(v) for v in m) for m in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)]
    assert boxes and all(w > h for w, h in boxes)
    assert abs(boxes[0][0] - 297 / 25.4 * 72) < 2 and abs(boxes[0][1] - 210 / 25.4 * 72) < 2  # A4, as configured

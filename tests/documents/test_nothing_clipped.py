"""Nothing clipped: card text in its frame, a letter on its page; the QR is the payload."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop_app.device import clock
from desktop_app.documents import cards
from desktop_app.documents.fonts import CONDENSED, SANS_BOLD
from desktop_app.documents.layout import fit_font_size, fit_lines
from desktop_app.documents.models import Card, Letterhead, Participant

LONG_NAMES = [
    "A",
    "Siti Nurhaliza Binti Abdurrahman Wahid Syarifuddin Al-Banjari Muhammad",
    "Muhammadabdurrahmansyarifuddinalbanjarimuhammadiyahputrasulawesi",
    "Ma'ruf Ṣāliḥ Ñoño Çelik Ärne",
    "Yohanes Üsküdar O'Connor-Tampubolon",
]
OCCUPATIONS = ["Tukang", "Lainnya: pengrajin anyaman rotan dan bambu khas Sebatik Tengah Utara"]
HEAD = Letterhead(
    village_name="Sungai Limau Manis Hilir Kanan Seberang",
    kecamatan="Sebatik Tengah",
    regency="Kabupaten Nunukan",
    province="Kalimantan Utara",
    address="Jalan Poros Trans Sebatik",
    head_name="Hj. Nurhayati Basri",
    head_title="Kepala Desa",
    place="Sebatik Tengah",
    contact="0813 4700 1234 / 0852 5012 3456 (WhatsApp) / kantordesa.sungailimau@gmail.com",
)


def participant(name: str, occupation: str) -> Participant:
    return Participant(
        worker_id="01JD0000000000000000000000",
        full_name=name,
        nik="6503********0001",
        birth_place="Nunukan",
        birth_date=dt.date(1980, 2, 3),
        sex="P",
        address="Jalan Erlangga",
        dusun="Aji Kuning",
        occupation=occupation,
        kpj_number="25012345678",
        programs=("JKK", "JKM", "JHT"),
        coverage_start=dt.date(2027, 1, 1),
        coverage_end=dt.date(2027, 12, 31),
        monthly_contribution=36_800,
        total_contribution=441_600,
        rate_note="PP 44/2015",
    )


class RecordingCanvas(Canvas):
    """Keeps every string drawn with its font, size and baseline origin."""

    def __init__(self, path):
        super().__init__(str(path))
        self.strings: list[tuple[str, str, float, float, float]] = []

    def drawString(self, x, y, text, *args, **kwargs):
        self.strings.append((text, self._fontname, self._fontsize, x, y))
        return super().drawString(x, y, text, *args, **kwargs)


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzÄÖÜ'-.", min_size=1, max_size=70),
        min_size=1,
        max_size=12,
    ).map(" ".join),
    width=st.floats(min_value=20, max_value=250),
    max_lines=st.integers(min_value=1, max_value=3),
)
def test_fitted_lines_never_run_past_the_width_nor_lose_a_letter(text, width, max_lines):
    lines, size = fit_lines(text, SANS_BOLD, width, 11, 7.5, max_lines)
    assert len(lines) <= max_lines and 0 < size <= 11
    assert all(stringWidth(line, SANS_BOLD, size) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_one_line_text_shrinks_without_a_floor_rather_than_run_out():
    text = "Kantor desa: " + "0813 4700 1234 / " * 8
    size = fit_font_size(text, CONDENSED, 7.2, 40 * mm)
    assert size < 5 and stringWidth(text, CONDENSED, size) <= 40 * mm


@pytest.mark.parametrize("name", LONG_NAMES)
@pytest.mark.parametrize("occupation", OCCUPATIONS)
def test_every_line_of_a_card_stays_inside_its_frame_and_clear_of_the_qr(
    tmp_path, name, occupation
):
    c = RecordingCanvas(tmp_path / "card.pdf")
    x, y = cards.card_origin(3)
    card = Card(participant(name, occupation), f"Desa {HEAD.village_name}", "SD1:" + "A" * 151)
    cards.draw_front(c, card, x, y)
    front = len(c.strings)
    cards.draw_back(c, HEAD, x, y)  # same slot: the frame checks hold for both sides
    qr_left, qr_top = x + cards.CARD_W - cards.PAD - cards.QR_SIZE, y + cards.PAD + cards.QR_SIZE
    drawn = "".join(text for text, *_ in c.strings)
    assert name.replace(" ", "") in drawn.replace(" ", "")
    assert occupation.replace(" ", "") in drawn.replace(" ", "")
    for i, (text, font, size, left, baseline) in enumerate(c.strings):
        right = left + stringWidth(text, font, size)
        assert x + 2 * mm <= left and right <= x + cards.CARD_W - 2 * mm, text
        assert y + 2 * mm <= baseline <= y + cards.CARD_H - 3 * mm, text
        assert size >= 4, text  # still readable
        beside_the_code = (
            i < front and baseline - 0.25 * size < qr_top
        )  # descenders reach a quarter down
        if beside_the_code:  # four light modules (1.9 mm) between text and code
            assert right <= qr_left - 1.9 * mm, text


def qr_images(pdf_path, page: int) -> list[list[list[int]]]:
    """The inline image masks of a page as rows of 1 (dark) and 0 (light)."""
    reader = PdfReader(pdf_path)
    found = []
    for operands, op in ContentStream(reader.pages[page].get_contents(), reader).operations:
        if op != b"INLINE IMAGE":
            continue
        s = operands["settings"]
        assert s["/IM"] and s["/BPC"] == 1 and list(s["/D"]) == [1, 0]  # 1 paints
        side, data = s["/W"], bytes.fromhex(operands["data"].decode().rstrip(">"))
        stride = (side + 7) // 8
        found.append(
            [
                [(data[r * stride + col // 8] >> (7 - col % 8)) & 1 for col in range(side)]
                for r in range(side)
            ]
        )
    return found


def test_the_qr_drawn_on_each_card_is_its_signed_payload(funded_cards):
    _inst, pdf, items = funded_cards
    images = qr_images(pdf, 0) + qr_images(pdf, 2)
    assert len(images) == len(items) == 13
    for image, item in zip(images, items, strict=True):
        assert decoded(image) == item.qr_payload


def decoded(modules: list[list[int]]) -> str | None:
    """What a QR reader reads from the modules, drawn 4 pixels each inside a quiet zone."""
    side = len(modules) + 8
    light = [[0] * side for _ in range(4)]
    rows = light + [[0] * 4 + row + [0] * 4 for row in modules] + light
    pixels = bytes(0 if dark else 255 for row in rows for dark in row for _ in range(4))
    pixels = b"".join(pixels[r : r + side * 4] * 4 for r in range(0, len(pixels), side * 4))
    found = zxingcpp.read_barcode(
        zxingcpp.ImageView(pixels, side * 4, side * 4, zxingcpp.ImageFormat.Lum), try_invert=False
    )
    return found.text if found else None


def test_a_phone_grade_reader_decodes_every_qr_from_a_100_dpi_rendering(funded_cards, tmp_path):
    from desktop_app.services import printing

    inst, pdf, items = funded_cards
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", pdf, tmp_path / "p"])
    scanned = subprocess.run(
        ["zbarimg", "-q", "--raw", tmp_path / "p-1.png"], capture_output=True, text=True
    ).stdout.split()
    assert sorted(scanned) == sorted(item.qr_payload for item in items[:10])
    assert all(printing.verify_card_payload(inst, payload).valid for payload in scanned)


@pytest.fixture
def funded_cards(data_dir, tmp_path, monkeypatch):
    from desktop_app.documents import cards
    from desktop_app.services import budget, printing
    from desktop_app.services.demo import seed_demo_village

    inst = seed_demo_village(data_dir, 13)
    with clock.living_at(dt.date(2026, 12, 1)):  # 2027 is funded before its first month
        budget.set_budget(inst, 2027, 20_000_000)
        budget.fund_workers(inst, 2027)
    printed, write = [], cards.write_cards
    # The items as printed: printing them again would give every card a new serial.
    monkeypatch.setattr(
        cards,
        "write_cards",
        lambda items, *a, **kw: (printed.extend(items), write(items, *a, **kw)),
    )
    result = printing.print_documents(inst, "cards", tmp_path / "cards.pdf", 2027)
    yield inst, result.path, printed
    inst.close()


def test_a_letter_with_the_longest_names_and_contacts_stays_on_one_page(tmp_path):
    from desktop_app.documents.letters import write_letters
    from desktop_app.documents.models import Letter

    letters = [
        Letter(
            number="400.10/1234/DS-SLMHK/XII/2027",
            issued=dt.date(2027, 12, 23),
            participant=participant(name, OCCUPATIONS[1]),
            budget_line="Belanja Bidang Pembinaan Kemasyarakatan — iuran BPJS Ketenagakerjaan "
            "pekerja rentan dan masyarakat miskin ekstrem desa",
        )
        for name in LONG_NAMES
    ]
    head = dataclasses.replace(
        HEAD,
        head_name="Prof. Dr. H. Muhammad Abdurrahman Wahid Syarifuddin Al-Banjari, S.Pd., M.Si.",
        head_title="Penjabat Kepala Desa",
        address="Jalan Poros Trans Sebatik Kilometer 12 No. 145, Desa Sungai Limau Manis Hilir "
        "Kanan, Kecamatan Sebatik Tengah, Kabupaten Nunukan, Kalimantan Utara 77483",
    )
    write_letters(letters, head, tmp_path / "letters.pdf")
    pages = [page.extract_text() for page in PdfReader(tmp_path / "letters.pdf").pages]
    assert len(pages) == len(LONG_NAMES)
    for page in pages:
        assert "Al-Banjari, S.Pd., M.Si." in page.replace("\n", " ")  # the signature is there


def test_a_sheet_of_shared_forms_looks_like_every_card_drawn_in_full(tmp_path):
    """The frame, labels, back and cut marks are drawn once and reused: names and occupations
    of every length must still find their labels beside them, exactly as drawn card by card."""
    from PIL import Image, ImageChops

    items = [
        Card(participant(name, occupation), f"Desa {HEAD.village_name}", "SD1:" + "A" * 151)
        for name in LONG_NAMES
        for occupation in OCCUPATIONS
    ]
    cards.write_cards(items, HEAD, tmp_path / "forms.pdf")
    c = Canvas(str(tmp_path / "full.pdf"), pagesize=cards.PAGE)
    for back in (False, True):
        cards._cut_marks(c)
        for slot, card in enumerate(items):
            x, y = cards.card_origin(slot, back)
            if back:
                cards.draw_back(c, HEAD, x, y)
            else:
                cards.draw_front(c, card, x, y)
        c.showPage()
    c.save()
    for name in ("forms", "full"):
        subprocess.run(["pdftoppm", "-gray", "-r", "60", tmp_path / f"{name}.pdf", tmp_path / name])
    for page in (1, 2):
        shared, full = (Image.open(tmp_path / f"{n}-{page}.pgm") for n in ("forms", "full"))
        # Anti-aliasing may shade an edge pixel a little differently; a moved word cannot hide.
        moved = ImageChops.difference(shared, full).point(lambda v: 255 if v > 64 else 0)
        assert moved.getbbox() is None, f"page {page}"

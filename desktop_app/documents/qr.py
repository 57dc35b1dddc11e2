"""QR codes for cards as one-bit rows, encoded by zxing-cpp (C++), the card printer's hot path.

segno, in pure Python, spent about two thirds of the time of a thousand cards encoding their
QR codes; zxing-cpp encodes the same payload several times faster. Readers decode either.

The data mask is fixed rather than chosen by scoring all eight: the scoring was seven eighths
of zxing-cpp's time per code. Any mask reads; scoring only steers clear of blocks and
finder-like runs that regular data could make, and a card's payload is a signature and keyed
hashes in base32, as irregular as data gets. Mask 3 is the one the scoring picked most often
for such payloads (a third of them).
"""

from __future__ import annotations

import zxingcpp

DATA_MASK = 3

# zxing-cpp's image holds one byte per module: 0 for dark, 255 for light.
_BITS = bytes(ord("1") if value < 128 else ord("0") for value in range(256))


def qr_mask(payload: str) -> tuple[int, bytes]:
    """(modules per side, rows packed eight modules to a byte with 1 for dark, each row
    starting on a byte boundary): the data of a PDF image mask, without the quiet zone."""
    code = zxingcpp.create_barcode(
        payload, zxingcpp.BarcodeFormat.QRCode, ec_level="M", data_mask=DATA_MASK
    )
    # zxingcpp.Image holds its pixels behind the buffer protocol, which its stubs do not declare.
    image = bytes(memoryview(code.to_image(scale=1, add_quiet_zones=False)))  # type: ignore[arg-type]
    size = int(len(image) ** 0.5)
    pad = "0" * (-size % 8)
    bits = image.translate(_BITS).decode()
    # One conversion of all rows, each padded to whole bytes, not one per row.
    rows = pad.join([bits[r : r + size] for r in range(0, size * size, size)]) + pad
    return size, int(rows, 2).to_bytes(len(rows) // 8, "big")

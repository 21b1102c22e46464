"""A QR code of a share link, drawn here as SVG (segno, pure Python): shown on the
phone at the doctor's desk, it needs no network and no script."""

import segno


def qr_data_uri(url: str) -> str:
    # Medium error correction survives a scratched or glaring phone screen; a 4-module
    # quiet zone is what the QR standard asks for.
    return segno.make(url, error="m").svg_data_uri(scale=5, border=4)

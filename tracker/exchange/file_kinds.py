"""Files people upload by mistake: a photo of a lab sheet, a PDF report, a spreadsheet.
Recognised by their first bytes (their "magic numbers"), so the answer names what the
file is instead of reading it as a broken weight CSV."""

# (how the file starts, at which offset) -> what it is, what to do instead.
PICTURE = "a picture ({}), not a data file"
PICTURE_HELP = (
    " LiverLog reads the CSV, JSON or XML files that apps export. To keep a photo of a "
    "lab sheet, type its values in on the Labs page."
)
SIGNATURES = (
    (
        b"%PDF-",
        0,
        "a PDF document, not a data file",
        (
            " LiverLog cannot read values out of a PDF. Export a CSV from the app the PDF came "
            "from, or type a lab report in on the Labs page."
        ),
    ),
    (b"\x89PNG\r\n\x1a\n", 0, PICTURE.format("PNG"), PICTURE_HELP),
    (b"\xff\xd8\xff", 0, PICTURE.format("JPEG"), PICTURE_HELP),
    (b"GIF87a", 0, PICTURE.format("GIF"), PICTURE_HELP),
    (b"GIF89a", 0, PICTURE.format("GIF"), PICTURE_HELP),
    (b"II*\x00", 0, PICTURE.format("TIFF"), PICTURE_HELP),
    (b"MM\x00*", 0, PICTURE.format("TIFF"), PICTURE_HELP),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        0,
        "an Excel or Word file of the older kind",
        (" Save it as CSV (File › Save as › CSV) and import that."),
    ),
)
# ISO media files (HEIC photos from iPhones, AVIF) name their brand after "ftyp".
PHOTO_BRANDS = {b"heic": "HEIC", b"heix": "HEIC", b"mif1": "HEIF", b"heif": "HEIF", b"avif": "AVIF"}


def wrong_kind(head: bytes) -> str | None:
    """A sentence naming what the file is, when it is not something LiverLog reads."""
    for magic, offset, what, help_text in SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return f"This file is {what}.{help_text}"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return f"This file is {PICTURE.format('WebP')}.{PICTURE_HELP}"
    if head[4:8] == b"ftyp" and head[8:12] in PHOTO_BRANDS:
        return f"This file is {PICTURE.format(PHOTO_BRANDS[head[8:12]])}.{PICTURE_HELP}"
    return None

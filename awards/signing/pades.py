"""The PDF side of signing, with pyHanko (PAdES baseline signatures).

A rendered document is prepared once (`prepare`): an incremental update that adds the empty signature field at the
signing place (the box the template reserves between the signer's title and name, found by its anchor) and, when the
document has an attachment in the same file, a read-only text field at the top right of the attachment's first
page. That file is what the Director signs, here or with their own tool.

Nghị định 30/2020/NĐ-CP, Phụ lục I, II (chữ ký số trên văn bản điện tử):
- the signer's signature (`sign_as_signer`): at the signing place, the image of the signer's handwritten signature
  (PNG, transparent background), centred between the title and the name;
- the organisation's signature (`sign_as_organisation`): the image of its seal, red, real size, PNG with a
  transparent background, over about a third of the signer's image on the left; its information is the
  organisation's name and the signing time (date, hours, minutes, seconds, Vietnam time zone, ISO 8601);
- the attachment in the same file is not signed again: its first page shows, top right and without image, the
  organisation's signature information (number and symbol of the document, signing time), Times New Roman (the
  metric-compatible Tinos here), lower case, upright, 10 pt, black.

Each signature is PAdES B-T with a time-stamp when a TSA is configured, and B-LT (revocation data embedded in the
DSS) when the certificates' OCSP responders or CRLs answer.
pyHanko is imported with this module (several seconds): import it only where a document is signed.
"""

import datetime as dt
import io
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pypdf
from django.conf import settings
from django.core.exceptions import ValidationError
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from PIL import Image, UnidentifiedImageError
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils import text as pdf_text
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from pyhanko.stamp import StaticStampStyle, TextStamp, TextStampStyle

from awards.signing import keys
from awards.signing.config import off_the_event_loop, vietnam_iso

MM = 72 / 25.4
SIGNER_FIELD = "ChuKyNguoiCoThamQuyen"
ORG_FIELD = "ChuKyCoQuan"
ATTACHMENT_FIELD = "ThongTinKyVanBanKemTheo"
SIGNER_ANCHOR = "ky-so-nguoi-ky"
ATTACHMENT_ANCHOR = "ky-so-van-ban-kem-theo"
# Sizes of the boxes the templates reserve (templates/pdf/_base.html, .sigbox and .attachment-sig), in mm.
SIGNER_BOX_MM = (52, 24)
ATTACHMENT_BOX_MM = (64, 13)
DEFAULT_SEAL_MM = 36
INFO_FONT_SIZE = 10
ORG_TEXT_MM = 70  # width of the organisation's information under the seal


@lru_cache
def _font_path() -> str:
    """The bundled Tinos scaled to 1000 units per em: pyHanko writes glyph widths in font units, which is right
    only for such fonts (Tinos has 2048, and its letters came out twice as far apart). Made once per process."""

    source = Path(settings.BASE_DIR) / "static" / "fonts" / "Tinos-Regular.ttf"
    target = Path(tempfile.gettempdir()) / f"emulation-tinos-1000-{source.stat().st_size}.ttf"
    if not target.exists():
        font = TTFont(source)
        scale_upem(font, 1000)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(partial)
        partial.replace(target)
    return str(target)


@dataclass(frozen=True)
class InMemoryGlyphAccumulatorFactory(GlyphAccumulatorFactory):
    """pyHanko's factory opens the font file and never closes it; this one reads it into memory."""

    def create_font_engine(self, writer, obj_stream=None):
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer, font_handle=io.BytesIO(Path(self.font_file).read_bytes()), font_size=self.font_size,
            bcp47_lang_code="vi", obj_stream=obj_stream,
        )


def _font():
    return InMemoryGlyphAccumulatorFactory(_font_path(), font_size=INFO_FONT_SIZE)


def _anchors(data: bytes) -> dict:
    """Named destinations WeasyPrint writes for element ids: {id: (page index, left, top)} in PDF points."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    out = {}
    for name, dest in reader.named_destinations.items():
        out[str(name)] = (reader.get_destination_page_number(dest), float(dest.left), float(dest.top))
    return out


def _box(anchor, size_mm):
    _, left, top = anchor
    width, height = size_mm[0] * MM, size_mm[1] * MM
    return (round(left), round(top - height), round(left + width), round(top))


def prepare(data: bytes) -> bytes:
    """The rendered PDF plus, in one incremental update, the signer's empty signature field and (when the
    document has an attachment) the attachment's information field. The rendered bytes stay a prefix."""

    anchors = _anchors(data)
    if SIGNER_ANCHOR not in anchors:
        raise ValidationError("Văn bản không có vị trí ký: không thể chuẩn bị ký số.")
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page_ix = anchors[SIGNER_ANCHOR][0]
    append_signature_field(writer, SigFieldSpec(SIGNER_FIELD, on_page=page_ix, box=_box(anchors[SIGNER_ANCHOR], SIGNER_BOX_MM)))
    # SignaturesExist | AppendOnly, as a signing tool sets it: the signature's revision then changes no form flag.
    writer.root["/AcroForm"][generic.pdf_name("/SigFlags")] = generic.NumberObject(3)
    writer.update_container(writer.root["/AcroForm"])
    if ATTACHMENT_ANCHOR in anchors:
        page_ix = anchors[ATTACHMENT_ANCHOR][0]
        page_ref = writer.find_page_for_modification(page_ix)[0]
        page = page_ref.get_object()
        field_ref = writer.add_object(generic.DictionaryObject({
            generic.pdf_name("/FT"): generic.pdf_name("/Tx"),
            generic.pdf_name("/T"): generic.pdf_string(ATTACHMENT_FIELD),
            generic.pdf_name("/Ff"): generic.NumberObject(1),  # read-only: filled by the organisation's signature
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Widget"),
            generic.pdf_name("/F"): generic.NumberObject(4),
            generic.pdf_name("/Rect"): generic.ArrayObject(
                generic.FloatObject(v) for v in _box(anchors[ATTACHMENT_ANCHOR], ATTACHMENT_BOX_MM)),
            generic.pdf_name("/P"): page_ref,
            generic.pdf_name("/DA"): generic.pdf_string("0 g"),
        }))
        annots = page.get("/Annots")
        if annots is None:
            page[generic.pdf_name("/Annots")] = generic.ArrayObject([field_ref])
        else:
            annots.append(field_ref)
            writer.update_container(annots)
        writer.update_container(page)
        acroform = writer.root["/AcroForm"]
        acroform["/Fields"].append(field_ref)
        writer.update_container(acroform["/Fields"])
        writer.update_container(acroform)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image(data: bytes, what: str):

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError):
        raise ValidationError(f"Ảnh {what} không đọc được: hãy tải lên ảnh PNG nền trong suốt.") from None
    if image.mode not in ("RGBA", "LA", "PA", "P"):
        raise ValidationError(f"Ảnh {what} phải là PNG nền trong suốt (ảnh đã tải lên không có kênh trong suốt).")
    return PdfImage(image.convert("RGBA"))


class TimedPdfSigner(signers.PdfSigner):
    """A PdfSigner whose signing time (the CMS signing-time attribute) is the one shown on the page."""

    def __init__(self, *args, signing_time: dt.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.signing_time = signing_time

    def init_signing_session(self, *args, **kwargs):
        session = super().init_signing_session(*args, **kwargs)
        session.system_time = self.signing_time
        return session


def _sign(data: bytes, *, signer, field_name, stamp_style, text_params=None, new_field_box=None, page_ix=0,
          before=None, reason="", location="", signing_time: dt.datetime | None = None) -> bytes:

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    if before is not None:
        before(writer)
    vc = keys.validation_context()
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        embed_validation_info=True, validation_context=vc, reason=reason or None, location=location or None,
    )
    spec = fields.SigFieldSpec(field_name, on_page=page_ix, box=new_field_box) if new_field_box else None
    pdf_signer = TimedPdfSigner(
        meta, signer=signer, timestamper=keys.timestamper(), stamp_style=stamp_style, new_field_spec=spec,
        signing_time=(signing_time or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0),
    )
    out = io.BytesIO()
    try:
        off_the_event_loop(pdf_signer.sign_pdf, writer, output=out, appearance_text_params=text_params)
    except Exception as exc:  # pyHanko raises many kinds; the user needs one sentence
        raise ValidationError(_signing_failure(exc)) from exc
    return out.getvalue()


def _signing_failure(exc) -> str:
    text = str(exc)
    if "trust" in text.lower() or "path" in text.lower() or "validation" in text.lower():
        return ("Không ký được: chứng thư số không được tin cậy hoặc không kiểm tra được trạng thái thu hồi "
                f"(chi tiết: {text[:200]}).")
    return f"Không ký được văn bản: {text[:300]}"


@dataclass(frozen=True)
class SignerBox:
    page_ix: int
    rect: tuple  # (x1, y1, x2, y2) in points


def signer_box(data: bytes) -> SignerBox:
    """Where the signer's signature is shown: the widget of the first signed signature field (wherever the
    Director's own tool put it), else the prepared field."""

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    candidates = list(reader.embedded_signatures)
    fields_by_name = {}
    for ref in reader.root["/AcroForm"]["/Fields"]:
        obj = ref.get_object()
        fields_by_name[str(obj.get("/T"))] = obj
    widget = None
    for sig in candidates:
        widget = sig.sig_field if "/Rect" in sig.sig_field else None
        if widget is None and "/Kids" in sig.sig_field:
            widget = sig.sig_field["/Kids"][0].get_object()
        if widget is not None and any(float(v) for v in widget["/Rect"]):
            break
        widget = None
    if widget is None:
        widget = fields_by_name[SIGNER_FIELD]
    rect = tuple(float(v) for v in widget["/Rect"])
    page_ix = 0
    page_ref = widget.get_value_as_reference("/P", optional=True) if hasattr(widget, "get_value_as_reference") else None
    if page_ref is not None:
        for i in range(reader.root["/Pages"]["/Count"]):
            if reader.find_page_for_modification(i)[0].idnum == page_ref.idnum:
                page_ix = i
                break
    return SignerBox(page_ix=page_ix, rect=(min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])))


def sign_as_signer(data: bytes, *, signer, signature_image: bytes, reason: str, location: str) -> bytes:
    """The signer's (Director's) signature into the prepared field, showing their signature image."""

    style = StaticStampStyle(
        background=_image(signature_image, "chữ ký"), border_width=0, background_opacity=1,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0), inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT),
    )
    return _sign(data, signer=signer, field_name=SIGNER_FIELD, stamp_style=style, reason=reason, location=location)


def _fill_attachment_info(writer, text: str) -> None:

    if "/AcroForm" not in writer.root:
        return
    acroform = writer.root["/AcroForm"]
    for ref in acroform["/Fields"]:
        field = ref.get_object()
        if str(field.get("/T")) != ATTACHMENT_FIELD:
            continue
        x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
        style = TextStampStyle(
            stamp_text=text, border_width=0,
            text_box_style=pdf_text.TextBoxStyle(font=_font(), font_size=INFO_FONT_SIZE, leading=12),
            inner_content_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MAX, y_align=layout.AxisAlignment.ALIGN_MAX,
                margins=layout.Margins.uniform(0), inner_content_scaling=layout.InnerScaling.NO_SCALING),
        )
        stamp = TextStamp(writer, style, text_params={}, box=layout.BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1)))
        appearance = writer.add_object(stamp.as_form_xobject())
        field[generic.pdf_name("/V")] = generic.pdf_string(text)
        field[generic.pdf_name("/AP")] = generic.DictionaryObject({generic.pdf_name("/N"): appearance})
        writer.mark_update(ref)


def sign_as_organisation(data: bytes, *, signer, seal_image: bytes, seal_mm: float, organisation_name: str,
                         number_text: str, reason: str, location: str, now: dt.datetime | None = None) -> bytes:
    """The organisation's signature (văn thư): its seal over a third of the signer's image on the left, its name
    and the signing time; the attachment's information box filled in the same revision."""

    seal = _image(seal_image, "con dấu")
    box = signer_box(data)
    x1, y1, x2, y2 = box.rect
    diameter = (seal_mm or DEFAULT_SEAL_MM) * MM
    seal_right = x1 + (x2 - x1) / 3
    seal_centre_x = seal_right - diameter / 2
    seal_centre_y = (y1 + y2) / 2
    text_height = 2 * 12 + 8
    width = max(diameter, ORG_TEXT_MM * MM)
    rect = (round(seal_centre_x - width / 2), round(seal_centre_y - diameter / 2 - text_height),
            round(seal_centre_x + width / 2), round(seal_centre_y + diameter / 2))
    style = TextStampStyle(
        stamp_text="%(coquan)s\n%(thoigian)s", border_width=0, background=seal, background_opacity=1,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins(left=0, right=0, top=0, bottom=text_height),
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT),
        text_box_style=pdf_text.TextBoxStyle(font=_font(), font_size=INFO_FONT_SIZE, leading=12),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins.uniform(0), inner_content_scaling=layout.InnerScaling.NO_SCALING),
    )
    moment = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    when = vietnam_iso(moment)
    info = f"Số và ký hiệu: {number_text}\nThời gian ký: {when}"
    return _sign(
        data, signer=signer, field_name=ORG_FIELD, stamp_style=style, new_field_box=rect, page_ix=box.page_ix,
        text_params={"coquan": organisation_name, "thoigian": when}, reason=reason, location=location,
        before=lambda writer: _fill_attachment_info(writer, info), signing_time=moment,
    )

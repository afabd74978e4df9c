"""Photos and PDFs on any record: the registry of attachable models, checks, storage, reads.

A model becomes attachable with `register_attachable(Model, unit_of=…)`; `unit_of(record)`
names the org unit whose scope decides who sees the record's attachments. Files are checked by
their content (never by the name's extension), photos are resized and lose their EXIF data,
and everything is stored under settings.QUNYAN_UPLOAD_DIR, served only by a scope-checked view.
"""

import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from qunyan.core.audit import Action, audit_record
from qunyan.core.models import Account, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.rules import rule_int
from qunyan.core.scopes import Scope

from .models import Attachment

UnitOf = Callable[[Any], OrgUnit | None]


@dataclass(frozen=True)
class Attachable:
    model: type[models.Model]
    unit_of: UnitOf
    capability: str  # what uploading and deleting need (viewing needs the record's scope)


_registry: dict[str, Attachable] = {}


def register_attachable(
    model: type[models.Model], *, unit_of: UnitOf, capability: str = Capability.RECORD_SERVICE
) -> None:
    """Let records of `model` take attachments, seen within the scope of `unit_of(record)`."""
    _registry[model._meta.label_lower] = Attachable(model, unit_of, capability)


def attachable(label: str) -> Attachable | None:
    return _registry.get(label.lower())


def record_in_scope(*, label: str, pk: int, scope: Scope) -> tuple[Attachable, models.Model]:
    """The registered record `label`/`pk` when the scope sees it, else LookupError."""
    entry = attachable(label)
    if entry is None:
        raise LookupError(label)
    record = entry.model._default_manager.filter(pk=pk).first()
    if record is None or not scope.contains(entry.unit_of(record)):
        raise LookupError(label)
    return entry, record


def attachments_of(record: models.Model) -> "models.QuerySet[Attachment]":
    """The record's attachments, oldest first (callers have checked the record's scope)."""
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )


def attachment_get(*, scope: Scope, pk: int) -> Attachment:
    """An attachment whose record the scope sees, or Attachment.DoesNotExist."""
    attachment = Attachment.objects.select_related("content_type").get(pk=pk)
    entry = attachable(f"{attachment.content_type.app_label}.{attachment.content_type.model}")
    record = attachment.record
    if entry is None or record is None or not scope.contains(entry.unit_of(record)):
        raise Attachment.DoesNotExist
    return attachment


def upload_root() -> Path:
    return Path(settings.QUNYAN_UPLOAD_DIR) / "attachments"


def file_of(attachment: Attachment) -> Path:
    return upload_root() / attachment.path


@dataclass(frozen=True)
class Checked:
    kind: str
    data: bytes
    extension: str
    content_type: str


_MAX_PIXELS = 60_000_000
_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "png"}


def check_upload(upload: IO[bytes], *, size: int | None) -> Checked:
    """The file ready to store (photos resized, EXIF gone), or a ValidationError saying why not."""
    limit = rule_int("ATTACHMENT_MAX_BYTES")
    if size is not None and size > limit:
        raise ValidationError(_too_big(limit), code="too_big")
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_too_big(limit), code="too_big")
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if data.startswith(b"%PDF-"):
        return Checked(Attachment.Kind.PDF, data, "pdf", "application/pdf")
    return _checked_image(data)


def _too_big(limit: int) -> str:
    return _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}


def _checked_image(data: bytes) -> Checked:
    not_allowed = _("Only photos (JPEG, PNG, WebP) and PDF files can be attached.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format or ""
            pixels = probe.size[0] * probe.size[1]
            probe.verify()
        # A small file can unpack to a huge picture (a "decompression bomb"); no phone takes one.
        if image_format not in _IMAGE_FORMATS or pixels > _MAX_PIXELS:
            raise ValidationError(not_allowed, code="type")
        image: Image.Image = Image.open(io.BytesIO(data))
        image = ImageOps.exif_transpose(image) or image
        largest = rule_int("ATTACHMENT_IMAGE_MAX_PX")
        image.thumbnail((largest, largest), Image.Resampling.LANCZOS)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise ValidationError(not_allowed, code="type") from None
    out = io.BytesIO()
    # A new file from the pixels alone: EXIF (GPS position, phone model) is not carried over.
    if image_format == "JPEG" or (image.mode not in ("RGBA", "LA", "P") and image_format != "PNG"):
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        return Checked(Attachment.Kind.IMAGE, out.getvalue(), "jpg", "image/jpeg")
    image.save(out, "PNG", optimize=True)
    return Checked(Attachment.Kind.IMAGE, out.getvalue(), "png", "image/png")


@transaction.atomic
def attachment_add(
    *,
    label: str,
    pk: int,
    upload: IO[bytes],
    name: str,
    size: int | None,
    caption: str = "",
    by: Account | None,
    scope: Scope,
) -> Attachment:
    """Check a file, store it outside the database and attach it to a record in scope."""
    try:
        entry, record = record_in_scope(label=label, pk=pk, scope=scope)
    except LookupError:
        raise ValidationError(_("This record is outside your area.")) from None
    scope.require(entry.capability)
    checked = check_upload(upload, size=size)
    now = timezone.now()
    relative = f"{entry.model._meta.label_lower}/{now:%Y/%m}/{uuid.uuid4().hex}.{checked.extension}"
    target = upload_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(checked.data)
    try:
        attachment = Attachment.objects.create(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            kind=checked.kind,
            path=relative,
            original_name=Path(name).name[:200] or relative,
            content_type_text=checked.content_type,
            size=len(checked.data),
            caption=caption.strip()[:100],
            uploaded_by=by,
        )
        audit_record(
            action=Action.CREATE,
            actor=by,
            target=attachment,
            target_repr=f"{record} · {attachment.original_name}",
            changes={"record": [None, f"{entry.model._meta.label}:{record.pk}"]},
        )
    except BaseException:
        target.unlink(missing_ok=True)  # no file is left behind without its row
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by: Account | None, scope: Scope) -> None:
    """Remove an attachment and, once the deletion is committed, its file."""
    label = f"{attachment.content_type.app_label}.{attachment.content_type.model}"
    entry = attachable(label)
    if entry is None or not scope.contains(entry.unit_of(attachment.record)):
        raise ValidationError(_("This record is outside your area."))
    scope.require(entry.capability)
    path = file_of(attachment)
    audit_record(
        action=Action.DELETE,
        actor=by,
        target=attachment,
        target_repr=f"{attachment.record} · {attachment.original_name}",
    )
    attachment.delete()
    transaction.on_commit(lambda: path.unlink(missing_ok=True))

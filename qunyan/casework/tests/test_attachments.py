import io
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image

from qunyan.casework.attachments import attachment_add, attachment_delete, attachment_get, file_of
from qunyan.casework.models import Attachment
from qunyan.core.scopes import Scope

from .factories import PDF_BYTES, image_bytes, make_case, make_service

pytestmark = pytest.mark.django_db


def _add(
    record: object, data: bytes, name: str = "photo.jpg", scope: Scope | None = None
) -> Attachment:
    return attachment_add(
        label=record._meta.label_lower,  # type: ignore[attr-defined]
        pk=record.pk,  # type: ignore[attr-defined]
        upload=io.BytesIO(data),
        name=name,
        size=len(data),
        by=None,
        scope=scope or Scope.unrestricted(),
    )


def test_a_photo_is_resized_stripped_of_exif_and_stored_outside_the_database(
    tree: SimpleNamespace,
) -> None:
    """A 3000×2000 phone photo becomes at most 1600 px wide, without EXIF, under the upload dir."""
    record = make_service(tree.niupingao)
    original = image_bytes(3000, 2000)
    assert Image.open(io.BytesIO(original)).getexif()
    attachment = _add(record, original)
    path = file_of(attachment)
    assert path.is_file() and str(path).startswith(str(settings.QUNYAN_UPLOAD_DIR))
    with Image.open(path) as stored:
        assert max(stored.size) == 1600 and stored.size == (1600, 1067)
        assert not stored.getexif()
    assert attachment.kind == Attachment.Kind.IMAGE and attachment.content_type_text == "image/jpeg"
    assert attachment.size == path.stat().st_size < len(original)


def test_the_largest_side_is_a_setting(tree: SimpleNamespace, settings: object) -> None:
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "ATTACHMENT_IMAGE_MAX_PX": 400}  # type: ignore[attr-defined]
    attachment = _add(make_service(tree.niupingao), image_bytes(600, 1200, "PNG"), "a.png")
    with Image.open(file_of(attachment)) as stored:
        assert stored.size == (200, 400) and stored.format == "PNG"


def test_a_pdf_is_kept_as_it_is(tree: SimpleNamespace) -> None:
    attachment = _add(make_case(tree.niupingao), PDF_BYTES, "协议书.pdf")
    assert attachment.kind == Attachment.Kind.PDF
    assert file_of(attachment).read_bytes() == PDF_BYTES


@pytest.mark.parametrize(
    "data, name",
    [
        (b"MZ\x90\x00 this is a program", "photo.jpg"),
        (b"<html><script>alert(1)</script></html>", "scan.pdf"),
        (b"GIF87a broken", "photo.png"),
    ],
)
def test_a_file_disguised_by_its_extension_is_refused(
    tree: SimpleNamespace, data: bytes, name: str, english: None
) -> None:
    """The content decides, not the name: a program called photo.jpg is no photo."""
    record = make_service(tree.niupingao)
    with pytest.raises(ValidationError, match="Only photos"):
        _add(record, data, name)
    assert not Attachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(
    tree: SimpleNamespace, settings: object, english: None
) -> None:
    settings.QUNYAN_RULES = {**settings.QUNYAN_RULES, "ATTACHMENT_MAX_BYTES": 1024 * 1024}  # type: ignore[attr-defined]
    record = make_service(tree.niupingao)
    big = PDF_BYTES + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        _add(record, big, "big.pdf")
    # The size the client claims is not trusted either: the bytes read are counted.
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        attachment_add(
            label="casework.servicerecord",
            pk=record.pk,
            upload=io.BytesIO(big),
            name="big.pdf",
            size=10,
            by=None,
            scope=Scope.unrestricted(),
        )


def test_another_village_can_neither_attach_nor_read(
    tree: SimpleNamespace, bob: object, charlie: object
) -> None:
    """charlie (石门村) cannot attach to or read the attachments of 牛坪坳村's case."""
    case = make_case(tree.niupingao)
    attachment = _add(case, image_bytes(50, 50), scope=Scope.for_account(bob))  # type: ignore[arg-type]
    outsider = Scope.for_account(charlie)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        _add(case, image_bytes(50, 50), scope=outsider)
    with pytest.raises(Attachment.DoesNotExist):
        attachment_get(scope=outsider, pk=attachment.pk)
    assert attachment_get(scope=Scope.for_account(bob), pk=attachment.pk) == attachment  # type: ignore[arg-type]


def test_deleting_an_attachment_removes_its_file(
    tree: SimpleNamespace, django_capture_on_commit_callbacks: object
) -> None:
    attachment = _add(make_service(tree.niupingao), image_bytes(50, 50))
    path = file_of(attachment)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        attachment_delete(attachment=attachment, by=None, scope=Scope.unrestricted())
    assert not path.exists() and not Attachment.objects.exists()


def test_a_picture_that_unpacks_to_a_huge_image_is_refused(
    tree: SimpleNamespace, english: None
) -> None:
    """A tiny PNG of 8000×8000 pixels (a decompression bomb) is no phone photo."""
    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG")
    assert len(out.getvalue()) < 100_000
    with pytest.raises(ValidationError, match="Only photos"):
        _add(make_service(tree.niupingao), out.getvalue(), "bomb.png")

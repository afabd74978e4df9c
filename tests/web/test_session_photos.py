"""Photos of a training session (活动现场照片): the officer attaches them; other towns cannot see them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qunyan.casework.models import Attachment
from qunyan.casework.tests.factories import image_bytes
from qunyan.core.roles import Role
from qunyan.core.tests.factories import make_account
from qunyan.training.tests.factories import make_class, make_session

from .conftest import login


def test_a_session_takes_a_photo_seen_only_inside_its_town(alice, tree):
    session = make_session(make_class(tree.yangjiaotang))
    client = login(alice)
    page = client.get(reverse("training:session-detail", args=[session.pk]))
    upload_url = reverse("casework:attachment-upload", args=["training.session", session.pk])
    assert upload_url in page.content.decode()
    photo = SimpleUploadedFile("现场.jpg", image_bytes(800, 600), "image/jpeg")
    client.post(upload_url, {"file": photo})
    attachment = Attachment.objects.get()
    file_url = reverse("casework:attachment-file", args=[attachment.pk])
    assert client.get(file_url).status_code == 200
    other_town = login(make_account("baishui-officer", Role.TOWN_OFFICER, tree.baishui))
    assert other_town.get(file_url).status_code == 404

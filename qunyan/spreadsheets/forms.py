from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from qunyan.core.models import OrgUnit


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Exchange workbook (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() != ".xlsx":
            raise forms.ValidationError(_("Choose an Excel workbook ending in .xlsx."))
        if upload.size and upload.size > settings.QUNYAN_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.")
                % {"mb": settings.QUNYAN_UPLOAD_MAX_BYTES // (1024 * 1024)}
            )
        return upload


class ExportForm(forms.Form):
    town = forms.ModelChoiceField(label=_("Town"), queryset=OrgUnit.objects.none())
    reveal = forms.BooleanField(
        label=_("Include full ID and phone numbers (logged; needed to import the file again)"),
        required=False,
    )

    def __init__(self, *args: Any, towns: Any, may_reveal: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["town"].queryset = towns  # type: ignore[attr-defined]
        if not may_reveal:
            del self.fields["reveal"]

"""Forms of the unit portal. They check the input; the services in awards.services.dossiers decide and write."""

from django import forms
from django.core.exceptions import ValidationError

from awards.models import AwardKind, CampaignAward
from awards.services import files
from campaigns.models import Staff, Target, Unit


def award_kinds_for(campaign, target):
    ids = CampaignAward.objects.filter(campaign=campaign, target=target).values("award_kind_id")
    return AwardKind.objects.filter(pk__in=ids).order_by("level", "code")


def staff_of(unit):
    return Staff.objects.filter(active=True).filter(unit__in=Unit.objects.filter(pk=unit.pk) | Unit.objects.filter(parent=unit)).order_by("full_name")


class AwardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} – {obj.position}" if obj.position else obj.full_name


class UnitRegistrationForm(forms.Form):
    award_kind = AwardChoiceField(label="Hình thức khen thưởng đăng ký", queryset=AwardKind.objects.none(), empty_label=None)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_kind"].queryset = award_kinds_for(campaign, Target.COLLECTIVE)


class IndividualRegistrationForm(forms.Form):
    staff = StaffChoiceField(label="Cá nhân", queryset=Staff.objects.none(), empty_label="— Chọn cán bộ —")
    award_kind = AwardChoiceField(label="Hình thức khen thưởng đăng ký", queryset=AwardKind.objects.none(), empty_label=None)

    def __init__(self, *args, campaign, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_of(unit)
        self.fields["award_kind"].queryset = award_kinds_for(campaign, Target.INDIVIDUAL)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp văn bản", allow_empty_file=True,
        help_text=f"Nhận tệp {files.ALLOWED_LABEL}, tối đa theo giới hạn dung lượng của hệ thống.",
        widget=forms.ClearableFileInput(attrs={"accept": files.ACCEPT}),
        error_messages={"required": "Chưa chọn tệp nào. Hãy bấm «Chọn tệp» rồi chọn văn bản cần tải lên."},
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        files.check_upload(uploaded)
        return uploaded


class CollectiveNomineeForm(forms.Form):
    collective = forms.ModelChoiceField(label="Tập thể", queryset=Unit.objects.none(), empty_label=None)
    award_kind = AwardChoiceField(label="Hình thức đề nghị", queryset=AwardKind.objects.none(), empty_label=None)
    achievement = forms.CharField(label="Tóm tắt thành tích", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, campaign, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective"].queryset = (Unit.objects.filter(pk=unit.pk) | Unit.objects.filter(parent=unit, active=True)).order_by("code")
        self.fields["award_kind"].queryset = award_kinds_for(campaign, Target.COLLECTIVE)


class IndividualNomineeForm(forms.Form):
    staff = StaffChoiceField(label="Cá nhân", queryset=Staff.objects.none(), empty_label="— Chọn cán bộ —")
    award_kind = AwardChoiceField(label="Hình thức đề nghị", queryset=AwardKind.objects.none(), empty_label=None)
    achievement = forms.CharField(label="Tóm tắt thành tích", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, campaign, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_of(unit)
        self.fields["award_kind"].queryset = award_kinds_for(campaign, Target.INDIVIDUAL)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Lý do", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Hãy ghi lý do: đơn vị sẽ đọc lý do này."},
    )


class NoteForm(forms.Form):
    reason = forms.CharField(label="Ghi chú (không bắt buộc)", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(forms.Form):
    until = forms.DateField(
        label="Gia hạn đến hết ngày", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": "Hãy chọn ngày gia hạn.", "invalid": "Ngày không hợp lệ; hãy ghi theo dạng 25/11/2023."},
    )
    reason = forms.CharField(label="Lý do gia hạn", widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Hãy ghi lý do gia hạn."})


class ReopenForm(forms.Form):
    reason = forms.CharField(label="Lý do mở lại", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    until = forms.DateField(
        label="Gia hạn đến hết ngày (nếu đã quá hạn chung)", required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Ngày không hợp lệ; hãy ghi theo dạng 25/11/2023."},
    )


class CommentForm(forms.Form):
    text = forms.CharField(label="Ý kiến, yêu cầu gửi đơn vị", widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "Hãy ghi nội dung ý kiến."})


def errors_of(exc: ValidationError):
    return list(exc.messages)

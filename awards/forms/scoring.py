"""Forms of the scoring area: the office's ruling on one result, a unit's indicator data, index components, and the
campaign's criterion weights. Each validates with the same checks the services (and the Excel import) use."""

from decimal import Decimal

from django import forms
from django.forms import modelformset_factory

from awards.models import Outcome
from campaigns.fields import VietnameseDecimalField, vietnamese_formfield
from campaigns.models import IndexComponentScore, IndicatorRecord
from campaigns.validators import indicator_errors

# Short labels: the grid's selects must show their whole label at 1366 px.
OUTCOME_CHOICES = [("", "Tự động")] + list(Outcome.choices)
ATTEST_CHOICES = [("", "Chưa xác nhận")] + list(Outcome.choices)


class RulingForm(forms.Form):
    """One cell of the grid: the office's outcome (empty = automatic), its reason, the version it was read at."""

    outcome = forms.ChoiceField(label="Kết quả", choices=OUTCOME_CHOICES, required=False)
    reason = forms.CharField(label="Lý do / nhận xét", required=False, max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class IndicatorRecordForm(forms.ModelForm):
    class Meta:
        model = IndicatorRecord
        formfield_callback = vietnamese_formfield  # "1.500.000", "7,5" (campaigns/fields.py)
        fields = [
            "capital_allocated", "capital_disbursed", "capital_source",
            "has_procedures", "online_dossiers", "total_dossiers", "online_target_percent", "online_source",
            "late_dossiers", "backlog_dossiers", "late_source",
            "inspection_result", "inspection_source",
            "ddci_assigned", "ddci_score_last", "ddci_score", "ddci_rank_last", "ddci_rank", "ddci_source",
        ]
        help_texts = {
            "capital_allocated": "Nhập 0 nếu đơn vị không được giao vốn đầu tư công (tiêu chí không áp dụng). Để trống: chưa có số liệu.",
            "has_procedures": "Bỏ chọn nếu đơn vị không giải quyết thủ tục hành chính (các tiêu chí về hồ sơ không áp dụng).",
            "ddci_assigned": "Bỏ chọn nếu đơn vị không được giao chỉ số thành phần DDCI.",
        }

    GROUPS = [
        ("Giải ngân vốn đầu tư công", ["capital_allocated", "capital_disbursed", "capital_source"]),
        ("Dịch vụ công trực tuyến (QĐ 245/QĐ-UBND)", ["has_procedures", "online_dossiers", "total_dossiers", "online_target_percent", "online_source"]),
        ("Hồ sơ thủ tục hành chính trễ hẹn, tồn đọng", ["late_dossiers", "backlog_dossiers", "late_source"]),
        ("Kiểm tra cải cách hành chính", ["inspection_result", "inspection_source"]),
        ("Chỉ số DDCI", ["ddci_assigned", "ddci_score_last", "ddci_score", "ddci_rank_last", "ddci_rank", "ddci_source"]),
    ]

    def groups(self):
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    def clean(self):
        data = super().clean()
        for field, message in indicator_errors(data).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class IndexComponentForm(forms.ModelForm):
    class Meta:
        model = IndexComponentScore
        fields = ["index", "component", "score_last", "score", "source"]
        formfield_callback = vietnamese_formfield

    def clean(self):
        data = super().clean()
        if any(data.get(k) is not None for k in ("score", "score_last")) and not (data.get("source") or "").strip():
            self.add_error("source", "Ghi văn bản là nguồn của điểm chỉ số thành phần.")
        return data


IndexComponentFormSet = modelformset_factory(IndexComponentScore, form=IndexComponentForm, extra=2, can_delete=True)


class WeightsForm(forms.Form):
    """The campaign's criteria: weight (locked once scoring has started) and whether each is mandatory."""

    def __init__(self, *args, criteria, locked, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.locked = locked
        for c in self.criteria:
            self.fields[f"weight_{c.pk}"] = VietnameseDecimalField(
                label=f"Trọng số – {c}", min_value=Decimal(0), max_digits=6, decimal_places=2, initial=c.weight,
                disabled=locked,
            )
            self.fields[f"mandatory_{c.pk}"] = forms.BooleanField(label=f"Bắt buộc – {c}", required=False, initial=c.mandatory)

    def rows(self):
        return [(c, self[f"weight_{c.pk}"], self[f"mandatory_{c.pk}"]) for c in self.criteria]

    def weights(self):
        return {c.pk: self.cleaned_data[f"weight_{c.pk}"] for c in self.criteria if not self.locked}

    def mandatory(self):
        return {c.pk: self.cleaned_data[f"mandatory_{c.pk}"] for c in self.criteria}

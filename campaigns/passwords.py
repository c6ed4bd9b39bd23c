"""Password validators with Vietnamese messages where Django's own translation has none."""

from django.contrib.auth.password_validation import (
    MinimumLengthValidator as _MinimumLengthValidator,
)
from django.core.exceptions import ValidationError


class MinimumLengthValidator(_MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short",
                                  params={"min_length": self.min_length})

    def get_error_message(self):
        return f"Mật khẩu này quá ngắn: cần ít nhất {self.min_length} ký tự."

    def get_help_text(self):
        return f"Mật khẩu của bạn phải chứa ít nhất {self.min_length} ký tự."

"""``manage.py api_token USERNAME``: issue a personal API token (printed once), or revoke one by its prefix."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.api.selectors import api_token_list
from motcua.api.services import api_token_create, api_token_revoke
from motcua.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Issue a personal API token for USERNAME and print it on standard output (it is shown only this once), "
        "or revoke the user's token(s) with --revoke PREFIX."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for (default: command line).")
        parser.add_argument("--expires-days", type=int, help="Days until the token expires (default: never).")
        parser.add_argument("--revoke", metavar="PREFIX", help="Revoke the user's token(s) starting with PREFIX.")

    def handle(self, *args, username: str, name: str, expires_days: int | None, revoke: str | None, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng {username} / No user named {username}")
        try:
            if revoke:
                self._revoke(user, revoke)
            else:
                self._create(user, name, expires_days)
        except ApplicationError as error:
            raise CommandError(error.bilingual()) from None

    def _create(self, user, name: str, expires_days: int | None) -> None:
        if expires_days is not None and expires_days < 1:
            raise CommandError("--expires-days phải từ 1 trở lên / --expires-days must be 1 or more")
        expires_at = timezone.now() + timedelta(days=expires_days) if expires_days else None
        token, raw = api_token_create(user=user, name=name, expires_at=expires_at)
        until = "không hết hạn / never"
        if token.expires_at:
            until = f"{timezone.localtime(token.expires_at):%Y-%m-%d %H:%M %z}"
        # The token alone on stdout, so `TOKEN=$(manage.py api_token lan)` works; the notice goes to stderr.
        self.stderr.write(
            f"Mã truy cập {token.prefix}… cho {user.username}, hết hạn: {until}. Chỉ hiển thị một lần. / "
            f"Token {token.prefix}… for {user.username}, expires: {until}. It is shown only once."
        )
        self.stdout.write(raw)

    def _revoke(self, user, prefix: str) -> None:
        tokens = list(api_token_list(user=user, prefix=prefix).filter(revoked_at__isnull=True))
        if not tokens:
            raise CommandError(
                f"{user.username} không có mã truy cập còn hiệu lực bắt đầu bằng {prefix} / "
                f"{user.username} has no active token starting with {prefix}"
            )
        for token in tokens:
            api_token_revoke(token=token)
        self.stdout.write(f"Đã thu hồi {len(tokens)} mã / Revoked {len(tokens)} token(s)")

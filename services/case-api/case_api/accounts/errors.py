"""What a sign-in, a password change or an administrator's request can be refused for."""

from __future__ import annotations

from case_api.platform.domain_errors import InvalidValue, NotFound
from case_api.platform.errors import Unauthenticated


class SignInFailed(Unauthenticated):
    """The same answer for an unknown user, a wrong password and a disabled account."""

    code = "sign-in-failed"

    def __init__(self) -> None:
        super().__init__("The username or password is wrong.", "用户名或密码错误。")


class AccountLocked(Unauthenticated):
    code = "account-locked"

    def __init__(self, minutes: int) -> None:
        super().__init__(
            f"Too many failed sign-ins: the account is locked for {minutes} more minutes;"
            " an administrator can unlock it sooner.",
            f"登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试，或请管理员解锁。",
            minutes=minutes,
        )


def account_not_found(username: str) -> NotFound:
    return NotFound(
        "account-not-found", f"No account {username} exists.", f"账户 {username} 不存在。"
    )


def wrong_current_password() -> InvalidValue:
    return InvalidValue(
        "current-password-wrong",
        "The current password is wrong.",
        "当前密码不正确。",
        field="current_password",
    )


def scope_mismatch(role: str, wanted: str | None) -> InvalidValue:
    return InvalidValue(
        "account-scope-mismatch",
        f"A {role} account is scoped by {wanted or 'nothing'} and nothing else.",
        f"{role} 账户的适用范围应为 {wanted or '无'}。",
        field=wanted or "role",
    )

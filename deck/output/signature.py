"""deck's signature on a manifest: an HMAC-SHA256 with a key of this user's, so that a manifest
deck did not write (by hand, or by someone else) is never trusted to say which files are deck's."""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Any

from deck.errors import OutputError

SIGNATURE = "signature"


def _key_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "deck" / "signing-key"


@functools.cache
def signing_key() -> bytes:
    """This user's key: 32 random bytes, created once, readable by the user alone. Raises
    OutputError when it cannot be kept: without it deck could not tell its own manifests from
    forged ones, so it would trust none."""
    path = _key_file()
    where = f"deck keeps its signing key in {path}"
    for _ in range(2):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except FileNotFoundError:
            pass
        except OSError as exc:
            reason = f"{where}, which cannot be read ({exc.strerror})"
            raise OutputError(f"{reason}; remove it or set XDG_CONFIG_HOME") from None
        else:
            try:
                key = os.read(fd, 64) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
            finally:
                os.close(fd)
            if len(key) != 32:
                raise OutputError(f"{where}, which is not such a key (32 bytes); remove it and build again")
            return key
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            draft = path.with_name(f".signing-key-{os.getpid()}-{secrets.token_hex(4)}")
            fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(32))
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(draft, path)  # never replaces a key another process just made
            except FileExistsError:
                pass
            finally:
                os.unlink(draft)
        except OSError as exc:
            raise OutputError(
                f"{where}, which cannot be written ({exc.strerror}); set XDG_CONFIG_HOME to a folder of yours"
            ) from None
    raise OutputError(f"{where}, which could not be created; set XDG_CONFIG_HOME to a folder of yours")


def sign(manifest: dict[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != SIGNATURE}
    blob = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return "hmac-sha256:" + hmac.new(signing_key(), blob, hashlib.sha256).hexdigest()


def signed(manifest: dict[str, Any]) -> bool:
    claimed = manifest.get(SIGNATURE)
    return isinstance(claimed, str) and hmac.compare_digest(claimed, sign(manifest))

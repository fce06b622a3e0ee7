"""deck's signature on a manifest: an HMAC-SHA256 with a key of this user's, so that a manifest
deck did not write (by hand, or by someone else) is never trusted to say which files are deck's."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Any

SIGNATURE = "signature"


def _key_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "deck" / "signing-key"


def signing_key() -> bytes:
    """This user's key: 32 random bytes, created once, readable by the user alone.

    Without a usable home folder the key is empty: manifests are then checked for consistency
    (paths, sha256) but anyone who can write into the output folder could forge one.
    """
    path = _key_file()
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                key = os.read(fd, 64)
                if len(key) == 32:
                    return key
        finally:
            os.close(fd)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(32)
        draft = path.with_name(f".signing-key-{os.getpid()}-{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(draft, path)  # never replaces a key another process just made
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
        return signing_key() if path.is_file() else key
    except OSError:
        return b""


def sign(manifest: dict[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != SIGNATURE}
    blob = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return "hmac-sha256:" + hmac.new(signing_key(), blob, hashlib.sha256).hexdigest()


def signed(manifest: dict[str, Any]) -> bool:
    claimed = manifest.get(SIGNATURE)
    return isinstance(claimed, str) and hmac.compare_digest(claimed, sign(manifest))

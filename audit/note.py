"""C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys, via `cryptography`.

A note is UTF-8 text ending in a newline, a blank line, then signature lines
"— <key name> <base64(4-byte key ID || signature)>". The key ID is
SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]. Keys are written the way
Go's golang.org/x/mod/sumdb/note writes them, so an auditor can use either tool:
verifier key "<name>+<key ID hex>+<base64(0x01 || public key)>", signer key
"PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 || 32-byte seed)>".
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519 = 0x01
SIGNATURE_PREFIX = "— "  # em dash U+2014, space
MAX_SIGNATURES = 100


class NoteError(ValueError):
    """Malformed note or key, or a signature that does not verify."""


def _key_id(name: str, public_key: bytes) -> int:
    return int.from_bytes(hashlib.sha256(name.encode() + b"\n" + bytes([ED25519]) + public_key).digest()[:4], "big")


def _check_name(name: str) -> None:
    if not name or "+" in name or any(c.isspace() for c in name):
        raise NoteError(f"bad key name {name!r}: non-empty, no spaces, no '+'")


def _b64decode(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise NoteError(f"not base64: {text!r}") from None


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: int
    signature: bytes

    def line(self) -> str:
        payload = self.key_id.to_bytes(4, "big") + self.signature
        return f"{SIGNATURE_PREFIX}{self.name} {base64.b64encode(payload).decode()}\n"


@dataclass(frozen=True)
class Note:
    text: str
    signatures: tuple[Signature, ...]

    def encode(self) -> str:
        return self.text + "\n" + "".join(s.line() for s in self.signatures)


class Verifier:
    def __init__(self, name: str, public_key: bytes) -> None:
        _check_name(name)
        if len(public_key) != 32:
            raise NoteError("an Ed25519 public key is 32 bytes")
        self.name = name
        self.public_key = public_key
        self.key_id = _key_id(name, public_key)
        self._key = Ed25519PublicKey.from_public_bytes(public_key)

    @classmethod
    def parse(cls, vkey: str) -> Verifier:
        parts = vkey.strip().split("+", 2)
        if len(parts) != 3:
            raise NoteError("a verifier key is <name>+<key ID hex>+<base64 key>")
        name, hex_id, encoded = parts
        key = _b64decode(encoded)
        if len(key) != 33 or key[0] != ED25519:
            raise NoteError("only Ed25519 verifier keys (type 0x01, 32 bytes) are supported")
        verifier = cls(name, key[1:])
        if len(hex_id) != 8 or hex_id != f"{verifier.key_id:08x}":
            raise NoteError(f"key ID {hex_id} does not match the key")
        return verifier

    def encode(self) -> str:
        return f"{self.name}+{self.key_id:08x}+{base64.b64encode(bytes([ED25519]) + self.public_key).decode()}"

    def verify(self, text: str, signature: bytes) -> bool:
        try:
            self._key.verify(signature, text.encode("utf-8"))
        except InvalidSignature:
            return False
        return True


class Signer:
    def __init__(self, name: str, seed: bytes) -> None:
        _check_name(name)
        if len(seed) != 32:
            raise NoteError("an Ed25519 private key seed is 32 bytes")
        self.name = name
        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        self._seed = seed
        self.verifier = Verifier(name, self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
        self.key_id = self.verifier.key_id

    @classmethod
    def parse(cls, skey: str) -> Signer:
        parts = skey.strip().split("+", 4)
        if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
            raise NoteError("a signer key is PRIVATE+KEY+<name>+<key ID hex>+<base64 key>")
        _, _, name, hex_id, encoded = parts
        key = _b64decode(encoded)
        if len(key) != 33 or key[0] != ED25519:
            raise NoteError("only Ed25519 signer keys (type 0x01, 32-byte seed) are supported")
        signer = cls(name, key[1:])
        if hex_id != f"{signer.key_id:08x}":
            raise NoteError(f"key ID {hex_id} does not match the key")
        return signer

    @classmethod
    def generate(cls, name: str) -> Signer:
        from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

        seed = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return cls(name, seed)

    def encode(self) -> str:
        encoded = base64.b64encode(bytes([ED25519]) + self._seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.key_id:08x}+{encoded}"

    def sign(self, text: str) -> Signature:
        return Signature(self.name, self.key_id, self._key.sign(text.encode("utf-8")))


def sign(text: str, *signers: Signer) -> str:
    """The signed note: text plus one signature line per signer."""
    _check_text(text)
    return Note(text, tuple(s.sign(text) for s in signers)).encode()


def _check_text(text: str) -> None:
    if not text.endswith("\n"):
        raise NoteError("a note's text ends with a newline")
    if any(c < " " and c != "\n" for c in text):
        raise NoteError("a note holds no control characters but newlines")


def parse(data: bytes | str) -> Note:
    """Split a note into text and signatures, without verifying anything."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise NoteError("a note is UTF-8") from None
    split = data.rfind("\n\n")
    if split < 0:
        raise NoteError("a note has a blank line before its signatures")
    text, block = data[: split + 1], data[split + 2 :]
    _check_text(text)
    if not block.endswith("\n") or any(c < " " and c != "\n" for c in block):
        raise NoteError("malformed signature block")
    signatures = []
    for line in block[:-1].split("\n"):
        if not line.startswith(SIGNATURE_PREFIX):
            raise NoteError(f"not a signature line: {line!r}")
        name, _, encoded = line[len(SIGNATURE_PREFIX) :].partition(" ")
        _check_name(name)
        payload = _b64decode(encoded)
        if len(payload) < 5:
            raise NoteError("a signature is a 4-byte key ID and the signature")
        signatures.append(Signature(name, int.from_bytes(payload[:4], "big"), payload[4:]))
    if not signatures or len(signatures) > MAX_SIGNATURES:
        raise NoteError(f"a note has 1 to {MAX_SIGNATURES} signatures")
    return Note(text, tuple(signatures))


def open_note(data: bytes | str, verifiers: list[Verifier]) -> tuple[Note, list[Verifier]]:
    """The note and the known keys that signed it.

    As the spec says: signatures by unknown keys are ignored; a signature by a known
    key (same name and key ID) must verify, or the note is rejected; at least one
    known key must have signed.
    """
    note = parse(data)
    known = {(v.name, v.key_id): v for v in verifiers}
    signed_by = []
    for signature in note.signatures:
        verifier = known.get((signature.name, signature.key_id))
        if verifier is None:
            continue
        if not verifier.verify(note.text, signature.signature):
            raise NoteError(f"invalid signature for key {verifier.name}+{verifier.key_id:08x}")
        signed_by.append(verifier)
    if not signed_by:
        raise NoteError("no signature by a known key")
    return note, signed_by

"""Signed notes and checkpoints.

The keys, text and signatures are the test vectors of Go's signed-note package,
golang.org/x/mod/sumdb/note (note_test.go), which c2sp.org/signed-note specifies.
"""

from __future__ import annotations

import pytest

from audit import note
from audit.checkpoint import Checkpoint, CheckpointError, open_checkpoint, parse_text
from audit.merkle import EMPTY_ROOT

PETER_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
PETER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
ENOCH = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
PETER_SIG = (
    "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)
ENOCH_SIG = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"


def test_keys_round_trip_and_match():
    signer = note.Signer.parse(PETER_SIGNER)
    assert signer.encode() == PETER_SIGNER
    assert signer.verifier.encode() == PETER
    assert note.Verifier.parse(PETER).key_id == 0xC74F20A3


@pytest.mark.parametrize(
    "bad",
    [
        PETER[:-1],
        PETER.replace("c74f20a3", "c74f20a4"),
        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3",
    ],
)
def test_mangled_verifier_keys_are_refused(bad):
    with pytest.raises(note.NoteError):
        note.Verifier.parse(bad)


def test_signing_gives_the_published_note():
    assert note.sign(TEXT, note.Signer.parse(PETER_SIGNER)) == TEXT + "\n" + PETER_SIG


def test_open_with_one_known_key_ignores_the_unknown_one():
    opened, signed_by = note.open_note(TEXT + "\n" + PETER_SIG + ENOCH_SIG, [note.Verifier.parse(PETER)])
    assert opened.text == TEXT
    assert [v.name for v in signed_by] == ["PeterNeumann"]
    _, both = note.open_note(
        TEXT + "\n" + PETER_SIG + ENOCH_SIG, [note.Verifier.parse(PETER), note.Verifier.parse(ENOCH)]
    )
    assert len(both) == 2


def test_notes_without_a_good_known_signature_are_rejected():
    peter = [note.Verifier.parse(PETER)]
    with pytest.raises(note.NoteError, match="no signature by a known key"):
        note.open_note(TEXT + "\n" + ENOCH_SIG, peter)
    with pytest.raises(note.NoteError, match="invalid signature"):
        note.open_note(TEXT + "\n" + PETER_SIG[:60] + "ABCD" + PETER_SIG[60:], peter)
    with pytest.raises(note.NoteError, match="invalid signature"):
        note.open_note(TEXT.replace("answer", "Answer") + "\n" + PETER_SIG, peter)


@pytest.mark.parametrize(
    "bad",
    [
        TEXT,
        TEXT + "\n",
        TEXT + "\n" + PETER_SIG[:-1],
        "\x01" + TEXT + "\n" + PETER_SIG,
        TEXT
        + "\n"
        + "— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
    ],
)
def test_malformed_notes_are_rejected(bad):
    with pytest.raises(note.NoteError):
        note.open_note(bad, [note.Verifier.parse(PETER)])


def test_checkpoint_round_trip_with_two_keys_during_a_rotation():
    old, new = note.Signer.generate("sotflow.test/ledger"), note.Signer.generate("sotflow.test/ledger-2026")
    checkpoint = Checkpoint("sotflow.test/ledger/registry", 20852163, EMPTY_ROOT)
    signed = checkpoint.sign(old, new)
    assert signed.startswith(
        "sotflow.test/ledger/registry\n20852163\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n— "
    )
    for keys in ([old.verifier], [new.verifier], [old.verifier, new.verifier]):
        assert open_checkpoint(signed, keys)[0] == checkpoint
    with pytest.raises(note.NoteError):
        open_checkpoint(signed, [note.Signer.generate("sotflow.test/ledger").verifier])


@pytest.mark.parametrize(
    "text",
    [
        "origin\n012\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "origin\n12\nnot base64!\n",
        "origin\n12\nAAAA\n",
        "origin\n12\n",
        "\n12\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "origin\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
    ],
)
def test_malformed_checkpoints(text):
    with pytest.raises(CheckpointError):
        parse_text(text)

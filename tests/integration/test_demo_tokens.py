"""The demo accounts keep their tokens across restarts of `make run` (`load_demo` again):
a client holding one keeps working."""

import json
import stat

from domain.actor import Role
from sotflow.bootstrap import bootstrap
from sotflow.demo import DEMO_SIGNER, DEMO_USERS, load_demo


def test_loading_the_demo_twice_gives_the_same_tokens_and_both_authenticate(settings, tmp_path):
    settings = settings.model_copy(update={"demo_tokens_file": str(tmp_path / "state" / "demo-tokens.json")})
    first_system = bootstrap(settings)
    try:
        first = load_demo(first_system)
    finally:
        first_system.close()
    system = bootstrap(settings)  # a restart: a new process would have nothing but the file and the database
    try:
        second = load_demo(system)
        assert second == first
        assert set(first) == {name for name, _ in DEMO_USERS}
        assert {role for _, role in DEMO_USERS} >= {Role.INTERNATIONAL_OFFICER, Role.DEPUTY_HEAD, Role.CONSULTANT}
        for name, token in second.items():
            assert system.users.authenticate(token).name == name
        # The demo's signer may sign at once, and a second run records the authority no second time.
        signer = system.users.authenticate(second[DEMO_SIGNER])
        assert system.international.authority_at(signer.id, system.clock.now()).user_id == signer.id
        assert len(system.international.signing_register().records) == 1
    finally:
        system.close()
    kept = tmp_path / "state" / "demo-tokens.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert json.loads(kept.read_text())[settings.db_schema] == first


def test_a_kept_token_that_no_longer_works_is_replaced(settings, tmp_path):
    settings = settings.model_copy(update={"demo_tokens_file": str(tmp_path / "demo-tokens.json")})
    system = bootstrap(settings)
    try:
        first = load_demo(system)
        system.users.rotate_token("Demo Head", by="test")  # someone rotated it: the kept one is dead
        second = load_demo(system)
        assert second["Demo Head"] != first["Demo Head"]
        assert system.users.authenticate(second["Demo Head"]).name == "Demo Head"
        assert {n: t for n, t in second.items() if n != "Demo Head"} == {
            n: t for n, t in first.items() if n != "Demo Head"
        }
    finally:
        system.close()

"""International legal assistance: foreign requests, the courts' jurisdiction, sign-off."""

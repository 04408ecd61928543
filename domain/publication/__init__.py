"""Publication of judicial acts: the rules that depersonalise an act before the public sees it."""

"""Entry points: the programs people and operators start. They sit on top: they import the
composition root and everything below it, and nothing imports them. (The HTTP API, api/,
is the other entry point.)"""

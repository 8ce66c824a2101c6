"""Who may use the bot's actions; ``Deferred``: an event this poller may not handle; ``Revoked``: the
always-on worker's credential no longer works."""
from __future__ import annotations


class Deferred(Exception):
    """This poller may not do it (e.g. it cannot read the Open Line's history): leave the event to
    a support member who can, for a while (see ``poller.Poller.grace``)."""


class Revoked(Exception):
    """The worker's key was refused by the authorization server (``invalid_grant``, ``invalid_client``,
    ...): nothing will work until an admin issues a new one, so the worker stops (never caught as an
    event's failure)."""

"""Bot actions as pure async logic over ``RestClient`` (no DOM; tested on CPython against devportal):
``task_from_message`` (placements), ``direct`` (the same from the bot's 1:1 chat,
with buttons), ``requests`` (My requests, queue positions), ``status`` (/status), ``openline``
(/openline_task_create), ``events`` (handlers), ``poller`` (fetch-mode loop), ``worker`` (the
optional always-on process; ``worker_key`` what the settings screen shows for it), with ``tasks``
(create once), ``say`` (bot messages once), ``rules`` (who may; Deferred), ``refs`` (paths, keys)
and ``texts``."""

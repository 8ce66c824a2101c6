"""Bot actions as pure async logic over ``RestClient`` (no DOM; tested on CPython against devportal):
``task_from_message`` (placements), ``requests`` (My requests, queue positions), ``status``
(/status), ``openline`` (/openline_task_create), ``events`` (handlers), ``poller`` (fetch-mode loop),
with ``tasks`` (create once), ``say`` (bot messages once), ``refs`` (paths, keys) and ``texts``."""

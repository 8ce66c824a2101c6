"""Plain records of the desk (no I/O) and their parsers from Bitrix24 REST shapes.

- `Message.from_rest(item)`   — an item of im.dialog.messages.search `messages`
- `User.from_rest(item)`      — an item of its `users` list ({"id", "name", "bot"})
- `Session.from_rest(item)`   — an item of imopenlines.v2.Session.list `sessions`
- `Task.from_rest(item, uf_message, uf_chat)` — an item of tasks.task.list `tasks`
- `Settings.from_dict(d)` / `.to_dict()` — the app options of DESIGN §3
- `Dialogue` — a chat dialogue as metrics pairs them
Dates become aware datetimes; ids become ints; `uf_to_camel("UF_SD_CHAT_ID") == "ufSdChatId"`.
"""
from .chat import Message, User
from .dialogue import Dialogue
from .openline import Session
from .settings import Settings
from .tasks import STATUS_COMPLETED, Task
from .values import display_name, format_time, parse_time, to_bool, to_int, uf_to_camel

__all__ = ["Message", "User", "Dialogue", "Session", "Settings", "Task", "STATUS_COMPLETED",
           "display_name", "format_time", "parse_time", "to_bool", "to_int", "uf_to_camel"]

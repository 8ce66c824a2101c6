"""What the bot says (ru first, en for other portal languages) and the task status names."""
from __future__ import annotations

from ..views.i18n import lang_of  # noqa: F401 (the bot speaks the event's language)

STATUS = {
    "ru": {2: "ждёт выполнения", 3: "выполняется", 4: "ждёт контроля", 5: "завершена", 6: "отложена"},
    "en": {2: "pending", 3: "in progress", 4: "awaiting control", 5: "completed", 6: "deferred"},
}
PHRASES = {
    "ru": {
        "doing": "Выполняю", "managing": "Поручил(а)", "watching": "Наблюдаю",
        "mine": "Ваши открытые заявки:", "none_mine": "У вас нет открытых заявок в поддержке.",
        "chat": "Ваши обращения:", "none_chat": "По этому чату заявок нет.",
        "queue": "№ {n} в очереди", "task": "Заявка", "desk": "Служба {id}",
        "status_private": "Отправил список ваших заявок вам в личные сообщения.",
        "created": "Заявка #{id} создана: {title}", "exists": "Заявка по этому обращению уже есть: #{id} {title}",
        "operators_only": "Команда доступна только операторам поддержки.",
        "transcript": "Диалог открытой линии", "system": "Система",
        "no_history": "Не удалось создать заявку: у открытого сейчас ServiceDesk нет доступа к истории "
                      "этого диалога. Откройте ServiceDesk и повторите команду.",
        "help": "Я бот ServiceDesk. Напишите /status — покажу ваши открытые заявки в поддержке.",
        "pick": "Из какого сообщения чата поддержки создать заявку? Последние сообщения:",
        "no_messages": "В чате поддержки пока нет сообщений.",
        "support_only": "Создавать заявки из сообщений чата поддержки могут только сотрудники поддержки.",
        "not_in_chat": "Вы не участник чата поддержки, поэтому создать заявку из его сообщения нельзя. "
                       "Попросите руководителя поддержки добавить вас в чат.",
        "no_chat_access": "Не удалось: у открытого сейчас ServiceDesk нет доступа к чату поддержки. "
                          "Откройте ServiceDesk и повторите.",
        "gone": "Этого сообщения нет в чате поддержки (возможно, оно удалено).",
        "picked": "Заявка {link} создана: {title}", "picked_exists": "По этому сообщению уже есть заявка {link}: {title}",
    },
    "en": {
        "doing": "Doing", "managing": "Assigned by me", "watching": "Watching",
        "mine": "Your open requests:", "none_mine": "You have no open support requests.",
        "chat": "Your requests:", "none_chat": "No requests from this chat.",
        "queue": "#{n} in the queue", "task": "Request", "desk": "Desk {id}",
        "status_private": "I have sent the list of your requests to you in a private message.",
        "created": "Request #{id} created: {title}", "exists": "This conversation already has a request: #{id} {title}",
        "operators_only": "Only support operators may use this command.",
        "transcript": "Open Line conversation", "system": "System",
        "no_history": "Could not create the request: the ServiceDesk app polling now may not read this "
                      "conversation's history. Open ServiceDesk yourself and repeat the command.",
        "help": "I am the ServiceDesk bot. Write /status to see your open support requests.",
        "pick": "Which message of the support chat should become a request? The latest messages:",
        "no_messages": "The support chat has no messages yet.",
        "support_only": "Only support staff may create requests from the support chat's messages.",
        "not_in_chat": "You are not a member of the support chat, so you cannot create a request from its "
                       "messages. Ask the support manager to add you to the chat.",
        "no_chat_access": "Could not do it: the ServiceDesk app polling now may not read the support chat. "
                          "Open ServiceDesk yourself and repeat.",
        "gone": "The support chat has no such message (it may have been deleted).",
        "picked": "Request {link} created: {title}", "picked_exists": "This message already has a request {link}: {title}",
    },
}


def inert(text: str) -> str:
    """Portal text made safe to put in a bot message: chat messages are BB-code and Bitrix24 has no
    escape, so a zero-width space after each "[" keeps ``[URL=…]``/``[USER=…]`` from being tags."""
    return str(text or "").replace("[", "[\u200b")


def say(key: str, lang: str = "ru", **kw) -> str:
    text = PHRASES.get(lang, PHRASES["ru"]).get(key, PHRASES["ru"].get(key, key))
    return text.format(**kw) if kw else text


def status_name(status: int, lang: str = "ru") -> str:
    return STATUS.get(lang, STATUS["ru"]).get(int(status or 0), str(status))

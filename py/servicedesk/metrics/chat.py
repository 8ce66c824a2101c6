"""Chat dialogues (DESIGN §4, first line): pair user messages with the first support-side reply.

Walk the chat in order (time, then message id): a user message opens a dialogue when none is open,
later user messages join it, the first support-side message closes it; support messages with no
dialogue open open nothing. Ignored: system messages (isSystem, author 0), bots, deleted messages.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model import Dialogue, Message


def relevant_messages(messages, bot_ids, chat_id=None) -> list[Message]:
    """Messages that count: not system, not by a bot, not deleted, in `chat_id` (a chat id or a
    collection of a desk's chat ids; when given)."""
    bots = set(bot_ids)
    chats = None if chat_id is None else {chat_id} if isinstance(chat_id, int) else set(chat_id)
    return [m for m in messages
            if not m.is_system and not m.deleted and m.author_id not in bots
            and (chats is None or m.chat_id is None or m.chat_id in chats)]


@dataclass(frozen=True)
class ChatPairs:
    """Dialogues as parallel arrays (one entry each), in chat order. `src` indexes the messages given
    to `pair_dialogues`; `reply_*` are NaN / -1 while a dialogue is unanswered."""
    chat: np.ndarray
    opened: np.ndarray        # Unix seconds of the first user message
    first_id: np.ndarray
    author: np.ndarray
    src: np.ndarray
    replied: np.ndarray       # Unix seconds of the closing reply, NaN if none
    reply_id: np.ndarray
    replied_by: np.ndarray
    reply_src: np.ndarray
    waiting_messages: np.ndarray   # user messages in a dialogue still open (0 for answered ones)

    @property
    def answered(self) -> np.ndarray:
        return ~np.isnan(self.replied)

    @property
    def response_min(self) -> np.ndarray:
        return (self.replied - self.opened) / 60.0


def pair_dialogues(messages: list[Message], support_ids) -> ChatPairs:
    """Pair already filtered messages (see `relevant_messages`) into dialogues, vectorised."""
    n = len(messages)
    support = set(support_ids)
    t = np.fromiter((m.date.timestamp() for m in messages), dtype=float, count=n)
    ids = np.fromiter((m.id for m in messages), dtype=np.int64, count=n)
    chat = np.fromiter((m.chat_id or 0 for m in messages), dtype=np.int64, count=n)
    author = np.fromiter((m.author_id for m in messages), dtype=np.int64, count=n)
    is_sup = np.fromiter((m.author_id in support for m in messages), dtype=bool, count=n)
    order = np.lexsort((ids, t, chat))
    t, ids, chat, author, is_sup = t[order], ids[order], chat[order], author[order], is_sup[order]

    same_chat = np.zeros(n, dtype=bool)
    same_chat[1:] = chat[1:] == chat[:-1]
    prev_sup = np.zeros(n, dtype=bool)
    prev_sup[1:] = is_sup[:-1]
    opener = np.flatnonzero(~is_sup & (~same_chat | prev_sup))
    closer = np.flatnonzero(is_sup & same_chat & ~prev_sup)

    pos = np.searchsorted(closer, opener)
    has = pos < closer.size
    cand = np.zeros(opener.size, dtype=np.int64)
    cand[has] = closer[pos[has]]
    has &= chat[cand] == chat[opener]            # the next reply must be in the same chat
    chat_end = np.searchsorted(chat, chat[opener], side="right")
    return ChatPairs(chat=chat[opener], opened=t[opener], first_id=ids[opener], author=author[opener],
                     src=order[opener], replied=np.where(has, t[cand], np.nan),
                     reply_id=np.where(has, ids[cand], -1), replied_by=np.where(has, author[cand], -1),
                     reply_src=np.where(has, order[cand], -1),
                     waiting_messages=np.where(has, 0, chat_end - opener))


def chat_dialogues(messages, support_ids, bot_ids=(), chat_id: int | None = None) -> list[Dialogue]:
    """The chat's dialogues as records (raw REST dicts are parsed), in chat order."""
    msgs = relevant_messages([Message.from_rest(m) if isinstance(m, dict) else m for m in messages],
                             bot_ids, chat_id)
    pairs = pair_dialogues(msgs, support_ids)
    out = []
    for i in range(pairs.opened.size):
        first = msgs[int(pairs.src[i])]
        reply = msgs[int(pairs.reply_src[i])] if pairs.reply_src[i] >= 0 else None
        out.append(Dialogue(chat_id=first.chat_id, first_message_id=first.id, author_id=first.author_id,
                            opened_at=first.date, reply_id=reply and reply.id,
                            replied_by=reply and reply.author_id, replied_at=reply and reply.date))
    return out

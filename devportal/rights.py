"""Who may see or do what, as a Bitrix24 portal with default settings decides it.

Decisions (bitrix24-rest.md "Rights", checked against each method's "Кто может выполнять метод"):
- admins see every task; others see a task when they take part in it (creator, responsible,
  accomplice, auditor) or are a member (any role) of its group;
- a task may be changed by an admin, its creator, its responsible, or the group's owner/moderator;
- chat messages are for chat members only, admins included (the im module has no admin bypass);
  an "open" chat is readable by every employee;
- Open Line reports (imopenlines.v2.Session.list) and the session history: admins and the
  operators in a line's queue; CRM read (crm.activity.list of Open Line sessions): admins and
  every Open Line queue operator (Bitrix24 gives operators CRM access to their sessions).
"""
from __future__ import annotations

from .state import Chat, Group, OpenLine, Portal, Task, User


def member_role(group: Group | None, user_id: int) -> str | None:
    if group is None:
        return None
    if group.owner_id == user_id:
        return "A"
    return group.members.get(user_id)


def can_see_task(portal: Portal, user: User, task: Task) -> bool:
    if user.is_admin or user.id in (task.created_by, task.responsible_id):
        return True
    if user.id in task.accomplices or user.id in task.auditors:
        return True
    return member_role(portal.groups.get(task.group_id), user.id) is not None


def can_edit_task(portal: Portal, user: User, task: Task) -> bool:
    if user.is_admin or user.id in (task.created_by, task.responsible_id):
        return True
    return member_role(portal.groups.get(task.group_id), user.id) in ("A", "E")


def can_read_chat(user: User, chat: Chat) -> bool:
    return user.id in chat.members or chat.type == "open"


def operator_lines(portal: Portal, user: User) -> list[OpenLine]:
    """The Open Lines whose statistics ``user`` may read (all of them for an admin)."""
    if user.is_admin:
        return list(portal.openlines.values())
    return [ol for ol in portal.openlines.values() if user.id in ol.queue or user.id in ol.report_users]


def can_read_crm(portal: Portal, user: User) -> bool:
    return bool(operator_lines(portal, user))


# CRM (smart processes). crm.type.add / crm.type.list / crm.category.add: "любой пользователь с
# административным доступом к разделу CRM"; crm.status.add: "пользователь с правами администратора CRM"
# (api-reference/crm/universal/user-defined-object-types/crm-type-add.md, crm-type-list.md,
# universal/category/crm-category-add.md, status/crm-status-add.md). Portal admins are CRM admins.
def is_crm_admin(portal: Portal, user: User) -> bool:
    return user.is_admin or user.id in portal.crm_admins


def is_intranet(user: User) -> bool:
    """Open Line clients and bots are not intranet users (crm.* answer 403 allowed_only_intranet_user)."""
    return not user.external_auth_id


# crm.item.list / crm.item.get: "любой пользователь с правом «чтения» элементов"; crm.item.update: right
# of "изменения" (universal/crm-item-list.md, crm-item-update.md). Modelled as a default role: CRM admins
# and the users the type grants (``CrmType.readers``, the desk's people) read and change every item; anyone
# else only the items they take part in (creator, responsible, observer), or an item opened to all.
def can_read_item(portal: Portal, user: User, item) -> bool:
    if is_crm_admin(portal, user) or item.opened == "Y":
        return True
    t = next((t for t in portal.crm_types.values() if t.entity_type_id == item.entity_type_id), None)
    if t and user.id in t.readers:
        return True
    return user.id in (item.created_by, item.assigned_by_id) or user.id in item.observers


def can_edit_item(portal: Portal, user: User, item) -> bool:
    return can_read_item(portal, user, item)

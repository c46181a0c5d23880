import { db } from "./db.server";

// Each person's in-app inbox: label reminders and other messages, read or not.

export async function unreadCount(userId: string): Promise<number> {
  return db().notification.count({ where: { userId, readAt: null } });
}

export async function inboxOf(userId: string) {
  return db().notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: { id: true, title: true, body: true, link: true, createdAt: true, readAt: true },
  });
}

/** Marks one message (or, without an id, all) of this person read; another person's is not found. */
export async function markRead(userId: string, id: number | null): Promise<boolean> {
  const { count } = await db().notification.updateMany({ where: { userId, readAt: null, ...(id === null ? {} : { id }) }, data: { readAt: new Date() } });
  return id === null || count === 1 || (await db().notification.count({ where: { userId, id } })) === 1;
}

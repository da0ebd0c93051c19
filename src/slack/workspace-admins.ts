import type { webApi } from "@slack/bolt";

/**
 * Whether `user` may do what `listed` people may: those in the list, or workspace admins when
 * the list is empty (DIGEST_ADMINS, KNOWLEDGE_EDITORS).
 */
export async function isListedOrAdmin(
  listed: readonly string[],
  user: string,
  isWorkspaceAdmin: ((userId: string) => Promise<boolean>) | undefined,
): Promise<boolean> {
  if (listed.length > 0) return listed.includes(user);
  return (await isWorkspaceAdmin?.(user)) ?? false;
}

/**
 * Whether a user is a workspace admin or owner, as users.info says (the users:read scope). A
 * failed call (no scope, a network error) answers no: subscribing is refused, never allowed.
 */
export function askSlackIfAdmin(
  client: Pick<webApi.WebClient, "users">,
): (userId: string) => Promise<boolean> {
  return async (user) => {
    try {
      const info = await client.users.info({ user });
      return info.user?.is_admin === true || info.user?.is_owner === true;
    } catch {
      return false;
    }
  };
}

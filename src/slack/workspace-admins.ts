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
 * Whether a user is an admin or owner of the app's own workspace, as users.info says (the
 * users:read scope): an admin of another organisation (met in a shared channel) is not one of
 * ours, so the user's team must be the one auth.test names. A failed call (no scope, a network
 * error) answers no: subscribing is refused, never allowed.
 */
export function askSlackIfAdmin(
  client: Pick<webApi.WebClient, "users" | "auth">,
): (userId: string) => Promise<boolean> {
  return async (user) => {
    try {
      const [info, app] = await Promise.all([client.users.info({ user }), client.auth.test()]);
      const admin = info.user?.is_admin === true || info.user?.is_owner === true;
      return admin && app.team_id !== undefined && info.user?.team_id === app.team_id;
    } catch {
      return false;
    }
  };
}

/**
 * The line a reply or view shows in place of what its store did not give in time, so that the
 * rest of it is still shown, and nobody reads a missing list as an empty one.
 */
export function unreadLine(unread: readonly string[]): string {
  const what =
    unread.length < 2 ? unread.join("") : `${unread.slice(0, -1).join(", ")} and ${unread.at(-1)}`;
  return `:warning: _Couldn't read ${what} just now; try again in a minute._`;
}

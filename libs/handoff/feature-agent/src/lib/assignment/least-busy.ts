/** An agent who could take a conversation, with the conversations they have now. */
export interface AssignmentCandidate {
  id: string;
  displayName: string;
  maxConcurrent: number;
  /** Open `with_agent` conversations assigned to them. */
  openConversations: number;
}

/**
 * The least-busy agent with room for one more: fewest open conversations, then the
 * most room left, then the id (so the choice is stable). Null when nobody has room.
 */
export function chooseLeastBusy<T extends AssignmentCandidate>(candidates: readonly T[]): T | null {
  const withRoom = candidates.filter((c) => c.openConversations < c.maxConcurrent);
  if (withRoom.length === 0) return null;
  return [...withRoom].sort(
    (a, b) =>
      a.openConversations - b.openConversations ||
      b.maxConcurrent - b.openConversations - (a.maxConcurrent - a.openConversations) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )[0]!;
}

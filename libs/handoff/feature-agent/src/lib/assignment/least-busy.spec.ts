import { chooseLeastBusy, type AssignmentCandidate } from './least-busy';

const agent = (id: string, openConversations: number, maxConcurrent = 5): AssignmentCandidate => ({ id, displayName: id, openConversations, maxConcurrent });

describe('chooseLeastBusy', () => {
  it('picks the agent with the fewest open conversations', () => {
    expect(chooseLeastBusy([agent('a', 3), agent('b', 1), agent('c', 2)])?.id).toBe('b');
  });

  it('skips agents who are at their maximum', () => {
    expect(chooseLeastBusy([agent('a', 2, 2), agent('b', 4, 5)])?.id).toBe('b');
  });

  it('returns null when nobody has room', () => {
    expect(chooseLeastBusy([agent('a', 2, 2), agent('b', 5, 5)])).toBeNull();
    expect(chooseLeastBusy([])).toBeNull();
  });

  it('breaks a tie by the room left, then by id', () => {
    expect(chooseLeastBusy([agent('a', 1, 3), agent('b', 1, 8)])?.id).toBe('b');
    expect(chooseLeastBusy([agent('d', 0), agent('c', 0)])?.id).toBe('c');
  });
});

import { classifyDeleteFailure } from './message-deletion';

describe("deleting a message from Twilio's logs", () => {
  it('counts a message Twilio no longer has as deleted', () => {
    expect(classifyDeleteFailure({ httpStatus: 404, code: '20404' })).toBe('gone');
  });

  it('tries again when Twilio is still processing the message (20009), throttles, fails or does not answer', () => {
    expect(classifyDeleteFailure({ httpStatus: 409, code: '20009' })).toBe('retry');
    expect(classifyDeleteFailure({ httpStatus: 400, code: '20009' })).toBe('retry');
    expect(classifyDeleteFailure({ httpStatus: 429, code: '20429' })).toBe('retry');
    expect(classifyDeleteFailure({ httpStatus: 503, code: null })).toBe('retry');
    expect(classifyDeleteFailure({ httpStatus: null, code: 'ECONNRESET' })).toBe('retry');
  });

  it('gives up on an error another try cannot fix', () => {
    expect(classifyDeleteFailure({ httpStatus: 401, code: '20003' })).toBe('give_up');
    expect(classifyDeleteFailure({ httpStatus: 403, code: '20403' })).toBe('give_up');
  });
});

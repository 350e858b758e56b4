import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id and the OWASP parameters (19 MiB, 2 passes, 1 lane)', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hasher.needsRehash(hash)).toBe(false);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'Correct horse battery staple')).toBe(false);
  });

  it('treats a stored value that is no argon2 hash as a wrong password, and wants it rehashed', async () => {
    expect(await hasher.verify('plain-text', 'plain-text')).toBe(false);
    expect(hasher.needsRehash('plain-text')).toBe(true);
  });

  it('spends a verification on an unknown user without throwing', async () => {
    await expect(hasher.verifyDummy('whatever')).resolves.toBeUndefined();
  });
});

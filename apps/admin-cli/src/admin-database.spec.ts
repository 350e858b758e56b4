import { openAdminDatabase, redactUrl } from './admin-database';

describe('openAdminDatabase', () => {
  it('hides the password in messages', () => {
    expect(redactUrl('postgres://pegamento:secret@db:5432/pegamento')).toBe('postgres://pegamento:***@db:5432/pegamento');
    expect(redactUrl('postgres://db/pegamento')).toBe('postgres://db/pegamento');
  });

  it('says which database it could not open, and how to fix it when it was the embedded one', async () => {
    // Port 1: nothing listens there, so the connection is refused at once.
    const opening = openAdminDatabase({ url: 'postgres://u:secret@127.0.0.1:1/x', source: 'embedded', dataDir: '/srv/data' });
    await expect(opening).rejects.toThrow(
      /^Cannot open the embedded PostgreSQL of \/srv\/data \(postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x\): .*ECONNREFUSED.*start the platform \(npm start\) or set DATABASE_URL\.$/,
    );
    await expect(opening).rejects.not.toThrow(/secret/);
  });
});

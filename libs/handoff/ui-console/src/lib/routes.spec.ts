import { adminOnly, parseRoute, routePath, type Route } from './routes';

describe('console routes', () => {
  it('reads every view from its path and writes it back', () => {
    const routes: Route[] = [
      { name: 'login' },
      { name: 'queue' },
      { name: 'mine' },
      { name: 'conversation', id: '6f1c7a52-8a47-4c1e-9a59-8e6a3c1f0b11' },
      { name: 'report' },
      { name: 'knowledge' },
      { name: 'knowledgeNew' },
      { name: 'knowledgeEdit', id: '0b7f2a6e-1111-4c1e-9a59-8e6a3c1f0b11' },
    ];
    for (const route of routes) expect(parseRoute(routePath(route))).toEqual(route);
  });

  it('opens the queue at /console and ignores a trailing slash', () => {
    expect(parseRoute('/console')).toEqual({ name: 'queue' });
    expect(parseRoute('/console/')).toEqual({ name: 'queue' });
    expect(parseRoute('/console/mine/')).toEqual({ name: 'mine' });
  });

  it('knows no other paths', () => {
    expect(parseRoute('/console/nothing')).toEqual({ name: 'notFound' });
    expect(parseRoute('/console/conversations/../../x')).toEqual({ name: 'notFound' });
    expect(parseRoute('/elsewhere')).toEqual({ name: 'notFound' });
  });

  it('keeps the admin views for admins', () => {
    expect(adminOnly({ name: 'report' })).toBe(true);
    expect(adminOnly({ name: 'knowledgeEdit', id: 'x' })).toBe(true);
    expect(adminOnly({ name: 'queue' })).toBe(false);
  });
});

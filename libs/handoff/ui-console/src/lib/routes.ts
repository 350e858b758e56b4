/** The console's views and their paths under /console (History API; the server answers every one with index.html). */
export type Route =
  | { name: 'login' }
  | { name: 'queue' }
  | { name: 'mine' }
  | { name: 'conversation'; id: string }
  | { name: 'report' }
  | { name: 'knowledge' }
  | { name: 'knowledgeNew' }
  | { name: 'knowledgeEdit'; id: string }
  | { name: 'notFound' };

export const BASE = '/console';

const ID = /^[A-Za-z0-9-]{1,64}$/;

/** The route a location path names. */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === BASE || path === `${BASE}/queue`) return { name: 'queue' };
  if (!path.startsWith(`${BASE}/`)) return { name: 'notFound' };
  const parts = path.slice(BASE.length + 1).split('/');
  const [first, second, third] = parts;
  if (parts.length === 1 && first === 'login') return { name: 'login' };
  if (parts.length === 1 && first === 'mine') return { name: 'mine' };
  if (parts.length === 2 && first === 'conversations' && second && ID.test(second)) return { name: 'conversation', id: second };
  if (first === 'admin' && parts.length === 2 && second === 'report') return { name: 'report' };
  if (first === 'admin' && parts.length === 2 && second === 'knowledge') return { name: 'knowledge' };
  if (first === 'admin' && parts.length === 3 && second === 'knowledge' && third === 'new') return { name: 'knowledgeNew' };
  if (first === 'admin' && parts.length === 3 && second === 'knowledge' && third && ID.test(third)) return { name: 'knowledgeEdit', id: third };
  return { name: 'notFound' };
}

/** The path of a route. */
export function routePath(route: Route): string {
  switch (route.name) {
    case 'login':
      return `${BASE}/login`;
    case 'queue':
      return `${BASE}/queue`;
    case 'mine':
      return `${BASE}/mine`;
    case 'conversation':
      return `${BASE}/conversations/${encodeURIComponent(route.id)}`;
    case 'report':
      return `${BASE}/admin/report`;
    case 'knowledge':
      return `${BASE}/admin/knowledge`;
    case 'knowledgeNew':
      return `${BASE}/admin/knowledge/new`;
    case 'knowledgeEdit':
      return `${BASE}/admin/knowledge/${encodeURIComponent(route.id)}`;
    case 'notFound':
      return `${BASE}/queue`;
  }
}

/** Admin-only views: an agent never sees their links, and gets "not for your role" on the address. */
export function adminOnly(route: Route): boolean {
  return route.name === 'report' || route.name === 'knowledge' || route.name === 'knowledgeNew' || route.name === 'knowledgeEdit';
}

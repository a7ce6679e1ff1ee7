import { describe, expect, it } from 'vitest';
import { accessTable, findAccessRule, paramsOf } from '../../server/auth/access-table.js';

describe('the access table', () => {
  it('finds the row of a request by method and path, HEAD as GET, ignoring case and a trailing slash', () => {
    expect(findAccessRule('GET', '/api/flows/abc')).toMatchObject({ path: '/api/flows/:id', access: 'viewer' });
    expect(findAccessRule('HEAD', '/api/flows')).toMatchObject({ path: '/api/flows', access: 'viewer' });
    expect(findAccessRule('DELETE', '/API/Flows/abc/')).toMatchObject({ access: 'editor' });
    expect(findAccessRule('POST', '/api/flows/abc/export')).toBeUndefined();
    expect(findAccessRule('GET', '/api/flows//sample')).toBeUndefined();
    expect(findAccessRule('OPTIONS', '/api/flows')).toBeUndefined();
    expect(findAccessRule('GET', '/api/flows/a/b/c/d')).toBeUndefined();
  });

  it('reads the parameters of a matched path', () => {
    expect(paramsOf(findAccessRule('PUT', '/api/credentials/crm%20key')!, '/api/credentials/crm%20key')).toEqual({ name: 'crm key' });
  });

  it('names each route once, and only the three sign-in routes are public', () => {
    const keys = accessTable.map((row) => `${row.method} ${row.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(accessTable.filter((row) => row.access === 'public').map((row) => row.path).sort()).toEqual(['/api/auth/login', '/api/auth/setup', '/api/auth/status']);
    expect(accessTable.filter((row) => row.path.startsWith('/api/users') || row.path === '/api/audit').every((row) => row.access === 'owner')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../editor/src/api/client.js';
import { forbiddenMessage } from '../../editor/src/api/forbidden.js';
import { loginFailureMessage } from '../../editor/src/auth/login-failure.js';
import { isSetupPath, newPasswordProblem, setupTokenOf } from '../../editor/src/auth/password-rules.js';
import { credentialDataOf, credentialForms } from '../../editor/src/credentials/credential-forms.js';
import { credentialSchemas } from '../../server/credentials/credential-schemas.js';

describe('sign-in helpers', () => {
  it('asks for 10 characters and the same password twice', () => {
    expect(newPasswordProblem('short', 'short')).toBe('Use at least 10 characters.');
    expect(newPasswordProblem('long enough 1', 'long enough 2')).toMatch(/differ/);
    expect(newPasswordProblem('long enough 1', 'long enough 1')).toBeUndefined();
  });

  it('reads the setup token from the link’s fragment only', () => {
    expect(setupTokenOf('#token=abc123')).toBe('abc123');
    expect(setupTokenOf('#/')).toBeUndefined();
    expect(setupTokenOf('#token=')).toBeUndefined();
    expect(isSetupPath('/setup')).toBe(true);
    expect(isSetupPath('/')).toBe(false);
    expect(isSetupPath('/setup/other')).toBe(false);
  });

  it('says what a failed sign-in means, with the wait when there were too many', () => {
    expect(loginFailureMessage(new ApiError(401, 'INVALID_LOGIN', 'x'))).toMatch(/username or the password is wrong/);
    expect(loginFailureMessage(new ApiError(429, 'TOO_MANY_ATTEMPTS', 'x', [], 30))).toMatch(/Try again in 30 seconds/);
    expect(loginFailureMessage(new ApiError(429, 'TOO_MANY_ATTEMPTS', 'x', [], 1))).toMatch(/Try again in 1 second\./);
    expect(loginFailureMessage(new ApiError(429, 'TOO_MANY_ATTEMPTS', 'x', [], 600))).toMatch(/Try again in 10 minutes/);
    expect(loginFailureMessage(new ApiError(429, 'TOO_MANY_ATTEMPTS', 'x'))).toMatch(/Wait a moment/);
    expect(loginFailureMessage(new ApiError(0, 'NETWORK', 'The Hookflow server cannot be reached.'))).toBe('The Hookflow server cannot be reached.');
  });

  it('names the role and what it cannot do on a 403', () => {
    expect(forbiddenMessage('viewer', 'PUT', '/api/flows/orders')).toBe('Your role (viewer) cannot change flows. Ask an owner for the editor role.');
    expect(forbiddenMessage('viewer', 'POST', '/api/flows/orders/rotate-token')).toMatch(/cannot rotate webhook URLs/);
    expect(forbiddenMessage('editor', 'GET', '/api/users')).toBe('Your role (editor) cannot manage users. Ask an owner for the owner role.');
    expect(forbiddenMessage(undefined, 'DELETE', '/api/something')).toMatch(/^Your role \(unknown\) cannot do this/);
  });
});

describe('credential forms', () => {
  it('describe exactly the fields the vault accepts for every type', () => {
    expect(Object.keys(credentialForms).sort()).toEqual(Object.keys(credentialSchemas).sort());
    for (const [type, form] of Object.entries(credentialForms)) {
      const shape = credentialSchemas[type as keyof typeof credentialSchemas].shape as Record<string, { safeParse(value: unknown): { success: boolean } }>;
      expect(form.fields.map((field) => field.name).sort(), type).toEqual(Object.keys(shape).sort());
      for (const field of form.fields) expect(field.required, `${type}.${field.name}`).toBe(!shape[field.name]!.safeParse(undefined).success);
    }
  });

  it('sends only what was typed, converted; blank fields are left out so the stored value stays', () => {
    expect(credentialDataOf('basic', { username: 'shop', password: '' }, false)).toEqual({ data: { username: 'shop' } });
    expect(credentialDataOf('smtp', { host: 'mail.example.com', port: '587', secure: 'true' }, true)).toEqual({
      data: { host: 'mail.example.com', port: 587, secure: true },
    });
    expect(credentialDataOf('smtp', { host: 'mail.example.com', port: '587' }, true)).toEqual({ data: { host: 'mail.example.com', port: 587, secure: false } });
    expect(credentialDataOf('hmacSecret', {}, false, new Set(['previousSecret', 'secret']))).toEqual({ data: { previousSecret: null } });
  });

  it('refuses a new credential missing a required field, and a port that is not a number', () => {
    expect(credentialDataOf('hmacSecret', { secret: '' }, true)).toEqual({ problem: 'Fill in “Secret”.' });
    expect(credentialDataOf('smtp', { host: 'h', port: 'abc' }, true)).toEqual({ problem: '“Port” must be a whole number above 0.' });
  });
});

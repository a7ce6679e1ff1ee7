import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { webhookConfig } from '../../../nodes/webhook.js';

describe('webhook trigger guard config', () => {
  it('leaves an existing trigger config valid and unguarded', () => {
    const parsed = webhookConfig.parse({ methods: ['POST'] });
    expect(parsed.auth).toEqual({ type: 'none' });
    expect(parsed.dedupe.enabled).toBe(false);
    expect(parsed.allowIps ?? parsed.rateLimit ?? parsed.maxBodyBytes ?? parsed.cors).toBeUndefined();
  });

  it('describes each auth kind as a titled choice, and credential fields as credential selects', () => {
    const schema = z.toJSONSchema(webhookConfig, { io: 'input' }) as { properties: Record<string, { oneOf?: { title: string; properties: Record<string, Record<string, unknown>> }[] }> };
    const choices = schema.properties.auth!.oneOf!;
    expect(choices.map((choice) => choice.title)).toEqual(['No check', 'Secret header', 'Username and password', 'Signed by the sender']);
    expect(choices[3]!.properties.credential).toMatchObject({ widget: 'credential', credentialTypes: ['hmacSecret', 'publicKey'] });
    expect(choices[1]!.properties.credential).toMatchObject({ widget: 'credential', credentialTypes: ['apiKey'] });
  });

  it('refuses malformed guard settings with messages a person can act on', () => {
    const problems = (config: unknown) => webhookConfig.safeParse(config).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
    expect(problems({ allowIps: ['10.0.0.0/33'] })).toEqual([expect.stringMatching(/^allowIps\.0: .*192\.0\.2\.0\/24/)]);
    expect(problems({ cors: { origins: ['https://ok.example', 'javascript:alert(1)'] } })).toEqual([expect.stringMatching(/^cors\.origins\.1: An origin/)]);
    expect(problems({ auth: { type: 'signature', preset: 'generic', credential: 'x' } })).toEqual([expect.stringMatching(/^auth\.generic: Describe the custom signature/)]);
    expect(problems({ auth: { type: 'signature', preset: 'paypal', credential: 'x' } })).toHaveLength(1);
    expect(problems({ auth: { type: 'basic', credential: '../etc/passwd' } })).toHaveLength(1);
    expect(problems({ auth: { type: 'signature', credential: 'x', toleranceSeconds: 0 } })).toHaveLength(1);
    expect(problems({ rateLimit: { perMinute: 0 } })).toHaveLength(1);
    expect(problems({ maxBodyBytes: -1 })).toHaveLength(1);
    expect(problems({ allowIps: Array.from({ length: 201 }, () => '10.0.0.1') })).toHaveLength(1);
  });
});

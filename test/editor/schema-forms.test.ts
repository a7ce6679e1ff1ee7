import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../editor/src/api/types.js';
import { choiceDetails, formSections, splitSections, visibleKeys } from '../../editor/src/canvas/form/form-layout.js';
import { discriminatedUnionOf, fieldsOfVariant, switchVariant, variantOf } from '../../editor/src/canvas/form/union-model.js';
import { describeNodes } from '../../nodes/describe-nodes.js';
import { webhookNode } from '../../nodes/webhook.js';

const authSchema: JsonSchema = {
  default: { type: 'none' },
  oneOf: [
    { type: 'object', title: 'No check', properties: { type: { type: 'string', const: 'none' } }, required: ['type'] },
    {
      type: 'object',
      title: 'Secret header',
      properties: { type: { type: 'string', const: 'headerToken' }, credential: { type: 'string', widget: 'credential' } },
      required: ['type', 'credential'],
    },
    {
      type: 'object',
      properties: {
        type: { type: 'string', const: 'signature' },
        credential: { type: 'string', widget: 'credential' },
        toleranceSeconds: { type: 'integer', default: 300 },
      },
      required: ['type', 'credential'],
    },
  ],
};

describe('discriminated unions in settings forms', () => {
  it('finds the discriminator and labels each variant by its title, else its tag', () => {
    const union = discriminatedUnionOf(authSchema)!;
    expect(union.key).toBe('type');
    expect(union.variants.map((variant) => [variant.tag, variant.label])).toEqual([
      ['none', 'No check'],
      ['headerToken', 'Secret header'],
      ['signature', 'signature'],
    ]);
  });

  it('is not fooled by unions that are not discriminated', () => {
    expect(discriminatedUnionOf({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toBeUndefined();
    expect(discriminatedUnionOf({ type: 'object', properties: { a: { const: 1 } } })).toBeUndefined();
    // Two variants with the same constant cannot be told apart.
    const same = { type: 'object', properties: { kind: { const: 'a' } } } as JsonSchema;
    expect(discriminatedUnionOf({ oneOf: [same, same] })).toBeUndefined();
    // A nullable union of objects is still one (the null variant is ignored).
    expect(discriminatedUnionOf({ anyOf: [...authSchema.oneOf!, { type: 'null' }] })?.variants).toHaveLength(3);
  });

  it('tells which variant a value is, and none for a value without a known tag', () => {
    const union = discriminatedUnionOf(authSchema)!;
    expect(variantOf(union, { type: 'headerToken', credential: 'k' })?.tag).toBe('headerToken');
    expect(variantOf(union, { type: 'nope' })).toBeUndefined();
    expect(variantOf(union, undefined)).toBeUndefined();
    expect(variantOf(union, 'signature')).toBeUndefined();
  });

  it('switching variants fills the new defaults and keeps the fields both share', () => {
    const union = discriminatedUnionOf(authSchema)!;
    expect(switchVariant(union, { type: 'headerToken', credential: 'shop-key' }, 'signature')).toEqual({ type: 'signature', credential: 'shop-key', toleranceSeconds: 300 });
    expect(switchVariant(union, { type: 'signature', credential: 'gh', toleranceSeconds: 60 }, 'none')).toEqual({ type: 'none' });
    expect(() => switchVariant(union, {}, 'other')).toThrow(/other/);
  });

  it('draws a variant without its discriminator', () => {
    const union = discriminatedUnionOf(authSchema)!;
    const fields = fieldsOfVariant(union, union.variants[1]!);
    expect(Object.keys(fields.properties!)).toEqual(['credential']);
    expect(fields.required).toEqual(['credential']);
  });

  it('reads the webhook trigger’s real auth config as a union of four kinds', () => {
    const [description] = describeNodes([webhookNode as never]);
    const auth = (description!.configSchema as JsonSchema).properties!.auth!;
    const union = discriminatedUnionOf(auth)!;
    expect(union.key).toBe('type');
    expect(union.variants.map((variant) => variant.tag)).toEqual(['none', 'headerToken', 'basic', 'signature']);
    const signature = union.variants.find((variant) => variant.tag === 'signature')!;
    expect(signature.schema.properties!.credential).toMatchObject({ widget: 'credential', credentialTypes: ['hmacSecret', 'publicKey'] });
  });
});

describe('settings sections', () => {
  const schema: JsonSchema = { type: 'object', properties: { methods: {}, auth: {}, dedupe: {}, allowIps: {}, rateLimit: {} }, required: ['methods', 'auth'] };

  it('puts unnamed keys first, then each section in order, skipping keys the schema lacks and empty sections', () => {
    const sections = splitSections(schema, [
      { title: 'Authentication', keys: ['auth'] },
      { title: 'Nothing here', keys: ['missing'] },
      { title: 'Access', keys: ['allowIps', 'rateLimit', 'missing'] },
    ]);
    expect(sections.map((section) => [section.title, Object.keys(section.schema.properties!), section.schema.required])).toEqual([
      [undefined, ['methods', 'dedupe'], ['methods']],
      ['Authentication', ['auth'], ['auth']],
      ['Access', ['allowIps', 'rateLimit'], []],
    ]);
  });

  it("places every guard and load setting of the real webhook trigger in a titled section; only the basics stay on top", () => {
    const webhook = describeNodes([webhookNode])[0]!.configSchema as JsonSchema;
    const [top, ...titled] = splitSections(webhook, formSections.webhook);
    expect(Object.keys(top!.schema.properties!).sort()).toEqual(['methods', 'onTimeout', 'path', 'respond', 'responseTimeoutMs']);
    expect(titled.map((section) => section.title)).toEqual(['Authentication', 'Replay protection', 'Access', 'CORS', 'Load']);
  });

  it('without sections gives the whole form as one', () => {
    expect(splitSections(schema)).toEqual([{ schema: { ...schema, required: ['methods', 'auth'] } }]);
  });

  it('shows the details of a choice only while it is chosen, using the default when none is', () => {
    const preset: JsonSchema = { properties: { preset: { enum: ['github', 'generic'], default: 'github' }, generic: { type: 'object' }, credential: {} } };
    expect(visibleKeys(preset, {})).toEqual(['preset', 'credential']);
    expect(visibleKeys(preset, { preset: 'generic' })).toEqual(['preset', 'generic', 'credential']);
    expect(visibleKeys({ properties: { a: {}, b: {} } }, {})).toEqual(['a', 'b']);
    expect([...choiceDetails(preset)]).toEqual([['generic', 'preset']]);
  });
});

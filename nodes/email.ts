import { z } from 'zod';
import { credentialField } from './credential-field.js';
import { defineNode, type MailMessage, type NodeCompiler } from './define-node.js';
import { compileTemplate, templateField, type Template } from './template.js';

const addressField = templateField('Address', 'One e-mail address, e.g. ops@example.com or {{ body.email }}.', 254).min(1, 'Enter an address.');

const addressList = (title: string, description: string) =>
  z.array(addressField).max(50, 'List at most 50 addresses.').meta({ title, description });

const emailConfig = z.object({
  from: addressField.meta({ title: 'From', description: 'The sender address, e.g. alerts@example.com.' }),
  to: addressList('To', 'One address per entry.').min(1, 'Add at least one recipient.'),
  cc: addressList('Cc', 'One address per entry.').default([]),
  subject: templateField('Subject', 'Line breaks become spaces.', 1000).min(1, 'Enter a subject.'),
  text: templateField('Text', 'The plain-text body.', 100_000).default(''),
  html: templateField('HTML', 'An HTML body, shown instead of the text by mail programs that can.', 500_000).optional(),
  credential: credentialField('SMTP account', "A stored SMTP credential to send through; leave empty to use the server's (HOOKFLOW_SMTP_URL).", ['smtp']).optional(),
});

/** A bare address: one `@`, no spaces, quotes, brackets or line breaks, so no header can be forged. */
const address = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * Sends an e-mail through an SMTP credential, or else the server's SMTP settings. An SMTP failure takes the `error` port;
 * an address the flow rendered wrong fails the node.
 */
export const emailNode = defineNode({
  type: 'email',
  label: 'Send e-mail',
  category: 'action',
  description: 'Sends an e-mail; subject, body and addresses may use {{ }} placeholders.',
  outputs: ['success', 'error'],
  config: emailConfig,
  create(config, compiler) {
    const from = compileAddress(config.from, compiler, 'from');
    const to = config.to.map((text, index) => compileAddress(text, compiler, `to[${index}]`));
    const cc = config.cc.map((text, index) => compileAddress(text, compiler, `cc[${index}]`));
    const subject = compileTemplate(config.subject, compiler, 'subject');
    const text = compileTemplate(config.text, compiler, 'text');
    const html = config.html === undefined ? undefined : compileTemplate(config.html, compiler, 'html');
    return async ({ input, scope, signal, services }) => {
      const render = (template: Template) => template.render(input, scope);
      const renderAddress = async ({ field, template }: AddressTemplate) => checkAddress((await render(template)).trim(), field);
      const message: MailMessage = {
        from: await renderAddress(from),
        to: await Promise.all(to.map(renderAddress)),
        cc: await Promise.all(cc.map(renderAddress)),
        subject: (await render(subject)).replace(/[\r\n]+/g, ' '),
        text: await render(text),
        ...(html && { html: await render(html) }),
      };
      const account = config.credential === undefined ? undefined : services.credential(config.credential, 'smtp');
      try {
        return { port: 'success', output: await services.sendMail(message, signal, account) };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        // A host the outbound policy refuses fails the node; SMTP failures are the error port's to route.
        if (signal.aborted || code === 'OUTBOUND_BLOCKED') throw error;
        return { port: 'error', output: { error: { message: (error as Error).message, code: typeof code === 'string' ? code : 'SEND_FAILED' } } };
      }
    };
  },
});

interface AddressTemplate {
  field: string;
  template: Template;
}

/** Compiles an address template; one without placeholders is checked now, at save time. */
function compileAddress(text: string, compiler: NodeCompiler, field: string): AddressTemplate {
  if (!text.includes('{{')) checkAddress(text, field);
  return { field, template: compileTemplate(text, compiler, field) };
}

function checkAddress(text: string, field: string): string {
  if (text.length <= 254 && address.test(text)) return text;
  throw new Error(`${field}: ${JSON.stringify(text.slice(0, 100))} is not a single e-mail address (name@example.com, without spaces or line breaks).`);
}

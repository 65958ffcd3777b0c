// The request schemas of every invoke channel: the one list of channel names, and the only
// part of the contract that loads zod. Main validates every request with them; the renderer
// and the preload import their inferred types only (a lint rule refuses value imports).
import { z } from 'zod';
import { WRAP_UP_STATUSES } from './domain';
import { ipcError, type IpcError } from './errors';
import { pbxInvokeSchemas } from './pbx-schemas';

const callId = z.string().min(1).max(200);
const contactId = z.number().int().min(1);
const contactInput = z.object({
  name: z.string().max(300),
  company: z.string().max(300),
  email: z.string().max(300),
  notes: z.string().max(10_000),
  numbers: z.array(z.object({ label: z.string().max(60), number: z.string().max(64) })).max(20),
  externalId: z.string().max(300).optional(),
});
/** A contacts file as base64 (20 MB of file is about 27 million characters). */
const fileData = z.string().max(28_000_000);
const column = z.number().int().min(0).max(1000);
const columnMapping = z.object({
  name: z.array(column).max(5),
  company: column.nullable(),
  email: column.nullable(),
  notes: column.nullable(),
  numbers: z.array(z.object({ column, label: z.string().max(60) })).max(20),
});

const mainRoute = z.discriminatedUnion('to', [
  z.object({ to: z.literal('history'), kind: z.enum(['all', 'missed', 'today']) }),
  z.object({ to: z.literal('new-contact'), number: z.string().min(1).max(64) }),
]);
const historyFilter = z.object({
  kind: z.enum(['all', 'missed', 'today']),
  text: z.string().max(200),
});

export const invokeSchemas = {
  'calls.list': z.object({ limit: z.number().int().min(1).max(5000).optional() }),
  'calls.get': z.object({ callId }),
  'wrapup.save': z.object({
    callId,
    status: z.enum(WRAP_UP_STATUSES),
    comments: z.string().max(10_000),
  }),
  'popup.list': z.object({}),
  'popup.dismiss': z.object({ callId }),
  dial: z.object({ number: z.string().min(1).max(64) }),
  'settings.get': z.object({}),
  'settings.save': z.object({ patch: z.record(z.string(), z.unknown()) }),
  'outbox.summary': z.object({}),
  'outbox.retry': z.object({ id: z.number().int() }),
  'outbox.discard': z.object({ id: z.number().int() }),
  'sources.status': z.object({}),
  'call.control': z.object({
    callId,
    action: z.enum(['answer', 'drop', 'divert', 'transferto']),
    destination: z
      .string()
      .regex(/^\+?[0-9*#]{1,32}$/, 'an extension or phone number')
      .optional(),
  }),
  'callcontrol.test': z.object({}),
  'contacts.search': z.object({ query: z.string().max(200) }),
  'contacts.save': z.object({ id: contactId.nullable(), contact: contactInput }),
  'contacts.delete': z.object({ id: contactId }),
  'contacts.readFile': z.object({ data: fileData }),
  'contacts.import': z.object({ data: fileData, mapping: columnMapping.nullable() }),
  'contacts.toPhonebook': z.object({ id: contactId }),
  'contacts.export': z.object({ format: z.enum(['csv', 'vcf']) }),
  'log.write': z.object({
    level: z.enum(['debug', 'info', 'warn', 'error']),
    message: z.string().max(5000),
  }),
  'latency.painted': z.object({
    callId,
    renderedAt: z.number().finite().nonnegative(),
    paintedAt: z.number().finite().nonnegative(),
  }),
  'latency.report': z.object({}),
  // A test number as an agent may type it; main drops the formatting and refuses the rest.
  'dbn.test': z.object({ number: z.string().max(64).optional() }),
  'egards.test': z.object({}),
  'settings.export': z.object({ withSecrets: z.boolean() }),
  // Missed calls the agent has not looked at, and where a window sends the main window.
  'missed.get': z.object({}),
  'missed.seen': z.object({}),
  'main.show': mainRoute,
  // 3CX phonebook matches for a contacts search (number-like queries only).
  'contacts.phonebook': z.object({ query: z.string().max(200) }),
  // The history over the whole journal: a filter, paged by a cursor; CSV of the selection.
  'calls.find': z.object({
    filter: historyFilter,
    after: z.object({ startedAt: z.number().finite(), key: z.string().max(400) }).nullable(),
    limit: z.number().int().min(1).max(1000),
  }),
  'calls.exportCsv': z.object({ filter: historyFilter }),
  ...pbxInvokeSchemas,
} as const;

export type InvokeChannel = keyof typeof invokeSchemas;
/** Each channel's request, as its schema accepts it. */
export type InvokeRequests = { [C in InvokeChannel]: z.infer<(typeof invokeSchemas)[C]> };
export type InvokeRequest<C extends InvokeChannel> = InvokeRequests[C];

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(invokeSchemas, channel);
}

/** Validates a request for `channel`; the error names the field, for the log and the UI. */
export function validateRequest(
  channel: string,
  payload: unknown,
):
  | { ok: true; channel: InvokeChannel; value: InvokeRequests[InvokeChannel] }
  | { ok: false; error: IpcError } {
  if (!isInvokeChannel(channel))
    return { ok: false, error: ipcError('unknown-channel', `unknown channel "${channel}"`) };
  const parsed = invokeSchemas[channel].safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'request';
    return {
      ok: false,
      error: ipcError(
        'invalid-request',
        `invalid ${channel} request: ${where}: ${issue?.message ?? 'invalid'}`,
      ),
    };
  }
  return { ok: true, channel, value: parsed.data };
}

// The request schemas of every invoke channel: the one list of channel names, and the only
// part of the contract that loads zod. Main validates every request with them; the renderer
// and the preload import their inferred types only (a lint rule refuses value imports).
import { z } from 'zod';
import { WRAP_UP_STATUSES } from './domain';
import { ipcError, type IpcError } from './errors';
import { pbxInvokeSchemas } from './pbx-schemas';

const callId = z.string().min(1).max(200);

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

// The one contract between main and the renderer, used by the Electron preload and by the
// browser-mode WebSocket alike. Main validates every request with these schemas; the
// renderer gets a typed API built from the same list (createApi), so no channel name is
// ever typed twice.
import { z } from 'zod';
import { WRAP_UP_STATUSES } from './ipc-api';
import { pbxInvokeSchemas } from './pbx-contract';

export * from './ipc-api';

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
  'log.write': z.object({
    level: z.enum(['debug', 'info', 'warn', 'error']),
    message: z.string().max(5000),
  }),
  'renderer.ready': z.object({}),
  ...pbxInvokeSchemas,
} as const;

export type InvokeChannel = keyof typeof invokeSchemas;
export type InvokeRequest<C extends InvokeChannel> = z.infer<(typeof invokeSchemas)[C]>;

/** Validates a request for `channel`; the error names the field, for the log. */
export function validateRequest<C extends InvokeChannel>(
  channel: string,
  payload: unknown,
): { ok: true; channel: C; value: InvokeRequest<C> } | { ok: false; error: string } {
  if (!Object.hasOwn(invokeSchemas, channel))
    return { ok: false, error: `unknown channel "${channel}"` };
  const schema = invokeSchemas[channel as InvokeChannel];
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'request';
    return {
      ok: false,
      error: `invalid ${channel} request: ${where}: ${issue?.message ?? 'invalid'}`,
    };
  }
  return { ok: true, channel: channel as C, value: parsed.data as InvokeRequest<C> };
}

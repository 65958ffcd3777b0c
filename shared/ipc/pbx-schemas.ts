// The PBX channels' request schemas: the agent bar, the supervisor board, call control on the
// card and Settings' connection test. Main validates every request with these.
import { z } from 'zod';
import { PRESENCE_IDS, RECORD_ACTIONS } from '../pbx';

const pbxNumber = z.string().regex(/^\d{1,12}$/);
const callId = z.string().min(1).max(200);
const read = z.object({ background: z.boolean().optional() });

export const agentChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('presence'), presence: z.enum(PRESENCE_IDS) }),
  z.object({ kind: z.literal('ready'), ready: z.boolean() }),
  z.object({ kind: z.literal('queues'), loggedIn: z.boolean() }),
  z.object({ kind: z.literal('queue'), queue: pbxNumber, loggedIn: z.boolean() }),
]);

export const boardChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('queue'),
    extension: pbxNumber,
    queue: pbxNumber,
    loggedIn: z.boolean(),
  }),
  z.object({ kind: z.literal('queues'), extension: pbxNumber, loggedIn: z.boolean() }),
]);

export const cardActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('answer') }),
  z.object({ kind: z.literal('drop') }),
  z.object({ kind: z.literal('transfer'), destination: z.string().min(1).max(64) }),
  z.object({
    kind: z.literal('attendedTransfer'),
    destination: z.string().min(1).max(64).optional(),
  }),
  z.object({ kind: z.literal('park') }),
  z.object({ kind: z.literal('unpark') }),
  z.object({ kind: z.literal('record'), action: z.enum(RECORD_ACTIONS) }),
]);

export const pbxInvokeSchemas = {
  'pbx.agent.get': read,
  'pbx.agent.change': z.object({ change: agentChangeSchema }),
  'pbx.board.get': read,
  'pbx.board.change': z.object({ change: boardChangeSchema }),
  'pbx.call.get': z.object({ callId }),
  'pbx.call.act': z.object({ callId, action: cardActionSchema }),
  'pbx.test': z.object({ api: z.enum(['http-api', 'rest-api']) }),
} as const;

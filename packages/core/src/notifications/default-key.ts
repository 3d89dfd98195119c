import type { CorrelationKey, Notification } from '../contracts/notifications.js';

/** The key of a message by default: its body's `id`, else its `correlationId` (a string or a number). */
export const defaultKey: CorrelationKey = (message: Notification) => {
  const body = message.body;
  if (body === null || typeof body !== 'object') return undefined;
  const { id, correlationId } = body as { id?: unknown; correlationId?: unknown };
  if (typeof id === 'string' || typeof id === 'number') return id;
  if (typeof correlationId === 'string' || typeof correlationId === 'number') return correlationId;
  return undefined;
};

import type { NotificationsResult } from '@go-heavy/core';
import { formatCount } from './format-number.js';

/**
 * The notifications line of the summary: `1,000 received (webhook): 990 matched (120 early),
 * 5 late, 3 unmatched, 2 expired; 8 waits timed out`, the counts that are zero left out after
 * `matched`. Every message is in exactly one of matched, late, unmatched, expired.
 */
export function notificationsText(n: NotificationsResult): string {
  const parts = [`${formatCount(n.matched)} matched${n.early > 0 ? ` (${formatCount(n.early)} early)` : ''}`];
  if (n.late > 0) parts.push(`${formatCount(n.late)} late`);
  if (n.unmatched > 0) parts.push(`${formatCount(n.unmatched)} unmatched`);
  if (n.expired > 0) parts.push(`${formatCount(n.expired)} expired`);
  const waits = [n.timedOut > 0 ? `${formatCount(n.timedOut)} waits timed out` : '', n.interrupted > 0 ? `${formatCount(n.interrupted)} interrupted` : ''].filter(Boolean);
  const sources = n.sources.length > 0 ? ` (${n.sources.join(', ')})` : '';
  return `${formatCount(n.received)} received${sources}: ${parts.join(', ')}${waits.length > 0 ? `; ${waits.join(', ')}` : ''}`;
}

import type { WorkflowLoadDescription } from '@go-heavy/core';
import { formatDuration, trimZeros } from './format-duration.js';
import { formatCount, plural } from './format-number.js';

// Shared by the console header and the HTML report (bundled for the browser): no Node imports.

/**
 * What each workflow ran and the total, one line each: "shop/search 3 users (75 %)",
 * "shop/spike open model: 30/s, up to 10 users, its own load, starts at 3 s", "total 4 users and
 * 30/s". Empty when the results do not describe workflows (one workflow, or an older file).
 */
export function workflowLoadLines(load: { workflows?: WorkflowLoadDescription[] } | null | undefined): string[] {
  const workflows = Array.isArray(load?.workflows) ? load.workflows : [];
  if (workflows.length === 0) return [];
  let users = 0;
  let rate = 0;
  let open = false;
  const lines = workflows.map((wf) => {
    if (wf.model === 'open') {
      open = true;
      rate += wf.rate ?? 0;
    } else users += wf.users ?? 0;
    return `${wf.name} ${describe(wf)}`;
  });
  const total = [users > 0 || !open ? plural(users, 'user') : null, open ? `${rateText(rate)}/s` : null].filter((s) => s !== null);
  lines.push(`total ${total.join(' and ')}`);
  return lines;
}

function describe(wf: WorkflowLoadDescription): string {
  const level = wf.model === 'open' ? [`${rateText(wf.rate ?? 0)}/s`, wf.maxUsers != null ? `up to ${plural(wf.maxUsers, 'user')}` : null] : [plural(wf.users ?? 0, 'user')];
  const parts = [...level, wf.iterations != null ? plural(wf.iterations, 'iteration') : null];
  if (wf.share == null) parts.push('its own load');
  if (wf.startTimeMs > 0) parts.push(`starts at ${formatDuration(wf.startTimeMs, { trim: true })}`);
  const text = parts.filter((s) => s !== null).join(', ');
  return wf.share == null ? `${wf.model} model: ${text}` : `${text} (${trimZeros((wf.share * 100).toFixed(1))} %)`;
}

/** A rate with at most 2 decimals: "7.5", "33.33", "100". */
function rateText(perSec: number): string {
  return Number.isInteger(perSec) ? formatCount(perSec) : trimZeros(perSec.toFixed(2));
}

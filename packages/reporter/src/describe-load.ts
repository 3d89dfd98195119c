// The load in words, one definition for the console (the Load line) and the HTML report's page
// script (its Load and Profile rows). The page reads untyped JSON of any shape, possibly a
// partial live result, so every field is checked before it is used.
import type { LoadDescription } from '@go-heavy/core';
import { formatDuration } from './format-duration.js';
import { formatCount, plural } from './format-number.js';

/** A load description as a page or an older results file may hold it: any field may be missing. */
type AnyLoad = Partial<LoadDescription> | null | undefined;

/** A profile with more legs than this is summed up (a file of 40 stages is not one line). */
const MAX_LEGS_SPELLED = 6;

const isNum = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
const over = (ms: number) => formatDuration(ms, { trim: true });
/** A users or rate level with at most two decimals: a gaussian's peak is 12.12/s, not 12.124360404918153/s. */
const level = (n: number) => String(Number.isInteger(n) ? n : Number(n.toFixed(2)));

/**
 * The load in one phrase: "closed model: 12 users, 10 s", "closed model: 5 users, 100
 * iterations", "open model: 500/s, up to 200 users, 1 m 00 s"; "-" without a model.
 */
export function formatLoad(load: AnyLoad): string {
  if (!load || !load.model) return '-';
  const limits = [load.durationMs != null ? over(load.durationMs) : null, load.iterations != null ? `${formatCount(load.iterations)} iterations` : null]
    .filter((s): s is string => s !== null)
    // The run ends at whichever limit comes first.
    .join(' or ');
  const who =
    load.model === 'open'
      ? [`${isNum(load.rate) ? level(load.rate) : '?'}/s`, load.maxUsers != null ? `up to ${plural(load.maxUsers, 'user')}` : null]
      : [load.users != null ? plural(load.users, 'user') : null];
  const parts = [...who, limits].filter((s): s is string => s !== null && s !== '');
  return `${load.model} model: ${parts.join(', ')}`;
}

/**
 * How the level moves over time: "from 0 users: ramp to 50 users over 30 s, hold 50 users for
 * 1 m 00 s"; a gaussian as "gaussian: 1000 iterations, peak at 30 s, stddev 10 s"; "-" when
 * unknown.
 */
export function formatProfile(load: AnyLoad): string {
  const gaussian = gaussianText(load);
  if (gaussian !== null) return gaussian;
  const profile = load?.profile;
  if (!profile || !isNum(profile.start)) return '-';
  const unit = (n: number) => (load!.model === 'open' ? `${level(n)}/s` : `${level(n)} ${n === 1 ? 'user' : 'users'}`);
  let current = profile.start;
  const stages = (Array.isArray(profile.stages) ? profile.stages : []).map((stage) => {
    const text = stage.target === current ? `hold ${unit(stage.target)} for ${over(stage.durationMs)}` : `ramp to ${unit(stage.target)} over ${over(stage.durationMs)}`;
    current = stage.target;
    return text;
  });
  return `from ${unit(profile.start)}${stages.length > 0 ? `: ${stages.join(', ')}` : ''}`;
}

/**
 * The console's Load line: {@link formatLoad}, then what the HTML report shows beside it, each
 * when it applies: how the level moves (a ramp, stages, a gaussian; nothing for a constant
 * load), random starts and jitter (open model), the unique users and the --profile it came
 * from. Parts are separated by "; ".
 */
export function describeLoad(load: AnyLoad): string {
  const parts = [
    formatLoad(load),
    shapeText(load),
    load?.distribution === 'random' ? 'random starts' : null,
    isNum(load?.jitter) && load.jitter > 0 ? `jitter ${level(load.jitter * 100)}%` : null,
    load?.uniqueUsers != null ? plural(load.uniqueUsers, 'unique user') : null,
    load?.profileSource ? `from --profile ${load.profileSource}` : null,
  ];
  return parts.filter((p): p is string => p !== null).join('; ');
}

/** The profile when it is not a constant level, summed up when it has many legs. */
function shapeText(load: AnyLoad): string | null {
  const gaussian = gaussianText(load);
  if (gaussian !== null) return gaussian;
  const profile = load?.profile;
  if (!profile || !isNum(profile.start) || !Array.isArray(profile.stages)) return null;
  if (profile.stages.every((s) => s.target === profile.start)) return null;
  if (profile.stages.length <= MAX_LEGS_SPELLED) return formatProfile(load);
  const peak = Math.max(profile.start, ...profile.stages.map((s) => s.target));
  return `${profile.stages.length} stages, peak ${load!.model === 'open' ? `${level(peak)}/s` : plural(peak, 'user')}`;
}

function gaussianText(load: AnyLoad): string | null {
  const shape = load?.shape;
  if (!shape || shape.kind !== 'gaussian') return null;
  return `gaussian: ${formatCount(shape.volume)} iterations, peak at ${over(shape.peakMs)}, stddev ${over(shape.stddevMs)}`;
}

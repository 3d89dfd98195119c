/**
 * The live page's second script (the dashboard's, not the report file's): it listens to the
 * server's Server-Sent Events at `/events` and hands each message's JSON to
 * `window.goHeavy.render`, drives the "Stop run" button (`POST /stop`) and keeps the status line
 * (`#go-heavy-status`) saying running…, stopping… or finished. Events: `result` (the RunResult so
 * far), `status` (data `stopping`), `end` (the final RunResult; the page then stops listening).
 * Text goes in through `textContent` only. Runs after the report script, which defines
 * `window.goHeavy`.
 */
export const LIVE_SCRIPT = String.raw`(function () {
'use strict';
const statusLine = document.getElementById('go-heavy-status');
const stopButton = document.getElementById('go-heavy-stop');
const TEXT = {
  running: 'running…',
  stopping: 'stopping…',
  finished: 'finished',
  reconnecting: 'connection lost: reconnecting…',
};
let state = 'running';

/** Shows a state, and a note after it ("stop failed: …"); the button only works while running. */
function setState(next, note) {
  state = next;
  statusLine.setAttribute('data-state', next);
  statusLine.textContent = TEXT[next] + (note ? ' (' + note + ')' : '');
  stopButton.disabled = next !== 'running';
}

function show(event) {
  let data;
  try {
    data = JSON.parse(event.data);
  } catch (error) {
    console.error('go-heavy: a dashboard message is not JSON', error);
    return;
  }
  window.goHeavy.render(data);
}

const source = new EventSource('/events');
source.addEventListener('result', (event) => {
  show(event);
  if (state === 'reconnecting') setState('running');
});
source.addEventListener('status', (event) => {
  if (event.data === 'stopping' && state !== 'finished') setState('stopping');
});
source.addEventListener('end', (event) => {
  source.close();
  show(event);
  setState('finished');
});
source.addEventListener('error', () => {
  if (state !== 'finished') setState('reconnecting');
});

stopButton.addEventListener('click', () => {
  setState('stopping');
  fetch('/stop', { method: 'POST' })
    .then((response) => {
      if (!response.ok && response.status !== 409) throw new Error('HTTP ' + response.status);
    })
    .catch((error) => {
      if (state === 'stopping') setState('running', 'stop failed: ' + String(error && error.message || error));
    });
});
setState('running');
})();`;

/** Styles of the live page's bar (status line and Stop button), added to the report's in live mode only. */
export const LIVE_CSS = String.raw`
.live { display: flex; align-items: center; gap: 14px; margin-left: auto; }
.live-status { font-size: 13px; color: var(--muted); font-variant-numeric: tabular-nums; }
.live-status::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 7px; background: var(--faint); vertical-align: 1px; }
.live-status[data-state="running"]::before { background: var(--ok); }
.live-status[data-state="stopping"]::before, .live-status[data-state="reconnecting"]::before { background: var(--warn); }
.live-stop { font: inherit; font-weight: 600; color: #fff; background: var(--bad); border: 0; border-radius: 6px; padding: 6px 14px; cursor: pointer; }
.live-stop:hover { filter: brightness(1.08); }
.live-stop:disabled { opacity: 0.45; cursor: default; filter: none; }
@media print { .live { display: none; } }
`;

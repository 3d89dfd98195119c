// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// The live page's markup (render-html-report.ts) always has both; `go-heavy ui` adds a link
// to the finished report, hidden until the run ends.
const statusLine = document.getElementById('go-heavy-status')!;
const stopButton = document.getElementById('go-heavy-stop') as HTMLButtonElement;
const finishedLink = document.getElementById('go-heavy-finished');
const TEXT = {
  running: 'running…',
  stopping: 'stopping…',
  finished: 'finished',
  reconnecting: 'connection lost: reconnecting…',
};
let state: keyof typeof TEXT = 'running';

/** Shows a state, and a note after it ("stop failed: …"); the button only works while running. */
function setState(next: keyof typeof TEXT, note?: string): void {
  state = next;
  statusLine.setAttribute('data-state', next);
  statusLine.textContent = TEXT[next] + (note ? ' (' + note + ')' : '');
  stopButton.disabled = next !== 'running';
  if (finishedLink) finishedLink.hidden = next !== 'finished';
}

function show(event: MessageEvent<string>): void {
  let data;
  try {
    data = JSON.parse(event.data);
  } catch (error) {
    console.error('go-heavy: a dashboard message is not JSON', error);
    return;
  }
  window.goHeavy.render!(data);
}

// Relative to the page: the dashboard serves it at `/`, `go-heavy ui` at `/live/`.
const source = new EventSource('events');
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
  const token = stopButton.getAttribute('data-token');
  fetch('stop', { method: 'POST', headers: token ? { 'x-go-heavy-token': token } : {} })
    .then((response) => {
      if (!response.ok && response.status !== 409) throw new Error('HTTP ' + response.status);
    })
    .catch((error) => {
      if (state === 'stopping') setState('running', 'stop failed: ' + String((error as Error | undefined)?.message || error));
    });
});
setState('running');

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
.live-nav { font-size: 13px; font-weight: 600; color: var(--accent); text-decoration: none; }
.live-nav:hover { text-decoration: underline; }
@media print { .live { display: none; } }
`;

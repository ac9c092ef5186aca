namespace Chorus.Cli.Rendering;

/// <summary>The report page's inline style sheet and script: the page loads nothing from anywhere.</summary>
internal static class HtmlStyles
{
    public const string Css = """
        :root { --ok:#2e9d5b; --bad:#d64545; --off:#9aa3ad; --queue:#d9dee4; --throttle:#e9a23b; --retry:#7a5cd6; --hedge:#1f8fbf; --ink:#1d2733; --muted:#6b7682; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; background: #f6f7f9; }
        header, section, footer { max-width: 1120px; margin: 0 auto; padding: 16px 24px; }
        section { background: #fff; border: 1px solid #e3e6ea; border-radius: 8px; margin-bottom: 18px; }
        h1 { font-size: 20px; margin: 8px 0 2px; } h2 { font-size: 17px; margin: 4px 0 10px; } h3 { font-size: 14px; margin: 18px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        .muted { color: var(--muted); } .failed { color: var(--bad); }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; background: var(--ok); color: #fff; vertical-align: middle; }
        .badge.failed { background: var(--bad); color: #fff; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 8px; }
        .card { border: 1px solid #e3e6ea; border-radius: 6px; padding: 8px 10px; } .card b { display: block; font-size: 18px; } .card span { color: var(--muted); font-size: 12px; }
        .compare { display: grid; grid-template-columns: 150px 1fr 90px; gap: 4px 10px; align-items: center; max-width: 760px; }
        .compare .track { background: #eef0f3; height: 14px; border-radius: 3px; } .compare .fill { height: 14px; border-radius: 3px; background: var(--hedge); } .compare .fill.seq { background: var(--off); }
        svg.timeline { width: 100%; height: auto; background: #fff; }
        svg .label { font-size: 12px; text-anchor: end; fill: var(--ink); } svg .tick { font-size: 10px; fill: var(--muted); text-anchor: middle; }
        svg .grid { stroke: #eceef1; stroke-width: 1; }
        svg .bar { fill-opacity: .35; stroke-width: 1.2; } svg .st-succeeded { fill: var(--ok); stroke: var(--ok); } svg .st-failed, svg .st-timed_out { fill: var(--bad); stroke: var(--bad); }
        svg .st-cancelled, svg .st-skipped { fill: var(--off); stroke: var(--off); stroke-dasharray: 3 2; }
        svg .queue { fill: var(--queue); } svg .attempt { fill: var(--ok); fill-opacity: .85; } svg .attempt.kind-retry { fill: var(--retry); } svg .attempt.kind-hedge { fill: var(--hedge); }
        svg .attempt.kind-fallback { fill: #b07a2a; } svg .attempt.err { fill: var(--bad); } svg .attempt.cancelled { fill: var(--off); } svg .attempt.http429 { fill: #ff7b00; }
        svg .tickmark { stroke: var(--ink); stroke-width: 1; } svg .throttle { fill: var(--throttle); } svg .hedge { fill: var(--hedge); } svg .fallback { stroke: #b07a2a; stroke-width: 2; }
        svg .cancel { stroke: var(--ink); stroke-width: 2; fill: none; } svg .moment { stroke: var(--retry); stroke-width: 1; stroke-dasharray: 4 3; } svg .m-deadline, svg .m-policy_failed { stroke: var(--bad); }
        .legend { font-size: 12px; color: var(--muted); } .key { display: inline-block; width: 12px; height: 10px; margin: 0 4px 0 10px; border-radius: 2px; vertical-align: middle; }
        .key.queue { background: var(--queue); } .key.st-succeeded { background: var(--ok); } .key.st-failed { background: var(--bad); } .key.st-cancelled { background: var(--off); }
        .key.throttle { background: var(--throttle); } .key.retry { background: var(--retry); } .key.hedge { background: var(--hedge); } .key.err { background: #ff7b00; } .legend .x { margin-left: 10px; font-weight: 700; }
        table.grid { border-collapse: collapse; width: 100%; font-size: 13px; } table.grid th, table.grid td { border-bottom: 1px solid #eceef1; padding: 4px 8px; text-align: left; vertical-align: top; }
        table.branches td:nth-child(-n+4) { white-space: nowrap; }
        .num { text-align: right !important; font-variant-numeric: tabular-nums; }
        .tok { display: inline-block; height: 8px; background: var(--hedge); opacity: .6; border-radius: 2px; margin-left: 6px; vertical-align: middle; }
        .histogram .hrow { display: grid; grid-template-columns: 160px 1fr 40px minmax(0, 1.2fr); gap: 8px; align-items: center; margin: 3px 0; }
        .hkey { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-family: ui-monospace, monospace; } .hbar { background: #eef0f3; height: 16px; border-radius: 3px; }
        .hbar span { display: block; height: 16px; border-radius: 3px; background: var(--off); } .hrow.winner .hbar span { background: var(--ok); } .hrow.winner .hkey { font-weight: 700; }
        .hval { text-align: right; font-variant-numeric: tabular-nums; } .hdetail { font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        td.score { background: rgba(46, 157, 91, calc(var(--s) * .45)); }
        .conflicts { border: 1px solid var(--bad); background: #fdf0f0; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
        pre.text { white-space: pre-wrap; background: #f6f7f9; padding: 8px; border-radius: 4px; margin: 4px 0 10px; font-size: 12px; }
        details summary { cursor: pointer; color: var(--muted); margin: 6px 0; }
        """;

    /// <summary>Counts the timeline bars the browser actually laid out and writes the count into the page, so a headless browser
    /// (<c>--dump-dom</c>) can check it without any other tooling.</summary>
    public const string Script = """
        (function () {
          var bars = document.querySelectorAll('svg.timeline [data-branch]');
          var out = document.getElementById('bar-count');
          if (out) { out.textContent = String(bars.length); }
          document.body.setAttribute('data-rendered-bars', String(bars.length));
        })();
        """;
}

// One panel per question the examiner has to answer, from the stored run
// report's sections and findings.
import { $, el, seconds, factsTable, renderFigures } from './dom.js';

function sectionOf(report, id) {
  return (report.sections || []).find((s) => s.id === id);
}

function findingLine(f, extra) {
  const p = el('p', undefined, 'finding-line');
  const link = el('a', `#${f.id}`);
  link.href = '#';
  link.dataset.finding = f.id;
  p.appendChild(link);
  p.appendChild(el('span', ` ${seconds(f.start_s)}–${seconds(f.end_s)} · ${f.summary}`));
  if (extra) p.appendChild(el('span', ` ${extra}`, 'rate'));
  return p;
}

function sectionSummary(body, section, fallback) {
  body.appendChild(el('p', section && section.summary ? section.summary : fallback));
}

function falseAlarms(f) {
  const e = f.evidence || {};
  if (e.false_alarms_per_hour === undefined) return 'false-alarm rate: not measured for this detector';
  let text = `false alarms: ${Number(e.false_alarms_per_hour).toFixed(3)} per hour`;
  const upper = e.false_alarms_per_hour_upper_95 ?? e.false_alarms_upper_bound;
  if (upper !== undefined) text += ` (95% upper bound ${Number(upper).toFixed(3)})`;
  return text;
}

function whenPanel(report, body) {
  const content = sectionOf(report, 'content');
  body.appendChild(el('h4', 'From what it says'));
  sectionSummary(body, content, 'The recording was not dated from its content.');
  const dated = content && content.facts;
  if (dated && dated.earliest !== undefined) {
    const from = (day) => (day === 'unbounded' ? 'no earliest bound' : day);
    const to = (day) => (day === 'unbounded' ? 'no latest bound' : day);
    body.appendChild(el('p', `Date window: ${from(dated.earliest)} – ${to(dated.latest)}` +
      (dated.likely_earliest ? `; likely ${from(dated.likely_earliest)} – ${to(dated.likely_latest)}` : '') +
      (dated.consistent === false ? ' — INCONSISTENT: the bounds contradict each other' : ''), 'answer'));
  }
  for (const f of report.findings.filter((x) => x.kind === 'date_window' || x.kind === 'inconsistency')) {
    body.appendChild(findingLine(f));
  }
  if (content && content.facts) body.appendChild(factsTable(content.facts));
  if (content) renderFigures(body, content.figures);
  const enf = sectionOf(report, 'enf');
  body.appendChild(el('h4', 'From the mains hum (ENF)'));
  sectionSummary(body, enf, 'ENF was not analysed.');
  if (enf && enf.facts) {
    for (const [key, match] of Object.entries(enf.facts)) {
      if (!key.startsWith('match_')) continue;
      body.appendChild(el('p', `Reference ${key.slice(6)}: ${match.verdict || ''} (${match.verdict_reason || ''})`, 'answer'));
      const best = (match.candidates || [])[0];
      if (best) {
        body.appendChild(el('p', `Best alignment: clip starts ${best.clip_start}, correlation ` +
          `${Number(best.correlation).toFixed(3)}, RMSE ${Number(best.rmse_mhz).toFixed(1)} mHz, coverage ` +
          `${(100 * Number(best.coverage)).toFixed(0)}%`));
      }
      const fp = match.false_placement;
      if (fp) {
        body.appendChild(el('p', `Wrong placements: ${fp.wrongly_placed} of ${fp.uncovered_trials} clips from ` +
          `uncovered times (95% upper bound ${Number(fp.upper_95).toFixed(3)})`, 'rate'));
      }
    }
    if (enf.facts.trace) body.appendChild(factsTable(enf.facts.trace));
  }
  if (enf) renderFigures(body, (enf.figures || []).filter((f) => !/discontinuit/i.test(f.title || '')));
}

function editedPanel(report, body) {
  const edits = report.findings.filter((f) => f.kind === 'edit' || (f.detector || '').startsWith('integrity.') ||
    (f.detector || '').startsWith('enf.edit'));
  const proposed = edits.filter((f) => f.kind !== 'note');
  body.appendChild(el('p', proposed.length === 0
    ? 'No edit was found by the integrity scan or the hum phase.'
    : `${proposed.length} possible edit(s); each with how often its detector raises one in unedited recordings.`));
  for (const f of edits) body.appendChild(findingLine(f, f.kind === 'note' ? '' : falseAlarms(f)));
}

function recycledPanel(report, body, items, play) {
  const archive = sectionOf(report, 'archive');
  sectionSummary(body, archive, 'No archive was searched.');
  for (const f of report.findings.filter((x) => x.kind === 'reuse')) {
    const e = f.evidence || {};
    body.appendChild(findingLine(f, falseAlarms(f)));
    const controls = el('p', undefined, 'ab');
    const query = el('button', 'A: play this stretch');
    query.type = 'button';
    query.addEventListener('click', () => play.query(e.query_start_s ?? f.start_s, e.query_end_s ?? f.end_s));
    controls.appendChild(query);
    const archived = items.find((i) => i.sha256 === e.archive_sha256);
    if (archived) {
      const other = el('button', `B: play the archived stretch (item ${archived.id})`);
      other.type = 'button';
      other.addEventListener('click', () => play.archived(archived.id, e.item_start_s, e.item_end_s));
      controls.appendChild(other);
    } else {
      controls.appendChild(el('span', ` The archived recording (“${e.archive_title || 'untitled'}”, SHA-256 ` +
        `${String(e.archive_sha256 || '').slice(0, 12)}…) is not an item of this case file, so its stretch ` +
        `${seconds(e.item_start_s ?? 0)}–${seconds(e.item_end_s ?? 0)} cannot be played here.`));
    }
    body.appendChild(controls);
  }
}

function whoPanel(report, body) {
  const speaker = report.findings.filter((f) => f.kind === 'speaker');
  const section = sectionOf(report, 'speaker');
  if (speaker.length === 0 && !section) {
    body.appendChild(el('p', 'Not examined: no speaker comparison was run on this recording.'));
    return;
  }
  if (section) {
    if (section.title) body.appendChild(el('h4', section.title));
    sectionSummary(body, section, '');
    if (section.facts && Object.keys(section.facts).length) body.appendChild(factsTable(section.facts));
  }
  for (const f of speaker) {
    const e = f.evidence || {};
    const lr = e.log10_lr ?? e.lowest_log10_lr;
    body.appendChild(findingLine(f, lr !== undefined ? `log10 LR ${Number(lr).toFixed(2)}` : ''));
  }
  if (section) renderFigures(body, section.figures);
}

export function renderQuestions(report, items, play, onFinding) {
  const panels = { '#q-when': whenPanel, '#q-edited': editedPanel, '#q-who': whoPanel };
  for (const [selector, render] of Object.entries(panels)) {
    const body = $(`${selector} .body`);
    body.replaceChildren();
    render(report, body);
  }
  const recycled = $('#q-recycled .body');
  recycled.replaceChildren();
  recycledPanel(report, recycled, items, play);
  for (const link of document.querySelectorAll('#questions a[data-finding]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      onFinding(Number(link.dataset.finding));
    });
  }
}

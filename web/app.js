// The case page: items, the player, one panel per question, the findings
// with every examiner decision, and the custody log. Changes go through the
// JSON API with the case token.
import { $, el, cell, toast, api, seconds, renderFigures } from './dom.js';
import { Player } from './player.js';
import { renderQuestions } from './panels.js';
import { setUpDropZone } from './upload.js';

// The token the server drew for this case when it started. Every change is
// sent with it, so a review can only land in the case this page shows: a
// server on the same port with another case, or a restarted one, refuses it.
let caseToken = '';
let caseItems = [];
let current = { id: null, report: null, findings: [], selected: null };
const player = new Player();

async function loadCase() {
  const data = await api('/api/case');
  if (!caseToken) caseToken = data.case_token;
  caseItems = data.items;
  const info = $('#case-info');
  info.textContent = `${data.case_file} · schema ${data.schema_version} · ${data.items.length} item(s) · custody chain `;
  const chain = document.createElement('span');
  chain.textContent = data.chain_intact ? 'intact' : 'BROKEN';
  chain.className = data.chain_intact ? 'chain-ok' : 'chain-broken';
  info.appendChild(chain);
  const body = $('#items tbody');
  body.replaceChildren();
  for (const item of data.items) {
    const row = body.insertRow();
    row.className = 'item-row';
    row.dataset.id = item.id;
    cell(row, item.id);
    cell(row, item.path.split('/').pop());
    cell(row, item.sha256.slice(0, 16) + '…', 'hash');
    cell(row, seconds(item.decoded_duration_s));
    cell(row, `${item.findings} (${item.confirmed} confirmed, ${item.rejected} rejected)`);
    row.addEventListener('click', () => showItem(item.id));
  }
  return data;
}

const isNote = (f) => f.kind === 'note';

async function review(findingId, status, note) {
  const examiner = $('#examiner').value.trim();
  const body = { status, note };
  if (examiner) body.examiner = examiner;
  try {
    await api(`/api/findings/${findingId}/review`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Provenance-Case': caseToken },
      body: JSON.stringify(body),
    });
    toast(`finding #${findingId} ${status}`);
    await loadCase();
    await refreshItem();
  } catch (error) {
    toast(`not recorded: ${error.message}`);
  }
}

// Every decision on a finding: who made it, when and why.
function renderDecisions(td, f) {
  td.className = 'reviews';
  const reviews = f.reviews || [];
  if (reviews.length === 0) {
    td.textContent = isNote(f) ? 'information, not for decision' : 'no decision yet';
    return;
  }
  for (const r of reviews) {
    const decision = el('div', `${r.status} by ${r.examiner}, ${r.at_utc}${r.note ? `: “${r.note}”` : ''}`, 'decision');
    td.appendChild(decision);
  }
}

function selectFinding(id, play = true) {
  const f = current.findings.find((x) => x.id === id);
  if (!f) return;
  current.selected = id;
  for (const row of document.querySelectorAll('#findings tbody tr')) {
    row.classList.toggle('current', row.dataset.finding === String(id));
  }
  const row = document.querySelector(`#findings tr[data-finding="${id}"]`);
  if (row) row.scrollIntoView({ block: 'nearest' });
  if (play) player.playSpan(Number(f.start_s) || 0, Math.max(Number(f.end_s) || 0, (Number(f.start_s) || 0) + 1));
}

function renderFindings(findings) {
  const body = $('#findings tbody');
  body.replaceChildren();
  for (const f of findings) {
    const row = body.insertRow();
    row.dataset.finding = f.id;
    row.dataset.kind = f.kind;
    cell(row, f.id);
    cell(row, `${seconds(f.start_s)} – ${seconds(f.end_s)}`, 'time');
    cell(row, f.kind);
    cell(row, f.detector);
    cell(row, Number(f.strength).toFixed(2));
    cell(row, f.summary);
    cell(row, isNote(f) ? 'note' : f.status, `status-${isNote(f) ? 'note' : f.status}`);
    renderDecisions(row.insertCell(), f);
    const actions = row.insertCell();
    if (isNote(f)) {
      actions.textContent = 'information, not a claim to review';
      actions.className = 'muted';
    } else {
      const note = document.createElement('input');
      note.placeholder = 'note';
      note.className = 'note';
      actions.appendChild(note);
      for (const status of ['confirmed', 'rejected']) {
        const button = document.createElement('button');
        button.textContent = status === 'confirmed' ? 'Confirm' : 'Reject';
        button.dataset.action = status;
        button.addEventListener('click', (event) => {
          event.stopPropagation();
          review(f.id, status, note.value);
        });
        actions.appendChild(button);
      }
    }
    row.addEventListener('click', (event) => {
      if (event.target.closest('input, button')) return;
      selectFinding(f.id);
    });
  }
}

function renderCustody(entries) {
  const custody = $('#custody tbody');
  custody.replaceChildren();
  for (const e of entries) {
    const row = custody.insertRow();
    cell(row, e.id);
    cell(row, e.at_utc);
    cell(row, e.actor);
    cell(row, e.action);
    cell(row, e.tool_version);
    cell(row, JSON.stringify(e.parameters), 'hash');
  }
}

function renderReport(report) {
  const container = report.container || {};
  $('#item-facts').textContent =
    `SHA-256 ${report.item.sha256} · ${report.item.size_bytes} bytes · ${container.format_long || container.format || ''}` +
    ` · decoded ${seconds(report.item.decoded_duration_s)} · intake ${report.item.intake_utc}`;
  $('#figures').replaceChildren();
  $('#sections').replaceChildren();
  if ($('#run-figures').open) renderRunFigures(report);
  renderFindings(report.findings);
  renderQuestions(report, caseItems, {
    query: (start, end) => player.playSpan(Number(start), Number(end)),
    archived: (itemId, start, end) => playArchived(itemId, Number(start), Number(end)),
  }, (id) => selectFinding(id));
  renderCustody(report.custody);
}

// The run's own figures, drawn only when the examiner opens them.
function renderRunFigures(report) {
  const figures = $('#figures');
  figures.replaceChildren();
  renderFigures(figures, report.figures);
  const sections = $('#sections');
  sections.replaceChildren();
  for (const section of report.sections || []) {
    sections.appendChild(el('h3', section.title || section.id));
    if (section.summary) sections.appendChild(el('p', section.summary));
    renderFigures(sections, section.figures);
  }
}

function playArchived(itemId, start, end) {
  player.ws?.pause();
  const audio = $('#archive-audio');
  audio.src = `/api/items/${itemId}/audio`;
  audio.currentTime = start;
  const stop = () => { if (audio.currentTime >= end) { audio.pause(); audio.removeEventListener('timeupdate', stop); } };
  audio.addEventListener('timeupdate', stop);
  audio.play().catch((error) => toast(`cannot play the archived stretch: ${error.message}`));
}

async function refreshItem() {
  const report = await api(`/api/items/${current.id}`);
  current.report = report;
  current.findings = report.findings;
  renderReport(report);
  player.setFindings(report.findings);
  if (current.selected !== null) selectFinding(current.selected, false);
}

async function showItem(id) {
  current = { id, report: null, findings: [], selected: null };
  for (const row of document.querySelectorAll('tr.item-row')) {
    row.classList.toggle('selected', row.dataset.id === String(id));
  }
  $('#item-panel').hidden = false;
  // The waveform comes first: the report of a long recording (figures,
  // findings) takes the page's main thread for a while, so it is asked for
  // once the waveform is drawn.
  const item = caseItems.find((i) => i.id === id);
  $('#item-title').textContent = `Item ${id}: ${(item?.path || '').split('/').pop()}`;
  $('#item-report-link').href = `/api/items/${id}/report.html`;
  $('#item-json-link').href = `/api/items/${id}`;
  player.setFindings([]);
  await player.open(id, Number(item?.decoded_duration_s) || 0, (fid) => selectFinding(fid));
  if (current.id !== id) return;
  const report = await api(`/api/items/${id}`);
  if (current.id !== id) return;
  current.report = report;
  current.findings = report.findings;
  player.setFindings(report.findings);
  renderReport(report);
}

// Keyboard: space plays, j/k step between findings, c confirms and r
// rejects the current finding (r asks for the reason).
function stepFinding(direction) {
  const list = current.findings;
  if (list.length === 0) return;
  const index = list.findIndex((f) => f.id === current.selected);
  const next = index < 0 ? (direction > 0 ? 0 : list.length - 1)
    : Math.min(list.length - 1, Math.max(0, index + direction));
  selectFinding(list[next].id);
}

function decideByKey(status) {
  const f = current.findings.find((x) => x.id === current.selected);
  if (!f) return toast('select a finding first (j/k or click)');
  if (isNote(f)) return toast(`#${f.id} is a note: information, not a finding to decide`);
  const row = document.querySelector(`#findings tr[data-finding="${f.id}"]`);
  let note = row?.querySelector('input.note')?.value || '';
  if (status === 'rejected') {
    const reason = window.prompt(`Why is finding #${f.id} rejected?`, note);
    if (reason === null) return;
    note = reason;
  }
  review(f.id, status, note);
}

document.addEventListener('keydown', (event) => {
  if (event.target.closest && event.target.closest('input, textarea, select')) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    ' ': () => player.playPause(),
    j: () => stepFinding(-1),
    k: () => stepFinding(1),
    c: () => decideByKey('confirmed'),
    r: () => decideByKey('rejected'),
  };
  const action = actions[event.key];
  if (!action || current.id === null) return;
  event.preventDefault();
  action();
});

$('#run-figures').addEventListener('toggle', () => {
  if ($('#run-figures').open && current.report) renderRunFigures(current.report);
});
$('#play-button').addEventListener('click', () => player.playPause());
$('#zoom').addEventListener('input', (event) => player.zoom(event.target.value));
$('#spectrogram').addEventListener('click', (event) => player.seekFromSpectrogram(event));
setUpDropZone(() => caseToken, async (itemId) => {
  await loadCase();
  await showItem(itemId);
});

loadCase().then((data) => {
  if (data.items.length > 0) showItem(data.items[0].id);
}).catch((error) => {
  $('#case-info').textContent = `cannot load the case: ${error.message}`;
});

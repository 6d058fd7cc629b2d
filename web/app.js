'use strict';
// The case browser: lists items, shows an item's latest report, and records
// examiner decisions through the JSON API. All text goes in through
// textContent; only the SVG figures drawn by Provenance itself are inserted
// as markup.

const $ = (selector) => document.querySelector(selector);

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function toast(message) {
  const box = $('#toast');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
}

// The token the server drew for this case when it started. Every change is
// sent with it, so a review can only land in the case this page shows: a
// server on the same port with another case, or a restarted one, refuses it.
let caseToken = '';

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function seconds(value) {
  return Number(value).toFixed(2) + ' s';
}

async function loadCase() {
  const data = await api('/api/case');
  if (!caseToken) caseToken = data.case_token;
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

function renderFigures(container, figures) {
  for (const figure of figures || []) {
    const box = document.createElement('div');
    box.className = 'figure';
    const title = document.createElement('h4');
    title.textContent = figure.title || '';
    box.appendChild(title);
    if (figure.svg) {
      box.insertAdjacentHTML('beforeend', figure.svg);
    } else if (figure.png_data_uri) {
      const img = document.createElement('img');
      img.src = figure.png_data_uri;
      img.alt = figure.title || 'figure';
      box.appendChild(img);
    }
    container.appendChild(box);
  }
}

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
    await showItem(showItem.current);
  } catch (error) {
    toast(`not recorded: ${error.message}`);
  }
}

async function showItem(id) {
  showItem.current = id;
  const report = await api(`/api/items/${id}`);
  for (const row of document.querySelectorAll('tr.item-row')) {
    row.classList.toggle('selected', row.dataset.id === String(id));
  }
  $('#item-panel').hidden = false;
  $('#item-title').textContent = `Item ${id}: ${report.item.path.split('/').pop()}`;
  const container = report.container || {};
  $('#item-facts').textContent =
    `SHA-256 ${report.item.sha256} · ${report.item.size_bytes} bytes · ${container.format_long || container.format || ''}` +
    ` · decoded ${seconds(report.item.decoded_duration_s)} · intake ${report.item.intake_utc}`;
  $('#item-report-link').href = `/api/items/${id}/report.html`;

  const figures = $('#figures');
  figures.replaceChildren();
  renderFigures(figures, report.figures);
  const sections = $('#sections');
  sections.replaceChildren();
  for (const section of report.sections || []) {
    const heading = document.createElement('h3');
    heading.textContent = section.title || section.id;
    sections.appendChild(heading);
    if (section.summary) {
      const p = document.createElement('p');
      p.textContent = section.summary;
      sections.appendChild(p);
    }
    renderFigures(sections, section.figures);
  }

  const findings = $('#findings tbody');
  findings.replaceChildren();
  for (const f of report.findings) {
    const row = findings.insertRow();
    row.dataset.finding = f.id;
    cell(row, f.id);
    cell(row, `${seconds(f.start_s)} – ${seconds(f.end_s)}`);
    cell(row, f.kind);
    cell(row, f.detector);
    cell(row, Number(f.strength).toFixed(2));
    cell(row, f.summary);
    const status = cell(row, f.status, `status-${f.status}`);
    for (const r of f.reviews || []) {
      const decision = document.createElement('div');
      decision.className = 'decision';
      decision.textContent = `${r.status} by ${r.examiner}, ${r.at_utc}${r.note ? `: “${r.note}”` : ''}`;
      status.appendChild(decision);
    }
    const actions = row.insertCell();
    if (f.kind === 'note') {
      actions.textContent = 'information, not a claim to review';
      actions.className = 'muted';
      continue;
    }
    const note = document.createElement('input');
    note.placeholder = 'note';
    note.className = 'note';
    actions.appendChild(note);
    for (const status of ['confirmed', 'rejected']) {
      const button = document.createElement('button');
      button.textContent = status === 'confirmed' ? 'Confirm' : 'Reject';
      button.dataset.action = status;
      button.addEventListener('click', () => review(f.id, status, note.value));
      actions.appendChild(button);
    }
  }

  const custody = $('#custody tbody');
  custody.replaceChildren();
  for (const e of report.custody) {
    const row = custody.insertRow();
    cell(row, e.id);
    cell(row, e.at_utc);
    cell(row, e.actor);
    cell(row, e.action);
    cell(row, e.tool_version);
    cell(row, JSON.stringify(e.parameters), 'hash');
  }
}

loadCase().then((data) => {
  if (data.items.length > 0) showItem(data.items[0].id);
}).catch((error) => {
  $('#case-info').textContent = `cannot load the case: ${error.message}`;
});

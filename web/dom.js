// Small helpers shared by the page's modules. All text goes in through
// textContent; dir="auto" lets Arabic (or any right-to-left) text read in
// its own direction.

export const $ = (selector) => document.querySelector(selector);

export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
    node.dir = 'auto';
  }
  if (className) node.className = className;
  return node;
}

export function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  td.dir = 'auto';
  if (className) td.className = className;
  return td;
}

export function toast(message) {
  const box = $('#toast');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
}

export async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

export function seconds(value) {
  return Number(value).toFixed(2) + ' s';
}

// m:ss.s for the player's clock.
export function clock(value) {
  const t = Math.max(0, Number(value) || 0);
  const minutes = Math.floor(t / 60);
  const rest = (t - minutes * 60).toFixed(1).padStart(4, '0');
  return `${minutes}:${rest}`;
}

export function renderFigures(container, figures) {
  for (const figure of figures || []) {
    const box = el('div', undefined, 'figure');
    box.appendChild(el('h4', figure.title || ''));
    if (figure.svg) {
      // Drawn by Provenance itself from numbers, never from user text.
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

// Key/value facts as a small table, with readable labels for the keys.
export function factsTable(facts) {
  const table = el('table', undefined, 'facts');
  for (const [key, value] of Object.entries(facts || {})) {
    const row = table.insertRow();
    cell(row, key.replaceAll('_', ' '));
    cell(row, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  }
  return table;
}

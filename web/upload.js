// Dropping a recording (and optionally its transcript) on the page: the
// files are streamed to the server, which analyses them into this case and
// reports progress as server-sent events.
import { $, el, api } from './dom.js';

const transcriptPattern = /\.(txt|srt|vtt)$/i;

async function upload(file, caseToken) {
  const response = await fetch('/api/uploads', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/octet-stream',
      'X-Provenance-Case': caseToken,
      'X-Provenance-Filename': encodeURIComponent(file.name).slice(0, 200),
    },
    body: file,
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${file.name}: ${body.error}`);
  return body.upload;
}

function status(step, fraction) {
  $('#upload-status').hidden = false;
  $('#upload-step').textContent = step;
  const bar = $('#upload-progress');
  if (fraction === null) bar.removeAttribute('value'); else bar.value = fraction;
}

function follow(events, onDone) {
  return new Promise((resolve) => {
    const source = new EventSource(events);
    source.onmessage = (message) => {
      const event = JSON.parse(message.data);
      if (event.type === 'progress') status(`analysing: ${event.step}`, event.fraction);
      if (event.type === 'message') status(event.text, null);
      if (event.type === 'done' || event.type === 'failed') {
        source.close();
        if (event.type === 'done') {
          status('analysis done', 1);
          const links = $('#upload-links');
          links.replaceChildren();
          const html = el('a', 'HTML report');
          html.href = event.report_html;
          html.target = '_blank';
          const json = el('a', 'JSON report');
          json.href = event.report_json;
          json.target = '_blank';
          links.append(' ', html, ' · ', json);
          onDone(event.item);
        } else {
          status(`analysis failed: ${event.message}`, 0);
        }
        resolve(event);
      }
    };
  });
}

export async function analyseFiles(files, caseToken, onDone) {
  const list = Array.from(files);
  const transcript = list.find((f) => transcriptPattern.test(f.name));
  const recording = list.find((f) => f !== transcript);
  if (!recording) {
    status('Drop a recording (a transcript alone cannot be analysed).', 0);
    return;
  }
  try {
    status(`uploading ${recording.name}`, null);
    const recordingId = await upload(recording, caseToken);
    const transcriptId = transcript ? await upload(transcript, caseToken) : null;
    status('starting the analysis', null);
    const job = await api('/api/analyses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Provenance-Case': caseToken },
      body: JSON.stringify({ recording: recordingId, transcript: transcriptId }),
    });
    await follow(job.events, onDone);
  } catch (error) {
    status(`not analysed: ${error.message}`, 0);
  }
}

export function setUpDropZone(getToken, onDone) {
  const zone = $('#drop-zone');
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    analyseFiles(event.dataTransfer.files, getToken(), onDone);
  });
  $('#file-input').addEventListener('change', (event) => analyseFiles(event.target.files, getToken(), onDone));
}

// The case page in a real headless Chromium: an examiner opens a case served
// by `provenance serve`, uploads a recording and waits for its analysis,
// sees the findings as regions on the waveform, plays one, confirms it with
// the keyboard, and finds the decision (who, when, why) kept after a reload
// and in the case file's custody log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missing, startServer, launchBrowser, loadPlaywright } from './serve_helpers.mjs';

const cli = process.env.PROVENANCE_CLI;
const skip = missing(['espeak-ng', 'ffmpeg']);
if (skip) console.log(`SKIPPED: browser test: ${skip}`);

// Two sentences, the second one 25 dB too loud so that it clips: a finding
// (clipping) that starts well after 0 s. espeak's exact-zero pauses also
// give a note (digital silence between words), which is information only.
function recordingWithClipping(dir) {
  const first = join(dir, 'first.wav');
  const second = join(dir, 'second.wav');
  const out = join(dir, 'statement-clipped.wav');
  execFileSync('espeak-ng', ['-w', first, 'We recorded this statement ourselves in the spring.']);
  execFileSync('espeak-ng', ['-w', second, 'Nothing was cut from it, and nothing was added.']);
  execFileSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-i', first, '-i', second, '-filter_complex',
    '[1:a]volume=25dB[b];[0:a][b]concat=n=2:v=0:a=1', '-c:a', 'pcm_s16le', out]);
  return out;
}

test('examiner uploads, plays and confirms a finding in the browser', { skip: skip ?? false, timeout: 180000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'provenance-web-'));
    const wav = join(dir, 'speech.wav');
    const media = join(dir, 'speech.m4a');
    const casePath = join(dir, 'case.db');
    execFileSync('espeak-ng', ['-w', wav, 'We recorded this statement ourselves. Nothing was cut.']);
    execFileSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-i', wav, '-c:a', 'aac', media]);
    execFileSync(cli, ['analyze', media, '--case', casePath]);
    const upload = recordingWithClipping(dir);
    // Its transcript, in Arabic: "We recorded this speech after the fall of Mosul in June 2014."
    const transcript = join(dir, 'statement-clipped.txt');
    writeFileSync(transcript, 'سجلنا هذه الكلمة بعد سقوط الموصل في حزيران ٢٠١٤.\n');

    const { child, url } = await startServer(cli, casePath, join(dir, 'media-cache'));
    const browser = await launchBrowser(loadPlaywright());
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const problems = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
      page.on('dialog', (dialog) => dialog.accept('not needed'));
      await page.goto(url);
      await page.waitForSelector('#items tbody tr.item-row');
      assert.match(await page.textContent('#case-info'), /custody chain intact/);
      // The first item opens with its waveform drawn; the m4a plays as a WAV rendition.
      await page.waitForSelector('#waveform[data-drawn="yes"]');

      // Upload: the server analyses the file into this case and streams progress.
      await page.setInputFiles('#file-input', [upload, transcript]);
      await page.waitForFunction(() => /analysis (done|failed)/.test(document.querySelector('#upload-step').textContent),
        null, { timeout: 120000 });
      assert.equal(await page.textContent('#upload-step'), 'analysis done');
      assert.equal(await page.locator('#upload-links a').count(), 2);
      await page.waitForFunction(() => document.querySelectorAll('#items tbody tr').length === 2);
      await page.waitForSelector('#item-title:has-text("statement-clipped.wav")');
      await page.waitForSelector('#waveform[data-drawn="yes"]');

      // Every finding is a region on the waveform.
      await page.waitForSelector('#findings tbody tr');
      const rows = page.locator('#findings tbody tr');
      const findings = await rows.count();
      assert.ok(findings >= 1, 'the analysis produced findings');
      assert.equal(await page.getAttribute('#waveform', 'data-regions'), String(findings));
      assert.equal(await page.locator('#waveform [data-finding]').count(), findings);
      assert.ok(await page.locator('#q-who .body').textContent(), 'the Who panel says something');
      assert.match(await page.locator('#q-who .body').textContent(), /Not examined/);
      // The transcript dated it: the window opens in June 2014 (the Arabic month and digits read).
      assert.match(await page.locator('#q-when .body').textContent(), /likely 2014-06-01 – no latest bound/);
      assert.equal(await page.locator('#q-when .body p').first().getAttribute('dir'), 'auto');
      // A note is information: no controls to confirm or reject it.
      const notes = page.locator('#findings tbody tr[data-kind="note"]');
      assert.ok(await notes.count() >= 1, 'the digital-silence note is listed');
      assert.equal(await notes.first().locator('button').count(), 0);
      assert.match(await notes.first().locator('td.reviews').textContent(), /information/);

      // Clicking a finding that starts inside the recording plays from there.
      const target = await page.evaluate(() => {
        for (const row of document.querySelectorAll('#findings tbody tr')) {
          const [start, end] = row.querySelector('td.time').textContent.split('–').map((t) => parseFloat(t));
          if (start > 1 && row.dataset.kind !== 'note') return { id: row.dataset.finding, start, end };
        }
        return null;
      });
      assert.ok(target, 'a finding starts after the first second (the clipped sentence)');
      await page.click(`#findings tr[data-finding="${target.id}"] td.time`);
      await page.waitForFunction((start) => {
        const audio = document.querySelector('#player-audio');
        return !audio.paused && audio.currentTime >= start - 0.05;
      }, target.start, { timeout: 15000 });
      const position = await page.evaluate(() => document.querySelector('#player-audio').currentTime);
      assert.ok(position >= target.start - 0.05 && position <= target.end + 1.5,
        `playback at ${position} s, the finding spans ${target.start}-${target.end} s`);

      // Confirm with the keyboard; the decision says who made it.
      await page.fill('#examiner', 'keyboard-examiner');
      await page.evaluate(() => document.activeElement.blur());  // keys go to the page, not the name field
      await page.keyboard.press('Space');  // pause
      await page.keyboard.press('c');
      await page.waitForSelector(`#findings tr[data-finding="${target.id}"] td.status-confirmed`);

      // j steps back through the findings (notes included: r on a note
      // changes nothing); r rejects the first decidable one with a reason.
      let rejected = null;
      for (let step = 0; step < 5 && !rejected; ++step) {
        await page.keyboard.press('j');
        const currentRow = page.locator('#findings tbody tr.current');
        const kind = await currentRow.getAttribute('data-kind');
        const id = await currentRow.getAttribute('data-finding');
        if (kind !== 'note' && id !== target.id) rejected = id;
      }
      assert.ok(rejected, 'j reached another finding to decide');
      await page.keyboard.press('r');  // the reason prompt is answered "not needed"
      await page.waitForSelector(`#findings tr[data-finding="${rejected}"] td.status-rejected`);

      // Reload: the decisions are kept.
      await page.reload();
      await page.waitForSelector('#items tbody tr.item-row');
      await page.click('#items tbody tr:has-text("statement-clipped.wav")');
      await page.waitForSelector(`#findings tr[data-finding="${target.id}"] td.status-confirmed`);
      assert.match(await page.textContent(`#findings tr[data-finding="${target.id}"] td.reviews`),
        /confirmed by keyboard-examiner, \d{4}-\d\d-\d\d/);

      assert.match(await page.textContent(`#findings tr[data-finding="${rejected}"] td.reviews`),
        /rejected by keyboard-examiner, .*not needed/);
      const shots = process.env.PROVENANCE_SCREENSHOT_DIR || dir;
      mkdirSync(shots, { recursive: true });
      await page.waitForSelector('#waveform[data-drawn="yes"]');
      await page.screenshot({ path: join(shots, 'case-page.png'), fullPage: true });
      assert.deepEqual(problems, []);

      const log = JSON.parse(execFileSync(cli, ['case', 'log', casePath, '--json']).toString());
      const [confirm, reject] = log.entries.slice(-2);
      assert.equal(confirm.action, 'review');
      assert.equal(confirm.actor, 'keyboard-examiner');
      assert.equal(confirm.parameters.finding, Number(target.id));
      assert.equal(confirm.parameters.status, 'confirmed');
      assert.equal(reject.parameters.finding, Number(rejected));
      assert.equal(reject.parameters.status, 'rejected');
      assert.equal(reject.parameters.note, 'not needed');
      assert.equal(log.chain_intact, true);
    } finally {
      await browser.close();
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });

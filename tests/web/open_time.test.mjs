// Open time of a long recording in the browser: from the page request to the
// first waveform drawn, for a 46-minute recording (LibriSpeech speech looped,
// AAC in M4A, so the server also makes a WAV rendition). Long to prepare
// (analysis of 46 minutes), so it runs only when PROVENANCE_OPEN_TIME=1;
// bench/README.md records its figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missing, startServer, launchBrowser, loadPlaywright } from './serve_helpers.mjs';

const cli = process.env.PROVENANCE_CLI;
const data = process.env.PROVENANCE_SHARED_DATA || new URL('../../../shared/data', import.meta.url).pathname;
const speech = join(data, 'librispeech-sample/librispeech_test-other/3005/3005-163389-0005.flac');
let skip = missing(['ffmpeg']);
if (!skip && !existsSync(speech)) skip = `${speech} is missing`;
if (!skip && process.env.PROVENANCE_OPEN_TIME !== '1') skip = 'set PROVENANCE_OPEN_TIME=1 to measure';
if (skip) console.log(`SKIPPED: open-time measurement: ${skip}`);

const minutes = Number(process.env.PROVENANCE_OPEN_TIME_MINUTES || 46);

async function openAndTime(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(url);
  await page.waitForSelector('#waveform[data-drawn="yes"]', { timeout: 120000 });
  const figures = await page.evaluate(() => ({
    sincePageRequest: Number(document.querySelector('#waveform').dataset.drawnAt),
    player: Number(document.querySelector('#waveform').dataset.openMs),
  }));
  await page.close();
  return figures;
}

test(`a ${minutes}-minute recording opens with its waveform`, { skip: skip ?? false, timeout: 900000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'provenance-open-'));
  const media = join(dir, 'long-statement.m4a');
  const casePath = join(dir, 'case.db');
  execFileSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-stream_loop', '-1', '-i', speech,
    '-t', String(minutes * 60), '-c:a', 'aac', '-b:a', '64k', media]);
  let started = Date.now();
  execFileSync(cli, ['analyze', media, '--case', casePath]);
  console.log(`analysis of ${minutes} min: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const cache = join(dir, 'media-cache');
  let server = await startServer(cli, casePath, cache);
  const browser = await launchBrowser(loadPlaywright());
  try {
    const cold = await openAndTime(browser, server.url);
    const warm = await openAndTime(browser, server.url);
    server.child.kill('SIGTERM');
    server = await startServer(cli, casePath, cache);
    const restarted = await openAndTime(browser, server.url);
    const line = (name, f) => `${name}: page request -> first waveform ${f.sincePageRequest.toFixed(0)} ms ` +
      `(peaks request -> drawn ${f.player.toFixed(0)} ms)`;
    console.log(line('cold (media built on this request)', cold));
    console.log(line('warm (same server)', warm));
    console.log(line('after a restart (media from the cache folder)', restarted));
    assert.ok(warm.sincePageRequest < 2000, `warm open took ${warm.sincePageRequest} ms`);
    assert.ok(restarted.sincePageRequest < 2000, `open after restart took ${restarted.sincePageRequest} ms`);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

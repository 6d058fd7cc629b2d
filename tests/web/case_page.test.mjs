// The case page in a real headless Chromium: an examiner opens a case served
// by `provenance serve`, sees the item and its findings, and confirms one;
// the decision must land in the case file's custody log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const cli = process.env.PROVENANCE_CLI;
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(new URL('../../web/package.json', import.meta.url));

function missing() {
  if (!cli || !existsSync(cli)) return 'PROVENANCE_CLI does not name the built provenance program';
  if (!existsSync(chromiumPath)) return `Chromium is not installed at ${chromiumPath}`;
  try {
    require.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm install --prefix web)';
  }
  for (const tool of ['espeak-ng', 'ffmpeg']) {
    try { execFileSync('sh', ['-c', `command -v ${tool}`]); } catch { return `${tool} is not installed`; }
  }
  return null;
}

const skip = missing();
if (skip) console.log(`SKIPPED: browser test: ${skip}`);

function startServer(casePath) {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, ['serve', '--case', casePath, '--port', '0', '--examiner', 'browser-examiner']);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[0] });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

test('examiner confirms a finding in the browser', { skip: skip ?? false, timeout: 120000 }, async () => {
  const { chromium } = require('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'provenance-web-'));
  const wav = join(dir, 'speech.wav');
  const media = join(dir, 'speech.m4a');
  const casePath = join(dir, 'case.db');
  execFileSync('espeak-ng', ['-w', wav, 'We recorded this statement ourselves. Nothing was cut.']);
  execFileSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-i', wav, '-c:a', 'aac', media]);
  execFileSync(cli, ['analyze', media, '--case', casePath]);

  const { child, url } = await startServer(casePath);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    await page.goto(url);

    await page.waitForSelector('#items tbody tr.item-row');
    assert.match(await page.textContent('#case-info'), /custody chain intact/);
    assert.equal(await page.locator('#items tbody tr').count(), 1);
    await page.waitForSelector('#findings tbody tr');
    const rows = page.locator('#findings tbody tr');
    assert.ok(await rows.count() >= 1, 'the analysis produced findings');
    assert.ok(await page.locator('#figures svg, #figures img').count() >= 1, 'report figures are shown');

    const first = rows.first();
    const findingId = await first.getAttribute('data-finding');
    await first.locator('input.note').fill('checked against the original upload');
    await first.locator('button[data-action="confirmed"]').click();
    await page.waitForSelector(`#findings tr[data-finding="${findingId}"] td.status-confirmed`);

    const shots = process.env.PROVENANCE_SCREENSHOT_DIR || dir;
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'case-page.png'), fullPage: true });
    assert.deepEqual(problems, []);

    const log = JSON.parse(execFileSync(cli, ['case', 'log', casePath, '--json']).toString());
    const last = log.entries.at(-1);
    assert.equal(last.action, 'review');
    assert.equal(last.actor, 'browser-examiner');
    assert.equal(last.parameters.finding, Number(findingId));
    assert.equal(last.parameters.note, 'checked against the original upload');
    assert.equal(log.chain_intact, true);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

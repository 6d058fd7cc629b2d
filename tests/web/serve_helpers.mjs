// What the browser tests share: the checks for the tools they need, starting
// `provenance serve`, and launching Debian's Chromium through playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(new URL('../../web/package.json', import.meta.url));

// Why the test cannot run here, or null.
export function missing(tools = []) {
  const cli = process.env.PROVENANCE_CLI;
  if (!cli || !existsSync(cli)) return 'PROVENANCE_CLI does not name the built provenance program';
  if (!existsSync(chromiumPath)) return `Chromium is not installed at ${chromiumPath}`;
  try {
    require.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm ci in web/)';
  }
  for (const tool of tools) {
    try { execFileSync('sh', ['-c', `command -v ${tool}`]); } catch { return `${tool} is not installed`; }
  }
  return null;
}

export function loadPlaywright() {
  return require('playwright-core');
}

export function startServer(cli, casePath, mediaCache) {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, ['serve', '--case', casePath, '--port', '0', '--examiner', 'browser-examiner',
      '--media-cache', mediaCache]);
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
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

export function launchBrowser({ chromium }) {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required', '--mute-audio'],
  });
}

#!/usr/bin/env node
// `npm run talk [-- --port 4173] [--no-open] [--build]`: the one command for giving a talk offline.
// The built site cannot be opened from file:// (Chromium refuses module scripts and fetch() of the models from a
// file URL), so this serves dist/ on 127.0.0.1 with `vite preview` and opens talk mode in the default browser.
// It builds first when dist/ is missing or older than any source file (or always, with --build): rebuilding only
// when needed keeps the usual start to a second or two, while a stale dist/ can never be presented by mistake.
// Nothing leaves the machine: the server listens on 127.0.0.1 only and the site loads everything from it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { preview } from 'vite';

const USAGE = 'usage: npm run talk [-- --port <n>] [--no-open] [--build]';

function parseArgs(argv) {
  const opts = { port: 4173, open: true, build: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-open') opts.open = false;
    else if (a === '--build') opts.build = true;
    else if (a === '--port' || a.startsWith('--port=')) {
      const v = a === '--port' ? argv[++i] : a.slice('--port='.length);
      const port = Number(v);
      if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port needs a port number, got ${v}`);
      opts.port = port;
    } else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  return opts;
}

function fail(message) {
  console.error(`talk: ${message}\n${USAGE}`);
  process.exit(2);
}

/** What the built site is made from (the generated wasm modules are rebuilt from their assembly sources; the
 * dependencies' versions are in package-lock.json, so editing package.json's scripts forces no rebuild). */
const SOURCES = [
  'app',
  'components',
  'kernels',
  'simulations',
  'public',
  'package-lock.json',
  'vite.config.ts',
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return path.endsWith('.generated.ts') ? 0 : st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function needsBuild() {
  const index = 'dist/index.html';
  if (!existsSync(index)) return 'dist/ is missing';
  const built = statSync(index).mtimeMs;
  const changed = SOURCES.find((s) => newestMtime(s) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/** Opens the URL in the default browser when there is one; quietly does nothing otherwise. */
function openBrowser(url) {
  const { platform, env } = process;
  let command;
  let args;
  if (platform === 'darwin') [command, args] = ['open', [url]];
  else if (platform === 'win32') [command, args] = ['cmd', ['/c', 'start', '""', url]];
  else {
    // Without a display, xdg-open would fall back to a text browser in this terminal: leave the URL printed.
    if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
    [command, args] = ['xdg-open', [url]];
  }
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {}); // no such opener: the URL is printed anyway
    child.unref();
    return true;
  } catch {
    return false;
  }
}

const opts = parseArgs(process.argv.slice(2));
const reason = opts.build ? '--build' : needsBuild();
if (reason) {
  console.log(`talk: building the site (${reason}) …`);
  const r = spawnSync('npm', ['run', '-s', 'build', '--', '--logLevel', 'warn'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) {
    console.error('talk: the build failed');
    process.exit(r.status ?? 1);
  }
}

let server;
try {
  server = await preview({
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: opts.port, strictPort: true, open: false },
  });
} catch (e) {
  console.error(`talk: cannot serve on 127.0.0.1:${opts.port} (${e?.message ?? e}); try --port <another>`);
  process.exit(1);
}

const url = `http://127.0.0.1:${opts.port}/#/talk/1`;
console.log(`talk: serving dist/ at http://127.0.0.1:${opts.port}/ (this machine only)`);
console.log(`talk: talk mode: ${url}`);
console.log(
  'talk: keys: → / PageDown / Space next · ← / PageUp back · 1–9 jump · F full screen · R reset · Esc exit',
);
const ci = process.env.CI === 'true' || process.env.CI === '1';
if (opts.open && !ci && openBrowser(url)) console.log('talk: opened in the default browser');
console.log('talk: Ctrl+C stops the server');

const stop = async () => {
  await server.close().catch(() => {});
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

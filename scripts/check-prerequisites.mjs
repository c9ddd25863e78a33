#!/usr/bin/env node
/**
 * Checks what `npm test` needs outside npm: Debian's Chromium (the browser for browser/story/e2e tests, and
 * SwiftShader's Vulkan driver for WebGPU in Node) and the Vulkan loader (libvulkan1) that Dawn loads.
 * Installs them with apt-get when running as root; otherwise prints the exact command and exits non-zero.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.BEYOND_ATTENTION_CHROMIUM ?? '/usr/bin/chromium';
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const PACKAGES = ['chromium', 'libvulkan1'];

function hasVulkanLoader() {
  try {
    return execFileSync('/sbin/ldconfig', ['-p'], { encoding: 'utf8' }).includes('libvulkan.so.1');
  } catch {
    return ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1'].some(
      existsSync,
    );
  }
}

function missing() {
  const m = [];
  if (!existsSync(CHROMIUM) || !existsSync(SWIFTSHADER_ICD)) m.push('chromium');
  if (!hasVulkanLoader()) m.push('libvulkan1');
  return m;
}

let need = missing();
if (need.length === 0) {
  console.log(`prerequisites: ok (${CHROMIUM}, SwiftShader Vulkan ICD, libvulkan.so.1)`);
  process.exit(0);
}

const command = `apt-get update && apt-get install -y ${PACKAGES.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `prerequisites: missing ${need.join(', ')}. Install them with:\n\n  sudo sh -c '${command}'\n`,
  );
  process.exit(1);
}
console.log(`prerequisites: installing ${need.join(', ')} with apt-get …`);
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...PACKAGES], { stdio: 'inherit', env });
} catch (error) {
  console.error(`prerequisites: apt-get failed (${error.message}). Run by hand:\n\n  ${command}\n`);
  process.exit(1);
}
need = missing();
if (need.length > 0) {
  console.error(`prerequisites: still missing ${need.join(', ')} after apt-get.`);
  process.exit(1);
}
console.log('prerequisites: installed');

/**
 * The shared WebGPU test harness: one call gives a GPUDevice in Node (Dawn + SwiftShader's Vulkan driver from
 * Debian's chromium package) and in the browser (navigator.gpu). A test that needs WebGPU FAILS when none is
 * found — in CI and everywhere else; it never skips. `npm test` installs the prerequisites first
 * (scripts/check-prerequisites.mjs), so a failure here means the machine is broken, not that the test is optional.
 */
import { type GpuHandle, requestGpuDevice } from '../kernels/runtime/requestGpuDevice';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

type DawnModule = { create(flags: string[]): GPU; globals: Record<string, unknown> };

declare global {
  /** Dawn-node's GPU object. Kept reachable on purpose: if it is garbage-collected the process aborts
   *  with futex/mutex assertions (the Dawn-node lifetime bug, see reference/webgpu.md). */
  var __beyondAttentionDawnGpu: GPU | undefined;
}

let handle: Promise<GpuHandle> | undefined;

const isNode =
  typeof process !== 'undefined' && Boolean(process.versions?.node) && typeof window === 'undefined';

/** Points Dawn at SwiftShader and gives it the private runtime directory Vulkan wants, unless already set. */
function prepareNodeVulkanEnvironment(): void {
  const fs = process.getBuiltinModule('node:fs') as typeof import('node:fs');
  const os = process.getBuiltinModule('node:os') as typeof import('node:os');
  const path = process.getBuiltinModule('node:path') as typeof import('node:path');
  if (!process.env.VK_ICD_FILENAMES && fs.existsSync(SWIFTSHADER_ICD))
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  if (!process.env.XDG_RUNTIME_DIR) {
    const dir = path.join(os.tmpdir(), `beyond-attention-xdg-${process.getuid?.() ?? 'user'}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    process.env.XDG_RUNTIME_DIR = dir;
  }
}

async function nodeGpu(): Promise<GPU> {
  if (!globalThis.__beyondAttentionDawnGpu) {
    prepareNodeVulkanEnvironment();
    // A computed specifier keeps bundlers (Vite's browser mode) from trying to bundle the native addon.
    const specifier = 'webgpu';
    const dawn = (await import(/* @vite-ignore */ specifier)) as DawnModule;
    Object.assign(globalThis, dawn.globals);
    globalThis.__beyondAttentionDawnGpu = dawn.create([]);
  }
  return globalThis.__beyondAttentionDawnGpu;
}

const HOW_TO_FIX =
  'Kernel tests need WebGPU. In Node it comes from Dawn (npm package "webgpu") with SwiftShader from Debian: ' +
  'run `node scripts/check-prerequisites.mjs` (or `sudo apt-get install -y chromium libvulkan1`). ' +
  'In the browser, Chromium must be started with --enable-unsafe-webgpu.';

/** The test device (created once per test worker). Throws with instructions when WebGPU is unavailable. */
export function getTestGpu(): Promise<GpuHandle> {
  handle ??= (async () => {
    try {
      const gpu = isNode ? await nodeGpu() : navigator.gpu;
      return await requestGpuDevice(gpu, 'test device');
    } catch (cause) {
      handle = undefined;
      throw new Error(`${HOW_TO_FIX}\nCause: ${cause instanceof Error ? cause.message : String(cause)}`, {
        cause,
      });
    }
  })();
  return handle;
}

/** Destroys the test device. Dawn's GPU object stays referenced so the process can exit cleanly afterwards. */
export async function releaseTestGpu(): Promise<void> {
  if (!handle) return;
  const { device } = await handle;
  handle = undefined;
  device.destroy();
}

/** Where the tests run, for logs: "node" or "browser". */
export const testGpuHost: 'node' | 'browser' = isNode ? 'node' : 'browser';

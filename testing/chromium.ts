/**
 * How every browser test launches Chromium: always Debian's /usr/bin/chromium (Playwright's own browser
 * download does not work on these machines), headless with WebGPU on SwiftShader, and no background network
 * (the machine's network is closed; Chromium would otherwise retry connections at every start).
 */
export const CHROMIUM_PATH = process.env.BEYOND_ATTENTION_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export const chromiumLaunchOptions = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };

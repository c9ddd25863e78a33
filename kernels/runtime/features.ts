/**
 * Optional WebGPU features: requested when the adapter offers them (requestGpuDevice.ts), used by kernel
 * variants only when the device has them; the portable f32 kernels stay the tested path everywhere.
 * Measured: Dawn + SwiftShader here offers `subgroups` (subgroup size 4) but not `shader-f16`.
 */
export const OPTIONAL_FEATURES = ['subgroups', 'shader-f16'] as const;
export type OptionalFeature = (typeof OPTIONAL_FEATURES)[number];

/** A kernel variant was asked for on a device without the feature it needs. */
export class MissingFeatureError extends Error {
  override name = 'MissingFeatureError';
}

export const hasFeature = (device: GPUDevice, feature: OptionalFeature): boolean =>
  device.features.has(feature);

/** Throws `MissingFeatureError` (naming the kernel and the feature) unless the device has `feature`. */
export function requireFeature(device: GPUDevice, feature: OptionalFeature, kernel: string): void {
  if (!hasFeature(device, feature))
    throw new MissingFeatureError(
      `Kernel “${kernel}” needs the WebGPU feature '${feature}', which this device was not created with ` +
        `(device features: ${[...device.features].sort().join(', ') || 'none'}). Use the portable variant.`,
    );
}

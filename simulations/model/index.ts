import './builtinMixers';

export * from './architectureCard';
export * from './config';
export * from './forward';
export * from './layerPatterns';
export * from './mixerRegistry';
export * from './params';
export * from './presets';
export * from './traceViews';
export * from './validateConfig';

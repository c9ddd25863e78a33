export * from './modelWeights';
export * from './safetensors';

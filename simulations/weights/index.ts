export * from './modelWeights';
export * from './safetensors';
export * from './validateModel';

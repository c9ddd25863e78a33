export * from './costModels';
export * from './mixerCost';

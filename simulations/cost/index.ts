export * from './costModels';

export * from './buildMask';
export * from './kmeansClusters';
export * from './lshBuckets';
export * from './maskSpec';
export * from './maskStats';

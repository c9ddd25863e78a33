export * from './example';
export * from './freeEditing';
export * from './inductionHeads';
export * from './inductionTargets';
export * from './mqar';
export * from './recallMixture';
export * from './recallVariants';
export * from './selectiveCopying';

export * from './affineMonoid';
export * from './executeScan';
export * from './heinsenScan';
export * from './scanNetworks';
